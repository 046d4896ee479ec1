/**
 * Rate limits against the real limiter (Upstash protocol → bridge → local Redis): a fresh key on
 * the free plan gets 120 requests a minute, with RateLimit-* headers on the way and a 429 with
 * Retry-After at the end.
 */
import { expect, test } from "../support/fixtures";
import { bearer, expectError } from "../support/http";

const FREE_KEY_LIMIT = 120; // plans.free.limits.apiKeyRequestsPerMinute

test("a fresh free-plan key is limited to 120/min: RateLimit-* headers, then 429 with Retry-After", async ({
  request,
  seedTenantWithKey,
}) => {
  const a = await seedTenantWithKey({ scopes: ["tenant:read"] });
  const remaining: number[] = [];
  let refused: Awaited<ReturnType<typeof request.get>> | null = null;
  // A few in flight at a time: quick, yet every answer is accounted for.
  for (let sent = 0; !refused && sent < FREE_KEY_LIMIT * 2; sent += 4) {
    const batch = await Promise.all(Array.from({ length: 4 }, () => request.get("/api/v1/tenant", { headers: bearer(a.key.secret) })));
    for (const response of batch) {
      if (response.status() === 429) {
        refused ??= response;
        continue;
      }
      expect(response.status()).toBe(200);
      const headers = response.headers();
      expect(headers["ratelimit-limit"]).toBe(String(FREE_KEY_LIMIT));
      expect(Number(headers["ratelimit-reset"])).toBeGreaterThanOrEqual(0);
      expect(Number(headers["ratelimit-reset"])).toBeLessThanOrEqual(60);
      expect(headers["retry-after"], "no Retry-After while allowed").toBeUndefined();
      remaining.push(Number(headers["ratelimit-remaining"]));
    }
  }
  expect(refused, "a 429 arrives").not.toBeNull();
  // At least the limit got through (a sliding window crossing a minute boundary may allow a few more).
  expect(remaining.length).toBeGreaterThanOrEqual(FREE_KEY_LIMIT);
  expect(remaining.length).toBeLessThan(FREE_KEY_LIMIT * 2);
  expect(Math.max(...remaining)).toBe(FREE_KEY_LIMIT - 1);
  expect(Math.min(...remaining)).toBe(0);

  const body = await expectError(refused!, 429, "rate_limited");
  expect(body.error.details).toMatchObject({ scope: "api_key", limit: FREE_KEY_LIMIT });
  const retryAfter = Number(refused!.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(refused!.headers()["ratelimit-limit"]).toBe(String(FREE_KEY_LIMIT));
  expect(refused!.headers()["ratelimit-remaining"]).toBe("0");

  // Still refused on the next call, over tRPC too: the limit is per key, whatever the door.
  await expectError(await request.get("/api/v1/tenant", { headers: bearer(a.key.secret) }), 429, "rate_limited");
  const trpc = await request.get("/api/trpc/tenant.get", { headers: bearer(a.key.secret) });
  expect(trpc.status()).toBe(429);
  expect(Number(trpc.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
});

test("another key of the same tenant has its own budget", async ({ request, seed, seedTenantWithKey }) => {
  const a = await seedTenantWithKey({ scopes: ["tenant:read"] });
  const other = await seed.key(a, a.owner, ["tenant:read"], "second key");
  const first = await request.get("/api/v1/tenant", { headers: bearer(a.key.secret) });
  const second = await request.get("/api/v1/tenant", { headers: bearer(other.secret) });
  expect(first.headers()["ratelimit-remaining"]).toBe(String(FREE_KEY_LIMIT - 1));
  expect(second.headers()["ratelimit-remaining"]).toBe(String(FREE_KEY_LIMIT - 1));
});
