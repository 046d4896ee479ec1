/**
 * Playwright fixtures: one connection to the e2e database per worker, the seeding verbs per test,
 * and signing in through the Auth.js endpoints (for tests whose subject is not the sign-in form).
 */
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { TestDatabase } from "@/tests/support/databases";
import { credentialsSignInFrom, randomLoopbackAddress, setCookies } from "./loopback-http";
import { openE2eDatabase, seeder, TEST_PASSWORD, type Role, type SeededTenant, type SeededUser, type Seeder } from "./seed";

export { expect };
export { TEST_PASSWORD, uniqueEmail, uniqueSlug } from "./seed";
export type { Role, SeededTenant, SeededUser, Seeder };

type WorkerFixtures = { database: TestDatabase };
type TestFixtures = {
  seed: Seeder;
  /** `seed.tenantWithKey`, as the brief names it. */
  seedTenantWithKey: Seeder["tenantWithKey"];
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  database: [
    async ({}, provide) => {
      const db = await openE2eDatabase();
      await provide(db);
      await db.drop();
    },
    { scope: "worker" },
  ],
  /**
   * Every journey's browser context runs under the app's nonce-based CSP: a script or style the
   * policy blocks (Chromium reports each as a console error, and the page fires
   * `securitypolicyviolation`) fails the test, so a page that only works without the CSP cannot
   * pass unnoticed. HTTP-only specs never create a context, so never start a browser.
   */
  context: async ({ context }, provide) => {
    const violations: string[] = [];
    const watch = (page: Page) => {
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
          violations.push(`${page.url()}: ${message.text()}`);
      });
    };
    context.pages().forEach(watch);
    context.on("page", watch);
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
      });
    });
    await provide(context);
    expect(violations, "no Content-Security-Policy violations").toEqual([]);
  },
  // `provide` is Playwright's `use`, renamed so React's hook rules do not mistake it for one.
  seed: async ({ database }, provide) => {
    await provide(seeder(database));
  },
  seedTenantWithKey: async ({ seed }, provide) => {
    await provide(seed.tenantWithKey);
  },
});

/** A second browser, signed in as `user`, for comparing what another member sees. Close its context when done. */
export async function pageFor(browser: Browser, user: SeededUser): Promise<Page> {
  const context = await browser.newContext();
  await signIn(context, user.email);
  return context.newPage();
}

/**
 * Signs in with e-mail and password the way the form does (CSRF token, then the credentials
 * callback), leaving the session cookie in `target`'s cookie jar — a browser context's jar is
 * shared with its pages. A browser context signs in from a loopback address of its own, as a
 * separate person would: the suite's many sign-ins would otherwise all count against one
 * client's per-IP sign-in limit.
 */
export async function signIn(target: BrowserContext | APIRequestContext, email: string, password = TEST_PASSWORD) {
  if ("request" in target) return signInFromOwnAddress(target, email, password);
  const request = target;
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.status()).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, callbackUrl: "/orgs" },
    maxRedirects: 0,
  });
  expect(response.status(), "the credentials callback redirects").toBe(302);
  expect(response.headers().location ?? "", "and not to the error page").not.toContain("error=");
  const me = await request.get("/api/trpc/account.me");
  expect(me.status(), `${email} is signed in`).toBe(200);
}

async function signInFromOwnAddress(context: BrowserContext, email: string, password: string) {
  const ip = randomLoopbackAddress();
  const response = await credentialsSignInFrom(ip, email, password);
  expect(response.status, "the credentials callback redirects").toBe(302);
  expect(String(response.headers.location ?? ""), "and not to the error page").not.toContain("error=");
  const url = process.env.E2E_BASE_URL!;
  await context.addCookies(setCookies(response).map((c) => ({ ...c, url, httpOnly: true, sameSite: "Lax" as const })));
  const me = await context.request.get("/api/trpc/account.me");
  expect(me.status(), `${email} is signed in`).toBe(200);
}

/** A member of a fresh organisation with `role`, signed in to `context`. */
export async function signedInMember(seed: Seeder, context: BrowserContext, role: Role, seeded?: SeededTenant) {
  const tenant = seeded ?? (await seed.tenant());
  const user = role === "owner" ? tenant.owner : await seed.member(tenant, role);
  await signIn(context, user.email);
  return { ...tenant, slug: tenant.tenant.slug, user };
}

/** An alert (role="alert") saying `text`; Next's route announcer is an empty alert too, so filter. */
export const alertWith = (page: Page, text: string | RegExp) => page.getByRole("alert").filter({ hasText: text });
