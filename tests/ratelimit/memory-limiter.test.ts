import { describe, expect, it } from "vitest";
import { rateLimitHeaders } from "@/server/ratelimit";
import { WINDOW_MS } from "@/server/ratelimit/limiter";
import { MemoryRateLimiter } from "@/server/ratelimit/memory-limiter";

/** A clock the test moves by hand; windows are aligned to multiples of WINDOW_MS. */
function clock(start: number) {
  let now = start;
  return { now: () => now, set: (t: number) => void (now = t) };
}

const WINDOW_START = 1_000 * WINDOW_MS;
const at = (windows: number, seconds: number) => WINDOW_START + windows * WINDOW_MS + seconds * 1_000;

async function burst(limiter: MemoryRateLimiter, bucket: string, perMinute: number, calls: number) {
  const results = [];
  for (let i = 0; i < calls; i++) results.push(await limiter.limit(bucket, perMinute));
  return results;
}

describe("MemoryRateLimiter", () => {
  it("allows N then refuses, counting down, without counting refusals", async () => {
    const time = clock(at(0, 10));
    const limiter = new MemoryRateLimiter(time.now);
    const results = await burst(limiter, "key:a", 5, 8);
    expect(results.map((r) => r.success)).toEqual([true, true, true, true, true, false, false, false]);
    expect(results.map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0, 0]);
    expect(results.every((r) => r.limit === 5)).toBe(true);
    // Refused calls did not use up the next window's share: the previous window holds exactly 5.
    time.set(at(1, 30));
    // (Had they counted, floor(8 * 0.5) = 4 would be used and 0 remain.)
    expect(await limiter.limit("key:a", 5)).toMatchObject({ success: true, remaining: 5 - Math.floor(5 * 0.5) - 1 });
  });

  it("resets at the start of the next window, wherever in this one the call falls", async () => {
    const time = clock(at(0, 0));
    const limiter = new MemoryRateLimiter(time.now);
    expect((await limiter.limit("key:r", 3)).resetMs).toBe(at(1, 0));
    time.set(at(0, 59.999));
    expect((await limiter.limit("key:r", 3)).resetMs).toBe(at(1, 0));
    time.set(at(1, 0));
    expect((await limiter.limit("key:r", 3)).resetMs).toBe(at(2, 0));
  });

  it("weighs the previous window by how much of it still overlaps", async () => {
    const time = clock(at(0, 50));
    const limiter = new MemoryRateLimiter(time.now);
    expect((await burst(limiter, "key:s", 6, 6)).every((r) => r.success)).toBe(true);

    // 15 s into the next window, 75% of the previous 6 still counts: floor(4.5) = 4 used.
    time.set(at(1, 15));
    const early = await burst(limiter, "key:s", 6, 3);
    expect(early.map((r) => r.success)).toEqual([true, true, false]);
    expect(early[0]!.remaining).toBe(6 - 4 - 1);

    // 45 s in, only 25% of it counts: floor(1.5) = 1, plus the 2 taken here = 3 used.
    time.set(at(1, 45));
    const late = await burst(limiter, "key:s", 6, 4);
    expect(late.map((r) => r.success)).toEqual([true, true, true, false]);

    // Two windows on, the burst from window 0 no longer counts; window 1's 5 count at 99%.
    time.set(at(2, 0.6));
    expect(await limiter.limit("key:s", 6)).toMatchObject({ success: true, remaining: 6 - Math.floor(5 * 0.99) - 1 });

    // After a whole idle window, everything is forgotten.
    time.set(at(4, 1));
    expect(await limiter.limit("key:s", 6)).toMatchObject({ success: true, remaining: 5 });
  });

  it("keeps buckets apart", async () => {
    const limiter = new MemoryRateLimiter(clock(at(0, 5)).now);
    await burst(limiter, "tenant:1", 2, 2);
    expect((await limiter.limit("tenant:1", 2)).success).toBe(false);
    expect((await limiter.limit("tenant:2", 2)).success).toBe(true);
  });
});

describe("rateLimitHeaders", () => {
  const now = 1_700_000_000_000;

  it("sends RateLimit-Limit/Remaining/Reset, and no Retry-After when allowed", () => {
    expect(rateLimitHeaders({ success: true, limit: 60, remaining: 59, resetMs: now + 1_500 }, now)).toEqual({
      "RateLimit-Limit": "60",
      "RateLimit-Remaining": "59",
      "RateLimit-Reset": "2",
    });
  });

  it("adds Retry-After, at least one second, only when refused", () => {
    expect(rateLimitHeaders({ success: false, limit: 60, remaining: 0, resetMs: now + 42_000 }, now)).toEqual({
      "RateLimit-Limit": "60",
      "RateLimit-Remaining": "0",
      "RateLimit-Reset": "42",
      "Retry-After": "42",
    });
    // A reset already due (clock skew, a window edge) must not tell clients to retry after 0 s.
    expect(rateLimitHeaders({ success: false, limit: 1, remaining: 0, resetMs: now - 10 }, now)).toMatchObject({
      "RateLimit-Reset": "0",
      "Retry-After": "1",
    });
  });

  it("matches what the memory limiter reports at the limit", async () => {
    const time = clock(at(0, 20));
    const limiter = new MemoryRateLimiter(time.now);
    await burst(limiter, "key:h", 1, 1);
    const refused = await limiter.limit("key:h", 1);
    expect(rateLimitHeaders(refused, time.now())).toEqual({
      "RateLimit-Limit": "1",
      "RateLimit-Remaining": "0",
      "RateLimit-Reset": "40",
      "Retry-After": "40",
    });
  });
});
