import { asc, desc, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { isDateInBounds } from "./bounded-date";
import { ValidationError } from "./errors";

/**
 * Keyset pagination, one shape for every list (members, API keys, the platform console): rows are
 * ordered by a tuple of keys ending in a unique one, and the cursor carries the last row's tuple,
 * opaque to clients. The next page is the rows whose tuple sorts after it — a row comparison
 * `(k1, k2, …) > ($1, $2, …)` that Postgres answers from an index, and that neither skips nor
 * repeats rows when others are inserted or deleted between pages (an offset does both).
 *
 * The audit log pages by its chain position (`seq`), which is already such a key and which
 * clients may use meaningfully, so it keeps its numeric cursor.
 */

/** How a key's cursor value is bound: as text, cast in SQL (drivers differ in how they send a Date). */
type KeyType = "timestamptz" | "uuid" | "text" | "int4";

export type KeyPart = { expr: SQL | AnyColumn; type: KeyType };

type KeyValue = string | number;

const valueSchemas: Record<KeyType, z.ZodType<KeyValue>> = {
  // A date PostgreSQL cannot hold would otherwise reach it and come back as a 500.
  timestamptz: z.string().refine((iso) => isDateInBounds(new Date(iso))),
  uuid: z.uuid(),
  text: z.string().max(400),
  int4: z
    .number()
    .int()
    .min(-(2 ** 31))
    .max(2 ** 31 - 1),
};

const invalidCursor = () =>
  new ValidationError("The cursor is not valid; start again from the first page.", { cursor: "Invalid cursor" }, "invalid_cursor");

export function encodeCursor(values: KeyValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string, parts: readonly KeyPart[]): KeyValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(values) || values.length !== parts.length) throw invalidCursor();
  return parts.map((part, i) => {
    const parsed = valueSchemas[part.type].safeParse(values[i]);
    if (!parsed.success) throw invalidCursor();
    return parsed.data;
  });
}

export const pageInput = {
  cursor: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

/** The condition for the rows after `cursor` in the order of `parts` (all ascending or all descending), and that order. */
export function keyset(
  parts: readonly KeyPart[],
  direction: "asc" | "desc",
  cursor: string | undefined,
): { where: SQL | undefined; orderBy: SQL[] } {
  const order = direction === "asc" ? asc : desc;
  const orderBy = parts.map((part) => order(part.expr));
  if (!cursor) return { where: undefined, orderBy };
  const values = decodeCursor(cursor, parts);
  const left = sql.join(
    parts.map((part) => sql`${part.expr}`),
    sql`, `,
  );
  const right = sql.join(
    parts.map((part, i) => sql`${values[i]}::${sql.raw(part.type)}`),
    sql`, `,
  );
  return { where: direction === "asc" ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`, orderBy };
}

/** `created_at` to the millisecond: a cursor (a JS Date) holds no microseconds, so both sides are keyed on the millisecond. */
const createdMs = (createdAt: AnyColumn) => sql`date_trunc('milliseconds', ${createdAt})`;

/** The common case: newest first over (creation time, id). */
export function newestFirst(createdAt: AnyColumn, id: AnyColumn, cursor: string | undefined) {
  return keyset(
    [
      { expr: createdMs(createdAt), type: "timestamptz" },
      { expr: id, type: "uuid" },
    ],
    "desc",
    cursor,
  );
}

/** The cursor values of a row listed by `newestFirst`. */
export const newestFirstKey = (row: { createdAt: Date; id: string }): KeyValue[] => [row.createdAt.toISOString(), row.id];

/** A page from `limit + 1` rows: the first `limit` as items, and the cursor after the last when there is more. */
export function keysetPage<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  keyOf: (row: Row) => KeyValue[],
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(toItem), nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
