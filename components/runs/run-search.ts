import { isDateInBounds } from "@/server/bounded-date";

/**
 * The runs list's filters, read from the URL (the URL is the state: bookmarkable, shareable,
 * working before JavaScript). Values that cannot be used are dropped and named, not sent on to
 * become a 400.
 */
export const RUN_STATUS_VALUES = ["running", "completed", "blocked", "failed"] as const;
export const RISK_VALUES = ["none", "low", "medium", "high", "critical"] as const;

export type RunSearch = {
  agentId?: string;
  status?: (typeof RUN_STATUS_VALUES)[number];
  riskLevel?: (typeof RISK_VALUES)[number];
  from?: string;
  to?: string;
  cursor?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const first = (value: string | string[] | undefined) => [value].flat()[0]?.trim() || undefined;
const validDay = (day: string | undefined) => (day && DAY.test(day) && isDateInBounds(new Date(`${day}T00:00:00Z`)) ? day : undefined);

export function parseRunSearch(raw: Record<string, string | string[] | undefined>): {
  search: RunSearch;
  problems: { from?: boolean; to?: boolean };
} {
  const agentId = first(raw.agent);
  const status = first(raw.status);
  const risk = first(raw.risk);
  const from = first(raw.from);
  const to = first(raw.to);
  const search: RunSearch = {
    agentId: agentId && UUID.test(agentId) ? agentId : undefined,
    status: (RUN_STATUS_VALUES as readonly string[]).includes(status ?? "") ? (status as RunSearch["status"]) : undefined,
    riskLevel: (RISK_VALUES as readonly string[]).includes(risk ?? "") ? (risk as RunSearch["riskLevel"]) : undefined,
    from: validDay(from),
    to: validDay(to),
    cursor: first(raw.cursor)?.slice(0, 600),
  };
  return { search, problems: { from: Boolean(from && !search.from), to: Boolean(to && !search.to) } };
}

/** The list procedure's filters: `to` is a whole day, so the range ends at the start of the next. */
export function runListFilters(search: RunSearch) {
  const dayAfter = (day: string) => new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000).toISOString();
  return {
    agentId: search.agentId,
    status: search.status,
    riskLevel: search.riskLevel,
    from: search.from ? new Date(`${search.from}T00:00:00Z`).toISOString() : undefined,
    to: search.to ? dayAfter(search.to) : undefined,
  };
}

/** The query string for these filters (and a cursor). */
export function runSearchQuery(search: RunSearch, extra: { cursor?: string } = {}): string {
  const params = new URLSearchParams();
  if (search.agentId) params.set("agent", search.agentId);
  if (search.status) params.set("status", search.status);
  if (search.riskLevel) params.set("risk", search.riskLevel);
  if (search.from) params.set("from", search.from);
  if (search.to) params.set("to", search.to);
  if (extra.cursor) params.set("cursor", extra.cursor);
  const query = params.toString();
  return query ? `?${query}` : "";
}
