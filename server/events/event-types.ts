import { EVENT_TYPES } from "./catalogue";

/**
 * The families of the catalogue (`run.`, `agent.`, `guard.`, …), derived from its types so a new
 * type's family appears in the filter the day it is catalogued. A filter names either a whole
 * type or one of these prefixes.
 */
export const EVENT_FAMILIES: readonly string[] = [...new Set(EVENT_TYPES.map((type) => `${type.split(".")[0]}.`))].sort();

/** A type filter we can answer: a catalogued type, or a family prefix ending in a dot. */
export function isEventTypeFilter(value: string): boolean {
  return EVENT_FAMILIES.includes(value) || (EVENT_TYPES as readonly string[]).includes(value);
}
