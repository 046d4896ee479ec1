import { TtlCache } from "../cache/ttl-cache";

/**
 * (user, slug) → tenant id, for a minute. Only the *lookup* is cached: membership is re-checked
 * inside every tenant transaction, so a stale entry can only ever lead to a 404.
 */
export const slugCache = new TtlCache<string | null>(60_000, 10_000);
