import { z } from "zod";

/** E-mail addresses are compared lower-cased and trimmed, everywhere. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "At most 254 characters")
  .pipe(z.email("Enter a valid e-mail address, like name@example.com"));
