import { z } from "zod";
import { ValidationError } from "../errors";

/**
 * `POST /agents/{id}/runs`. The prompt's size limit (32 KB) is checked in bytes by the verb, so
 * an oversized prompt is a 413 like any oversized body, not a validation message.
 */
export const createRunInput = z.object({
  id: z.uuid(),
  input: z.string().trim().min(1),
  conversationId: z.uuid().optional(),
  stream: z.boolean().optional(),
});

export type CreateRunInput = z.infer<typeof createRunInput>;

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header: printable ASCII, at most 255 characters; absent is fine. */
export function idempotencyKeyFrom(header: string | null): string | null {
  if (header === null) return null;
  const key = header.trim();
  if (!KEY.test(key)) {
    throw new ValidationError(
      "The Idempotency-Key header must be 1–255 printable ASCII characters (a UUID is a good choice).",
      { "Idempotency-Key": "1–255 printable ASCII characters" },
      "invalid_idempotency_key",
    );
  }
  return key;
}
