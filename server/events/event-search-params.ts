import { ACTOR_TYPES, type ActorType } from "../audit/actor-types";
import { EARLIEST_DAY, LATEST_DAY } from "../bounded-date";
import { isEventTypeFilter } from "./event-types";

/**
 * The explorer's filters live in the URL (a GET form, as on the audit page): bookmarkable,
 * shareable, working before any script loads. A value that does not parse is dropped rather than
 * refused — a hand-edited URL shows the stream instead of an error page — and named in
 * `problems` so the page can say which value it ignored. A reversed range is kept and flagged.
 */
export type EventSearch = {
  /** A catalogued type or a family prefix (`run.`). */
  type?: string;
  correlationId?: string;
  actorType?: ActorType;
  actorId?: string;
  /** UTC days, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
  cursor?: string;
};

export type EventSearchProblems = {
  type?: "unknown_type";
  from?: "invalid_date";
  to?: "invalid_date";
  range?: "reversed";
};

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: RawParams, key: string, max = 200): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(key) : params[key];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim().slice(0, max) || undefined;
}

/** A real calendar day the database can hold. */
function isDay(value: string | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && value >= EARLIEST_DAY && value <= LATEST_DAY;
}

export function parseEventSearch(params: RawParams): { search: EventSearch; problems: EventSearchProblems } {
  const type = read(params, "type", 80);
  const from = read(params, "from");
  const to = read(params, "to");
  const actorType = read(params, "actorType");
  const search: EventSearch = {
    type: type && isEventTypeFilter(type) ? type : undefined,
    correlationId: read(params, "correlationId"),
    actorType: (ACTOR_TYPES as readonly string[]).includes(actorType ?? "") ? (actorType as ActorType) : undefined,
    actorId: read(params, "actorId"),
    from: isDay(from) ? from : undefined,
    to: isDay(to) ? to : undefined,
    cursor: read(params, "cursor", 600),
  };
  const problems: EventSearchProblems = {};
  if (type && !search.type) problems.type = "unknown_type";
  if (from && !search.from) problems.from = "invalid_date";
  if (to && !search.to) problems.to = "invalid_date";
  if (search.from && search.to && search.from > search.to) problems.range = "reversed";
  return { search, problems };
}

/** The filters as `events.list` takes them: whole UTC days, `to` through its last millisecond. A reversed range matches nothing. */
export function eventListFilters(search: EventSearch) {
  const reversed = Boolean(search.from && search.to && search.from > search.to);
  return {
    type: search.type,
    correlationId: search.correlationId,
    actorType: search.actorType,
    actorId: search.actorId,
    from: search.from && !reversed ? new Date(`${search.from}T00:00:00.000Z`) : undefined,
    to: search.to && !reversed ? new Date(`${search.to}T23:59:59.999Z`) : undefined,
  };
}

export function isFiltered(search: EventSearch): boolean {
  return Boolean(search.type || search.correlationId || search.actorType || search.actorId || search.from || search.to);
}

/** A query string for a link that keeps the filters (and the cursor, unless overridden). */
export function eventSearchQuery(search: EventSearch, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...search, ...extra })) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}
