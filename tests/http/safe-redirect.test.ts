import { describe, expect, it } from "vitest";
import { safeAuthRedirect, safeCallbackPath } from "@/server/http/safe-redirect";

/**
 * What a browser does with a Location header is what matters: each accepted value must resolve,
 * on the app's origin, to the app's origin — and be a plain ASCII path (Next answers 500 to
 * control characters and non-ASCII in a redirect).
 */
function landsOnApp(path: string) {
  const app = "https://app.example";
  expect(new URL(path, app).origin).toBe(app);
  expect(path).toMatch(/^\/(?!\/)[\x21-\x7e]*$/);
}

const HOSTILE = [
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/\t\\evil.example",
  "/a/..//evil.example",
  "/./\\evil.example",
  " //evil.example",
  "\t//evil.example",
  "https://evil.example/orgs",
  "http:evil.example",
  "javascript:alert(1)",
  "JavaScript:alert(1)//",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "",
  "/".padEnd(1200, "a"),
];

describe("safeCallbackPath", () => {
  it.each(HOSTILE)("refuses %j", (value) => {
    expect(safeCallbackPath(value)).toBe("/orgs");
  });

  it.each([
    ["/orgs", "/orgs"],
    ["/t/acme/audit?from=2026-01-01&to=2026-01-31", "/t/acme/audit?from=2026-01-01&to=2026-01-31"],
    ["/invite/abc_DEF-123", "/invite/abc_DEF-123"],
    ["/t/acme#section", "/t/acme#section"],
    // Dot segments collapse (on the app, still).
    ["/t/acme/../other", "/t/other"],
  ])("keeps the same-origin path %j", (value, expected) => {
    expect(safeCallbackPath(value)).toBe(expected);
  });

  it.each([
    "/%0a/x",
    "/\n/x",
    "/t/ünïcödé",
    "/组织/审计",
    "/%E2%80%AE/x",
    "/x?q=\u0000",
    "/x\u2028y",
    "/%2F%2Fevil.example",
    "/%09/evil.example",
    "/%5C%5Cevil.example",
  ])("normalises %j to a plain path on the app", (value) => {
    const path = safeCallbackPath(value);
    landsOnApp(path);
  });

  it("refuses non-strings and uses the caller's fallback", () => {
    expect(safeCallbackPath(undefined)).toBe("/orgs");
    expect(safeCallbackPath(null, "/orgs/new")).toBe("/orgs/new");
    expect(safeCallbackPath(["/orgs"])).toBe("/orgs");
  });

  it("every accepted hostile-looking value still lands on the app", () => {
    for (const value of [...HOSTILE, "/%09/evil.example", "/%0a/x"]) landsOnApp(safeCallbackPath(value));
  });
});

describe("safeAuthRedirect (Auth.js redirect callback)", () => {
  const base = "https://app.example";
  it.each([
    ["/t/acme", "https://app.example/t/acme"],
    ["https://app.example/t/acme?x=1", "https://app.example/t/acme?x=1"],
    ["https://evil.example/t/acme", "https://app.example"],
    ["https://app.example.evil.example/", "https://app.example"],
    ["/\t/evil.example", "https://app.example/"],
    ["https://app.example//evil.example", "https://app.example/"],
    ["javascript:alert(1)", "https://app.example"],
  ])("%j → %j", (url, expected) => {
    expect(safeAuthRedirect(url, base)).toBe(expected);
  });
});
