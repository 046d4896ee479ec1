/**
 * Sign-in throttling over real HTTP, against the real limiter (Upstash protocol → bridge →
 * Redis). Per address alone let a spray of one password across many accounts through and let an
 * attacker lock the real user out; now one IP is capped across accounts, and an attacker's IP
 * exhausting its tries on an account leaves the owner, elsewhere, able to sign in.
 *
 * Each client IP is a real source address: every 127.x.y.z is loopback on Linux, so a request
 * bound to 127.9.8.7 reaches the server from that address — no forwarded header is believed
 * (the server trusts no proxy here, as by default).
 */
import { randomInt } from "node:crypto";
import { request as httpRequest } from "node:http";
import { SIGN_IN_LIMITS } from "@/server/auth/sign-in-throttle";
import { expect, test, TEST_PASSWORD, uniqueEmail } from "../support/fixtures";

const randomIp = () => `127.${randomInt(1, 255)}.${randomInt(256)}.${randomInt(1, 255)}`;

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** One HTTP request to the app from source address `ip`. */
function send(ip: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const url = new URL(path, process.env.E2E_BASE_URL);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method, headers, localAddress: ip }, (res) => {
      let data = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (data += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const cookiesOf = (reply: Reply) => ([] as string[]).concat(reply.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");

/** One credentials sign-in from `ip`; answers the outcome code Auth.js redirects with, or "ok". */
async function attempt(ip: string, email: string, password: string): Promise<string> {
  const csrf = await send(ip, "GET", "/api/auth/csrf", {});
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ email, password, csrfToken, callbackUrl: "/orgs" }).toString();
  const response = await send(ip, "POST", "/api/auth/callback/credentials", { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf) }, form);
  expect(response.status).toBe(302);
  const location = new URL(String(response.headers.location ?? ""), "http://x");
  return location.searchParams.get("code") ?? (location.searchParams.get("error") ? "error" : "ok");
}

test("one IP spraying a password across many accounts is cut off; another IP is not", async () => {
  const ip = randomIp();
  // Until refused (a burst straddling a minute boundary may get a few more than the allowance).
  const outcomes: string[] = [];
  while (outcomes.at(-1) !== "rate_limited" && outcomes.length < SIGN_IN_LIMITS.perIp * 2) {
    outcomes.push(await attempt(ip, uniqueEmail("spray"), "Summer2026!"));
  }
  expect(outcomes.at(-1)).toBe("rate_limited");
  expect(outcomes.slice(0, -1).every((o) => o === "invalid_credentials")).toBe(true);
  expect(outcomes.length).toBeGreaterThan(SIGN_IN_LIMITS.perIp);
  expect(await attempt(randomIp(), uniqueEmail("spray"), "Summer2026!")).toBe("invalid_credentials");
});

test("an attacker exhausting an account's tries from one IP does not lock its owner out", async ({ seed }) => {
  test.setTimeout(90_000); // the attacker's later tries are slowed down on purpose
  const victim = await seed.user("Vic Victim");
  const attacker = randomIp();
  // Until refused: the window slides, so a burst that straddles a minute boundary may get a
  // try or two more than the allowance — but never many more.
  let tries = 0;
  let outcome = "";
  while (outcome !== "rate_limited" && tries < SIGN_IN_LIMITS.perAccountFromIp * 2) {
    outcome = await attempt(attacker, victim.email, `Guess-${tries++}-Password!`);
  }
  expect(outcome).toBe("rate_limited");
  expect(tries).toBeGreaterThan(SIGN_IN_LIMITS.perAccountFromIp);
  // The account is not locked: its owner, from elsewhere, signs in.
  expect(await attempt(randomIp(), victim.email, TEST_PASSWORD), "the owner, from elsewhere").toBe("ok");
});
