import { z } from "zod";

/**
 * A one-line name typed by a person (organisation, API key, user): trimmed, bounded, and free of
 * control characters — NUL cannot even be stored in Postgres text, and the others only hide.
 */
export function nameText(min: number, max: number, messages: { min: string; max: string }) {
  return z
    .string()
    .trim()
    .min(min, messages.min)
    .max(max, messages.max)
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { message: "Remove control characters (such as line breaks)" });
}
