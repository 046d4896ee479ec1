import { afterEach, describe, expect, it, vi } from "vitest";
import { logger } from "@/server/obs/logger";
import { UpstashRateLimiter } from "@/server/ratelimit/upstash-limiter";
import { stalledServer, TOKEN, unusedPort } from "../support/redis";

/**
 * docs/adr/0003-rate-limits-fail-open.md: when Redis cannot answer in time, requests pass and a
 * warning is logged. These run against real sockets, nothing mocked; the spy only watches the log.
 */
describe("UpstashRateLimiter fails open", () => {
  afterEach(() => vi.restoreAllMocks());

  it("allows the request when nothing listens at the REST URL", async () => {
    const warn = vi.spyOn(logger, "warn");
    const limiter = UpstashRateLimiter.fromConfig(`http://127.0.0.1:${await unusedPort()}`, TOKEN, 200);
    const started = Date.now();
    const result = await limiter.limit("key:unreachable", 10);
    expect(result.success).toBe(true);
    expect(result.limit).toBe(10);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ bucket: "key:unreachable" }), expect.stringMatching(/allowed/));
  });

  it("allows the request when the bridge stalls beyond the timeout", async () => {
    const warn = vi.spyOn(logger, "warn");
    const stalled = await stalledServer();
    try {
      const limiter = UpstashRateLimiter.fromConfig(stalled.url, TOKEN, 150);
      const started = Date.now();
      const result = await limiter.limit("key:stalled", 10);
      const elapsed = Date.now() - started;
      expect(result.success).toBe(true);
      expect(result.limit).toBe(10);
      expect(elapsed).toBeGreaterThanOrEqual(140);
      expect(elapsed).toBeLessThan(1_000);
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ bucket: "key:stalled" }), expect.stringMatching(/timed out/));
    } finally {
      // Dropping the stalled sockets fails the abandoned request; that must not surface.
      await stalled.close();
    }
  });
});
