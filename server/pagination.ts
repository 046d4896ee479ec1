import { z } from "zod";
import { isDateInBounds } from "./bounded-date";
import { ValidationError } from "./errors";

/** Keyset cursors over (created_at, id), opaque to clients. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  // A forged cursor with a date PostgreSQL cannot hold would otherwise reach it (a 500).
  if (!id || !isDateInBounds(at) || !z.uuid().safeParse(id).success) {
    throw new ValidationError("The cursor is not valid; start again from the first page.", { cursor: "Invalid cursor" }, "invalid_cursor");
  }
  return { at, id };
}

export const pageInput = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};
