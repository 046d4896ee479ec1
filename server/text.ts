import { z } from "zod";
import type { ValidationKey } from "./i18n/server-messages";

/**
 * Messages are keys of messages/<locale>/validation.json (see `server/i18n/validation-message.ts`);
 * without them, the code picks the generic one ("At least 2 characters").
 *
 * A one-line name typed by a person (organisation, API key, user): trimmed, bounded, and free of
 * control characters — NUL cannot even be stored in Postgres text, and the others only hide.
 */
export function nameText(min: number, max: number, messages: { min?: ValidationKey; max?: ValidationKey } = {}) {
  return z
    .string()
    .trim()
    .min(min, messages.min)
    .max(max, messages.max)
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { message: "controlCharacters" satisfies ValidationKey });
}
