import { describe, expect, it } from "vitest";
import { handleRestRequest } from "@/server/http/rest-handler";
import { handleTrpcRequest } from "@/server/http/trpc-handler";

/**
 * The two API doors' own checks, through the real route handlers (what `app/api/trpc` and
 * `app/api/v1` export): a cross-site request riding on a cookie, a body that is not JSON, an
 * oversized batch. Each is refused before any procedure runs — the refusals need no session,
 * no database and no Next request context; e2e/api/boundary.spec.ts repeats them against
 * `next start` with a real signed-in victim.
 */
const APP = "http://127.0.0.1:3000";

function trpc(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  return handleTrpcRequest(
    new Request(`${APP}/api/trpc/${path}`, { method: "POST", ...init, headers: { host: "127.0.0.1:3000", ...init.headers } }),
  );
}

async function envelope(response: Response) {
  const body = (await response.json()) as
    { error?: { code: string; message: string } } | { error: { data?: { error?: { code: string } } } };
  return body;
}

const cookie = { cookie: "authjs.session-token=victim" };

describe("cross-site requests with a session cookie", () => {
  it.each([
    ["a sibling port (same-site)", { "sec-fetch-site": "same-site", origin: "http://127.0.0.1:3999" }],
    ["another site", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }],
    ["another origin, no Sec-Fetch-Site", { origin: "http://127.0.0.1:3999" }],
    ["an opaque origin", { origin: "null" }],
  ])("refuses a mutation from %s (403 cross_site_request)", async (_, headers) => {
    const response = await trpc("account.signOutEverywhere", {
      headers: { ...cookie, ...headers, "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(403);
    expect(await envelope(response)).toMatchObject({ error: { code: "cross_site_request" } });
    const rest = await handleRestRequest(
      new Request(`${APP}/api/v1/audit-log/verify`, { method: "POST", headers: { host: "127.0.0.1:3000", ...cookie, ...headers } }),
    );
    expect(rest.status).toBe(403);
  });

  it("lets our own origin (and non-browser clients) through to routing: 404 for a procedure that does not exist", async () => {
    const cases: Record<string, string>[] = [
      { "sec-fetch-site": "same-origin", origin: APP },
      { "sec-fetch-site": "none" },
      { origin: APP },
      {},
    ];
    for (const headers of cases) {
      const response = await trpc("no.such", { headers: { ...cookie, ...headers, "content-type": "application/json" }, body: "{}" });
      expect(response.status, JSON.stringify(headers)).toBe(404);
    }
  });

  it("does not apply to bearer requests, which a browser never sends on its own", async () => {
    const response = await trpc("apiKeys.create", {
      headers: { authorization: "Bearer agt_not_a_key", "sec-fetch-site": "cross-site", "content-type": "application/json" },
      body: JSON.stringify({ name: "x", scopes: [] }),
    });
    expect(response.status).toBe(401);
  });
});

describe("bodies other than JSON", () => {
  const form = new FormData();
  form.set("keepCurrent", "false");
  it.each([
    ["multipart/form-data", () => ({ body: form })],
    [
      "application/x-www-form-urlencoded",
      () => ({ body: "keepCurrent=false", headers: { "content-type": "application/x-www-form-urlencoded" } }),
    ],
    ["text/plain", () => ({ body: "{}", headers: { "content-type": "text/plain" } })],
    ["application/octet-stream", () => ({ body: new Uint8Array([123, 125]), headers: { "content-type": "application/octet-stream" } })],
  ])("refuses %s with 415, on both doors and for bearer requests too", async (_, make) => {
    const auths: Record<string, string>[] = [{}, { authorization: "Bearer agt_not_a_key" }];
    for (const auth of auths) {
      const init = make() as { body: BodyInit; headers?: Record<string, string> };
      const response = await trpc("account.signOutEverywhere", { body: init.body, headers: { ...init.headers, ...auth } });
      expect(response.status).toBe(415);
      expect(await envelope(response)).toMatchObject({ error: { code: "unsupported_media_type" } });
      const again = make() as { body: BodyInit; headers?: Record<string, string> };
      const rest = await handleRestRequest(
        new Request(`${APP}/api/v1/api-keys`, {
          method: "POST",
          body: again.body,
          headers: { host: "127.0.0.1:3000", ...again.headers, ...auth },
        }),
      );
      expect(rest.status).toBe(415);
    }
  });

  it("treats an empty POST as no body: the procedure is reached (401 here, not 415)", async () => {
    const rest = await handleRestRequest(
      new Request(`${APP}/api/v1/audit-log/verify`, { method: "POST", headers: { host: "127.0.0.1:3000", authorization: "Bearer agt_x" } }),
    );
    expect(rest.status).toBe(401);
  });
});

describe("tRPC batches", () => {
  it("refuses more than 10 calls in one request with a clear 400", async () => {
    const paths = Array.from({ length: 20 }, () => "account.createTenant").join(",");
    const body = JSON.stringify(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i, { name: `Org ${i}`, slug: `org-${i}` }])));
    const response = await trpc(`${paths}?batch=1`, { body, headers: { "content-type": "application/json" } });
    expect(response.status).toBe(400);
    expect(await envelope(response)).toMatchObject({
      error: { code: "batch_too_large", message: expect.stringContaining("at most 10 calls; this one has 20") },
    });
  });
});
