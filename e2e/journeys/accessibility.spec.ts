/**
 * axe-core on the API reference and the busiest portal pages, in both languages: any serious or
 * critical violation fails (contrast, scrollable regions keyboards cannot reach, unlabelled
 * controls…).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, signIn, test } from "../support/fixtures";

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";
const PAGES = ["/api", "", "/members", "/api-keys", "/providers", "/audit", "/billing"] as const;

// One test per page and language, so a slow page does not eat the others' time. The API reference
// shows one section per page: with every operation of every section (11k DOM nodes) axe alone took
// over three minutes on a loaded 2-core machine.
for (const locale of ["en", "zh-CN"] as const) {
  for (const section of PAGES) {
    test(`no serious or critical axe findings: ${section || "overview"} (${locale})`, async ({ page, context, seed }) => {
      if (section === "/api") test.slow();
      // Two words: the header's user menu shows two-letter initials, which its accessible name must contain.
      const org = await seed.tenantWithKey({ ownerName: "Olive Owner" });
      await seed.invitation(org, "viewer");
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: BASE }]);
      await signIn(context, org.owner.email);
      await page.goto(`/t/${org.slug}${section}`);
      await expect(page.locator("main h1")).toBeVisible();
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map(
          (v) =>
            `${v.id}: ${v.help} — ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(" "))
              .join(", ")}`,
        );
      expect(serious, `${section || "overview"} (${locale})`).toEqual([]);
    });
  }
}

// The platform console: overview (charts), the organisations list, one organisation's page.
for (const locale of ["en", "zh-CN"] as const) {
  for (const which of ["overview", "tenants", "tenant"] as const) {
    test(`no serious or critical axe findings: console ${which} (${locale})`, async ({ page, context, seed }) => {
      const org = await seed.tenantWithKey();
      const operator = await seed.user("Otto Operator");
      await seed.ownerSql("update users set is_platform_admin = true where id = $1", [operator.id]);
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: BASE }]);
      await signIn(context, operator.email);
      const path = which === "overview" ? "/admin" : which === "tenants" ? "/admin/tenants" : `/admin/tenants/${org.tenant.id}`;
      await page.goto(path);
      await expect(page.locator("main h1")).toBeVisible();
      if (which === "overview") await expect(page.getByTestId("chart-runs").locator("svg").first()).toBeVisible();
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map(
          (v) =>
            `${v.id}: ${v.help} — ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(" "))
              .join(", ")}`,
        );
      expect(serious, `console ${which} (${locale})`).toEqual([]);
    });
  }
}

test("the landing page has no serious or critical axe findings", async ({ page }) => {
  await page.goto("/");
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});
