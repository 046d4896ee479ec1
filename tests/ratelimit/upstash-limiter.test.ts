import { randomBytes } from "node:crypto";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WINDOW_MS } from "@/server/ratelimit/limiter";
import { UpstashRateLimiter } from "@/server/ratelimit/upstash-limiter";
import { directRedis, runId, startTestBridge, TOKEN } from "../support/redis";

/**
 * The sliding window counts part of the previous minute, so a burst that straddles a minute
 * boundary can legitimately let a few more through. Start bursts away from the boundary.
 */
async function awayFromWindowEdge() {
  const intoWindow = Date.now() % WINDOW_MS;
  if (intoWindow > WINDOW_MS - 2_000) await new Promise((r) => setTimeout(r, WINDOW_MS - intoWindow + 50));
}

describe("UpstashRateLimiter through the bridge (real Redis)", () => {
  const prefix = runId();
  const bucket = (label: string) => `${label}:${randomBytes(4).toString("hex")}`;
  let bridge: Awaited<ReturnType<typeof startTestBridge>>;
  let limiter: UpstashRateLimiter;

  beforeAll(async () => {
    bridge = await startTestBridge();
    const redis = new Redis({ url: bridge.url, token: TOKEN, enableTelemetry: false, retry: false });
    limiter = new UpstashRateLimiter(redis, 1_000, prefix);
  });
  afterAll(async () => {
    await bridge.close();
    const direct = await directRedis();
    await direct.cleanup(prefix);
  });

  it("lets exactly N of N+5 rapid calls through, counting down and resetting within the window", async () => {
    await awayFromWindowEdge();
    const limit = 7;
    const key = bucket("key");
    const before = Date.now();
    const results = [];
    for (let i = 0; i < limit + 5; i++) results.push(await limiter.limit(key, limit));
    expect(results.filter((r) => r.success)).toHaveLength(limit);
    expect(results.map((r) => r.success)).toEqual([...Array(limit).fill(true), ...Array(5).fill(false)]);
    expect(results.slice(0, limit).map((r) => r.remaining)).toEqual([6, 5, 4, 3, 2, 1, 0]);
    for (const r of results) {
      expect(r.limit).toBe(limit);
      expect(r.resetMs).toBeGreaterThan(before);
      expect(r.resetMs).toBeLessThanOrEqual(Date.now() + WINDOW_MS);
    }
    expect(results.slice(limit).every((r) => r.remaining === 0)).toBe(true);
  });

  it("keeps buckets independent", async () => {
    await awayFromWindowEdge();
    const [a, b] = [bucket("tenant"), bucket("tenant")];
    for (let i = 0; i < 3; i++) expect((await limiter.limit(a, 3)).success).toBe(true);
    expect((await limiter.limit(a, 3)).success).toBe(false);
    expect(await limiter.limit(b, 3)).toMatchObject({ success: true, remaining: 2 });
  });

  it("keeps different limits on the same bucket name apart (one prefix per limit)", async () => {
    await awayFromWindowEdge();
    const key = bucket("shared");
    for (let i = 0; i < 2; i++) expect((await limiter.limit(key, 2)).success).toBe(true);
    expect((await limiter.limit(key, 2)).success).toBe(false);
    // A plan change to 5/min starts its own count rather than inheriting the 2/min one.
    const five = [];
    for (let i = 0; i < 6; i++) five.push(await limiter.limit(key, 5));
    expect(five.map((r) => r.success)).toEqual([true, true, true, true, true, false]);
    expect(five[0]).toMatchObject({ limit: 5, remaining: 4 });
    expect((await limiter.limit(key, 2)).success).toBe(false);
  });

  it("stores its counters under the configured prefix", async () => {
    const key = bucket("where");
    await limiter.limit(key, 4);
    const direct = await directRedis();
    try {
      const keys = [];
      for await (const batch of direct.client.scanIterator({ MATCH: `${prefix}:4:${key}:*` })) keys.push(...batch);
      expect(keys).toHaveLength(1);
    } finally {
      await direct.client.close();
    }
  });
});
