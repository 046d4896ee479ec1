import { z } from "zod";
import type { ValidationKey } from "../i18n/server-messages";

export const COMMENT_MAX = 4000;

/** A comment typed by a person: trimmed, not empty, at most 4,000 characters, no NUL. */
export const commentText = z
  .string()
  .trim()
  .min(1, "writeComment" satisfies ValidationKey)
  .max(COMMENT_MAX, "commentTooLong" satisfies ValidationKey)
  .refine((value) => !value.includes("\u0000"), { message: "controlCharacters" satisfies ValidationKey });
