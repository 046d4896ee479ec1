import { INCIDENT_FILTER_VALUES, type IncidentSearch } from "@/components/incidents/incident-filters";

type Raw = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const oneOf = <T extends readonly string[]>(values: T, v: string | undefined) =>
  v && (values as readonly string[]).includes(v) ? v : undefined;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (v: string | undefined) =>
  v && DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && v >= "2000-01-01" ? v : undefined;

/**
 * The list's filters from the URL. A value that does not parse is dropped rather than refused —
 * a hand-edited URL shows the list instead of an error page.
 */
export function readIncidentSearch(raw: Raw): { search: IncidentSearch; cursor?: string } {
  return {
    search: {
      status: oneOf(INCIDENT_FILTER_VALUES.status, first(raw.status)),
      severity: oneOf(INCIDENT_FILTER_VALUES.severity, first(raw.severity)),
      detector: oneOf(INCIDENT_FILTER_VALUES.detector, first(raw.detector)),
      from: day(first(raw.from)),
      to: day(first(raw.to)),
    },
    cursor: first(raw.cursor),
  };
}

/** UTC day bounds: `from` at its midnight, `to` through its end (the next midnight, exclusive). */
export function dayRange(search: IncidentSearch): { from?: Date; to?: Date } {
  const to = search.to ? new Date(Date.parse(`${search.to}T00:00:00Z`) + 86_400_000) : undefined;
  return { from: search.from ? new Date(`${search.from}T00:00:00Z`) : undefined, to: to && to.getUTCFullYear() <= 9999 ? to : undefined };
}

export function searchQuery(search: IncidentSearch, extra: Record<string, string> = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...search, ...extra })) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "?";
}
