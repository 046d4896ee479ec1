import { and, desc, eq, lt, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
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

/**
 * Keyset pagination, newest first, over (creation time, id): the condition for the rows after
 * `cursor` and the order that goes with it. `created_at` has microseconds but the cursor (a JS
 * Date) only milliseconds, so both sides are keyed on the millisecond — otherwise rows created
 * within the same millisecond as a page's last one were skipped. The cursor's time is bound as
 * text: drivers differ in how (or whether) they serialise a bare Date parameter.
 */
export function newestFirst(createdAt: AnyColumn, id: AnyColumn, cursor: string | undefined): { where: SQL | undefined; orderBy: SQL[] } {
  const createdMs = sql`date_trunc('milliseconds', ${createdAt})`;
  const after = cursor ? decodeCursor(cursor) : null;
  const afterAt = after ? sql`${after.at.toISOString()}::timestamptz` : null;
  return {
    where: after && afterAt ? or(lt(createdMs, afterAt), and(eq(createdMs, afterAt), lt(id, after.id))) : undefined,
    orderBy: [desc(createdMs), desc(id)],
  };
}

/** A page from `limit + 1` rows: the first `limit` as items, and the cursor after the last when there is more. */
export function keysetPage<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  keyOf: (row: Row) => { createdAt: Date; id: string },
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const key = rows.length > limit && last ? keyOf(last) : null;
  return { items: page.map(toItem), nextCursor: key ? encodeCursor(key.createdAt, key.id) : null };
}
