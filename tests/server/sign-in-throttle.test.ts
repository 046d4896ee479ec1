import { describe, expect, it } from "vitest";
import { throttleAction, ACTION_LIMITS } from "@/server/auth/action-throttle";
import { backoffMs, SIGN_IN_LIMITS, signInGate } from "@/server/auth/sign-in-throttle";
import { MemoryRateLimiter } from "@/server/ratelimit/memory-limiter";
import { WINDOW_MS } from "@/server/ratelimit/limiter";

/** A fixed instant mid-window, so a burst stays in one window. */
const limiterAt = () => new MemoryRateLimiter(() => 5_000 * WINDOW_MS + 1_000);

async function attempts(limiter: MemoryRateLimiter, n: number, email: (i: number) => string, ip: (i: number) => string | null) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await signInGate(limiter, email(i), ip(i)));
  return out;
}

describe("sign-in throttling", () => {
  it("an attacker hammering one account from one IP does not lock the real user out", async () => {
    const limiter = limiterAt();
    const attack = await attempts(
      limiter,
      20,
      () => "victim@example.test",
      () => "203.0.113.66",
    );
    expect(attack.filter((a) => a.allowed)).toHaveLength(SIGN_IN_LIMITS.perAccountFromIp);
    expect(attack.at(-1)).toMatchObject({ allowed: false, retryAfterSeconds: expect.any(Number) });
    // The real user, from their own network, still gets in.
    expect(await signInGate(limiter, "victim@example.test", "198.51.100.10")).toEqual({ allowed: true, delayMs: 0 });
  });

  it("stops a password spray: one IP across many accounts", async () => {
    const limiter = limiterAt();
    const spray = await attempts(
      limiter,
      40,
      (i) => `user${i}@example.test`,
      () => "203.0.113.7",
    );
    expect(spray.filter((a) => a.allowed)).toHaveLength(SIGN_IN_LIMITS.perIp);
    // Another IP is unaffected.
    expect((await signInGate(limiter, "user0@example.test", "203.0.113.8")).allowed).toBe(true);
  });

  it("caps one account across many IPs, and the whole installation", async () => {
    const limiter = limiterAt();
    const distributed = await attempts(
      limiter,
      SIGN_IN_LIMITS.perAccount + 5,
      () => "target@example.test",
      (i) => `10.0.${i >> 8}.${i & 255}`,
    );
    expect(distributed.filter((a) => a.allowed)).toHaveLength(SIGN_IN_LIMITS.perAccount);

    const global = limiterAt();
    const botnet = await attempts(
      global,
      SIGN_IN_LIMITS.global + 5,
      (i) => `u${i}@example.test`,
      (i) => `10.1.${i >> 8}.${i & 255}`,
    );
    expect(botnet.filter((a) => a.allowed)).toHaveLength(SIGN_IN_LIMITS.global);
  });

  it("does not lump clients of unknown IP into one bucket anyone could exhaust", async () => {
    const limiter = limiterAt();
    const many = await attempts(
      limiter,
      SIGN_IN_LIMITS.perIp + 10,
      (i) => `anon${i}@example.test`,
      () => null,
    );
    expect(many.every((a) => a.allowed)).toBe(true);
    // The account allowance still holds for them.
    const one = await attempts(
      limiter,
      12,
      () => "anon-target@example.test",
      () => null,
    );
    expect(one.filter((a) => a.allowed)).toHaveLength(SIGN_IN_LIMITS.perAccountFromIp);
  });

  it("backs off: repeated tries on one account from one IP wait longer and longer", async () => {
    const limiter = limiterAt();
    const delays = (
      await attempts(
        limiter,
        8,
        () => "slow@example.test",
        () => "203.0.113.9",
      )
    ).map((a) => (a.allowed ? a.delayMs : -1));
    expect(delays).toEqual([0, 0, 0, 250, 500, 1000, 2000, 4000]);
    expect(backoffMs(50)).toBe(4000);
  });

  it("limits the identity forms per IP and per address", async () => {
    const limiter = limiterAt();
    const perAddress = [];
    for (let i = 0; i < 5; i++)
      perAddress.push((await throttleAction(limiter, "forgotPassword", `198.51.100.${i}`, "someone@example.test")).allowed);
    expect(perAddress.filter(Boolean)).toHaveLength(ACTION_LIMITS.forgotPassword.perSubject);
    const perIp = [];
    for (let i = 0; i < 15; i++) perIp.push((await throttleAction(limiter, "signUp", "203.0.113.50", `n${i}@example.test`)).allowed);
    expect(perIp.filter(Boolean)).toHaveLength(ACTION_LIMITS.signUp.perIp);
  });
});
