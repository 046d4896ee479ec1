import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * `proxy.ts` itself (what `next start` runs before every page and API route), under a given
 * environment. e2e/api/boundary.spec.ts checks the plain-HTTP shape against the real server;
 * the TLS shapes need an https APP_URL or a trusted proxy, set up here.
 */
async function load(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value);
  const [{ proxy }, { NextRequest }, { peerAddressHeader }] = await Promise.all([
    import("@/proxy"),
    import("next/server"),
    import("@/server/http/peer-address"),
  ]);
  return (path: string, headers: Record<string, string> = {}, peer = "203.0.113.9") =>
    proxy(new NextRequest(`http://app.example${path}`, { headers: { host: "app.example", [peerAddressHeader()]: peer, ...headers } }));
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("proxy.ts", () => {
  it("gives each page a fresh nonce policy, also on the request so Next stamps its own tags", async () => {
    const run = await load({ APP_URL: "http://app.example", TRUSTED_PROXIES: undefined, NODE_ENV: "production" });
    const a = run("/orgs");
    const b = run("/orgs");
    const policy = a.headers.get("content-security-policy")!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'(;|$)/);
    expect(policy).toMatch(/style-src 'self' 'nonce-/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|upgrade-insecure-requests/);
    expect(b.headers.get("content-security-policy")).not.toBe(policy);
    // NextResponse.next({ request: { headers } }) carries the overridden request headers so.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(a.headers.get("strict-transport-security")).toBeNull();
  });

  it("does not run for /api (no-store comes from next.config.ts and the handlers: e2e/api/boundary.spec.ts)", async () => {
    const { config } = await import("@/proxy");
    const source = new RegExp(`^${config.matcher[0]!.source}$`);
    expect(source.test("/api/v1/tenant")).toBe(false);
    expect(source.test("/api/trpc/account.me")).toBe(false);
    expect(source.test("/_next/static/chunks/a.js")).toBe(false);
    expect(source.test("/t/acme/audit")).toBe(true);
    expect(source.test("/sign-in")).toBe(true);
  });

  it("sends HSTS when APP_URL is https, and upgrades insecure requests", async () => {
    const run = await load({ APP_URL: "https://app.example", TRUSTED_PROXIES: undefined, NODE_ENV: "production" });
    expect(run("/orgs").headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(run("/orgs").headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("believes X-Forwarded-Proto: https only from a trusted proxy", async () => {
    const run = await load({ APP_URL: undefined, TRUSTED_PROXIES: "10.0.0.0/8", NODE_ENV: "development" });
    expect(run("/orgs", { "x-forwarded-proto": "https" }, "10.1.2.3").headers.get("strict-transport-security")).not.toBeNull();
    expect(run("/orgs", { "x-forwarded-proto": "https" }, "203.0.113.9").headers.get("strict-transport-security")).toBeNull();
    // Development only: React rebuilds server error stacks with eval.
    expect(run("/orgs").headers.get("content-security-policy")).toContain("'unsafe-eval'");
  });

  it("lets forms go to the configured sign-in providers, and nowhere else", async () => {
    const run = await load({
      APP_URL: "http://app.example",
      NODE_ENV: "production",
      AUTH_OIDC_ISSUER: "https://idp.example/realms/x",
      AUTH_OIDC_ID: "id",
      AUTH_OIDC_SECRET: "s",
    });
    expect(run("/sign-in").headers.get("content-security-policy")).toContain("form-action 'self' https://idp.example;");
  });
});
