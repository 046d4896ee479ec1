/**
 * (user, slug) → tenant id, for a minute. Only the *lookup* is cached: membership is re-checked
 * inside every tenant transaction, so a stale entry can only ever lead to a 404.
 */
class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    const value = await load();
    if (value !== null && value !== undefined) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
    }
    return value;
  }

  delete(key: string) {
    this.entries.delete(key);
  }
}

export const slugCache = new TtlCache<string | null>(60_000, 10_000);
