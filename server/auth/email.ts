import { z } from "zod";

/** E-mail addresses are compared lower-cased and trimmed, everywhere. */
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
