import { ACTOR_TYPES, type ActorType } from "./actor-types";
import { EARLIEST_DAY, LATEST_DAY } from "../bounded-date";

/**
 * The audit page's filters live in the URL (a GET form), so the page, its "Older" link and the
 * export route all read them the same way, here. A value that does not parse is dropped rather
 * than refused — a hand-edited URL shows the log instead of an error page — and named in
 * `problems`, so the page can say which date it ignored and why. A reversed range is kept (it
 * matches nothing) and flagged.
 */

/** The action families the filter offers (every action is `<family>.<verb>`). */
export const AUDIT_ACTION_PREFIXES = [
  "tenant.",
  "member.",
  "invitation.",
  "apikey.",
  "agent.",
  "knowledge.",
  "tool.",
  "incident.",
  "guard.",
  "provider_credential.",
  "audit.",
  "event.",
  "dead_letter.",
  "workflow.",
  "workflow_run.",
  "approval.",
  "retention.",
  "webhook.",
  "playbook.",
  "response.",
  "billing.",
  "impersonation.",
] as const;
export type AuditActionPrefix = (typeof AUDIT_ACTION_PREFIXES)[number];

export type AuditSearch = {
  action?: AuditActionPrefix;
  actorType?: ActorType;
  /** UTC days, YYYY-MM-DD (what `<input type="date">` sends), both inclusive. */
  from?: string;
  to?: string;
  cursor?: number;
};

/** What the page tells the reader about the dates it was given. */
export type AuditSearchProblems = {
  from?: "invalid_date";
  to?: "invalid_date";
  /** `from` is after `to`: nothing can match. */
  range?: "reversed";
};

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: RawParams, key: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(key) : params[key];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

/** A real calendar day (no 2026-13-45, no 2026-02-30) that the database can hold. */
function isDay(value: string | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && value >= EARLIEST_DAY && value <= LATEST_DAY;
}

function oneOf<T extends string>(list: readonly T[], value: string | undefined): T | undefined {
  return (list as readonly string[]).includes(value ?? "") ? (value as T) : undefined;
}

export function parseAuditSearch(params: RawParams): AuditSearch {
  return parseAuditSearchWithProblems(params).search;
}

export function parseAuditSearchWithProblems(params: RawParams): { search: AuditSearch; problems: AuditSearchProblems } {
  const from = read(params, "from");
  const to = read(params, "to");
  const cursor = Number(read(params, "cursor"));
  const search: AuditSearch = {
    action: oneOf(AUDIT_ACTION_PREFIXES, read(params, "action")),
    actorType: oneOf(ACTOR_TYPES, read(params, "actorType")),
    from: isDay(from) ? from : undefined,
    to: isDay(to) ? to : undefined,
    cursor: Number.isSafeInteger(cursor) && cursor > 0 ? cursor : undefined,
  };
  const problems: AuditSearchProblems = {};
  if (from && !search.from) problems.from = "invalid_date";
  if (to && !search.to) problems.to = "invalid_date";
  if (search.from && search.to && search.from > search.to) problems.range = "reversed";
  return { search, problems };
}

/** The filters as `audit.list` takes them: whole UTC days, `to` up to its last millisecond. */
export function auditListFilters(search: AuditSearch) {
  return {
    action: search.action,
    actorType: search.actorType,
    from: search.from ? new Date(`${search.from}T00:00:00.000Z`) : undefined,
    to: search.to ? new Date(`${search.to}T23:59:59.999Z`) : undefined,
  };
}

/** A query string for a link that keeps the filters (and the cursor, unless overridden). */
export function auditSearchQuery(search: AuditSearch, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  const all: Record<string, string | number | undefined> = { ...search, ...extra };
  for (const [key, value] of Object.entries(all)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}
