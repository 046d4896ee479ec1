import { z } from "zod";
import type { ValidationKey } from "./i18n/server-messages";

/**
 * The instants a filter or cursor may name. JavaScript dates reach ±275,760 years; PostgreSQL
 * refuses years before 4713 BC, year 0 and (as text) years past 9999 — so an unbounded date from a
 * URL reached the database and came back as a 500. Nothing we store predates 2000 or outlives
 * 9999: bounding here turns every such input into a 400 that says what is allowed.
 */
export const EARLIEST_DATE = new Date("2000-01-01T00:00:00.000Z");
export const LATEST_DATE = new Date("9999-12-31T23:59:59.999Z");
export const EARLIEST_DAY = "2000-01-01";
export const LATEST_DAY = "9999-12-31";

export function isDateInBounds(date: Date): boolean {
  const ms = date.getTime();
  return !Number.isNaN(ms) && ms >= EARLIEST_DATE.getTime() && ms <= LATEST_DATE.getTime();
}

/** A date input (ISO string or date) within the bounds above. */
export const boundedDate = z.coerce
  .date({ error: "notADate" satisfies ValidationKey })
  .refine(isDateInBounds, { message: "dateOutOfRange" satisfies ValidationKey });
