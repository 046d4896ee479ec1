/**
 * Sign-in throttling over real HTTP, against the real limiter (Upstash protocol → bridge →
 * Redis). Per address alone let a spray of one password across many accounts through and let an
 * attacker lock the real user out; now one IP is capped across accounts, and an attacker's IP
 * exhausting its tries on an account leaves the owner, elsewhere, able to sign in.
 *
 * The client IP is what the request-meta helper reads (`X-Forwarded-For`, as set by our proxy);
 * if the server comes to trust that header only from configured proxies, this suite's server
 * must list the loopback address as one.
 */
import { randomInt } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { SIGN_IN_LIMITS } from "@/server/auth/sign-in-throttle";
import { expect, test, TEST_PASSWORD, uniqueEmail } from "../support/fixtures";

const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** One credentials sign-in from `ip`; answers the outcome code Auth.js redirects with, or "ok". */
async function attempt(request: APIRequestContext, ip: string, email: string, password: string): Promise<string> {
  const headers = { "x-forwarded-for": ip };
  const { csrfToken } = (await (await request.get("/api/auth/csrf", { headers })).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    headers,
    form: { email, password, csrfToken, callbackUrl: "/orgs" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  const location = new URL(response.headers().location ?? "", "http://x");
  return location.searchParams.get("code") ?? (location.searchParams.get("error") ? "error" : "ok");
}

test("one IP spraying a password across many accounts is cut off; another IP is not", async ({ playwright }) => {
  const request = await playwright.request.newContext();
  try {
    const ip = randomIp();
    // Until refused (a burst straddling a minute boundary may get a few more than the allowance).
    const outcomes: string[] = [];
    while (outcomes.at(-1) !== "rate_limited" && outcomes.length < SIGN_IN_LIMITS.perIp * 2) {
      outcomes.push(await attempt(request, ip, uniqueEmail("spray"), "Summer2026!"));
    }
    expect(outcomes.at(-1)).toBe("rate_limited");
    expect(outcomes.slice(0, -1).every((o) => o === "invalid_credentials")).toBe(true);
    expect(outcomes.length).toBeGreaterThan(SIGN_IN_LIMITS.perIp);
    expect(await attempt(request, randomIp(), uniqueEmail("spray"), "Summer2026!")).toBe("invalid_credentials");
  } finally {
    await request.dispose();
  }
});

test("an attacker exhausting an account's tries from one IP does not lock its owner out", async ({ playwright, seed }) => {
  test.setTimeout(90_000); // the attacker's later tries are slowed down on purpose
  const victim = await seed.user("Vic Victim");
  const request = await playwright.request.newContext();
  try {
    const attacker = randomIp();
    // Until refused: the window slides, so a burst that straddles a minute boundary may get a
    // try or two more than the allowance — but never many more.
    let tries = 0;
    let outcome = "";
    while (outcome !== "rate_limited" && tries < SIGN_IN_LIMITS.perAccountFromIp * 2) {
      outcome = await attempt(request, attacker, victim.email, `Guess-${tries++}-Password!`);
    }
    expect(outcome).toBe("rate_limited");
    expect(tries).toBeGreaterThan(SIGN_IN_LIMITS.perAccountFromIp);
    // The account is not locked: its owner, from elsewhere, signs in.
    expect(await attempt(request, randomIp(), victim.email, TEST_PASSWORD), "the owner, from elsewhere").toBe("ok");
  } finally {
    await request.dispose();
  }
});
