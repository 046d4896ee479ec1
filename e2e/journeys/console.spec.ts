/**
 * The platform console, as an operator uses it, in English and Chinese: find an organisation,
 * override a limit, suspend it (its API key then gets 403 tenant_suspended over REST), reactivate
 * it (the key works again), and impersonate it read-only (the banner shows; the start lands in
 * the organisation's own audit log). And the list at phone width.
 */
import type { APIRequestContext } from "@playwright/test";
import { catalogue } from "../support/catalogue";
import { expect, signIn, test, type Seeder } from "../support/fixtures";

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";

async function seedOperator(seed: Seeder, name: string) {
  const operator = await seed.user(name);
  await seed.ownerSql("update users set is_platform_admin = true where id = $1", [operator.id]);
  return operator;
}

async function keyStatus(request: APIRequestContext, secret: string) {
  const response = await request.get("/api/v1/tenant", { headers: { authorization: `Bearer ${secret}` } });
  const body = (await response.json()) as { error?: { code?: string } };
  return { status: response.status(), code: body.error?.code ?? null };
}

for (const locale of ["en", "zh-CN"] as const) {
  test(`an operator overrides, suspends, reactivates and impersonates an organisation (${locale})`, async ({
    page,
    context,
    seed,
    request,
  }) => {
    test.slow();
    const t = catalogue(locale);
    const org = await seed.tenantWithKey();
    const operator = await seedOperator(seed, "Olive Operator");
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: BASE }]);
    await signIn(context, operator.email);

    // Search.
    await page.goto("/admin/tenants");
    await page.getByLabel(t("admin.search")).fill(org.tenant.slug);
    await page.getByRole("button", { name: t("admin.searchButton") }).click();
    await expect(page.getByTestId("admin-tenant-row")).toHaveCount(1);
    await page.getByRole("link", { name: org.tenant.name }).click();
    await expect(page.getByRole("heading", { level: 1, name: org.tenant.name })).toBeVisible();

    // Override a limit.
    await page.getByLabel(t("admin.limits.runsPerMonth"), { exact: true }).fill("1234");
    await page.getByLabel(t("admin.reason"), { exact: true }).fill("pilot customer 42");
    await page.getByRole("button", { name: t("admin.saveOverrides") }).click();
    await expect(page.getByText(t("admin.overridesSaved"))).toBeVisible();
    await expect(page.getByTestId("quota-runs")).toContainText(/1[,.]?234/);

    // Suspend: the key is refused at once over REST, with the clear code.
    expect(await keyStatus(request, org.key.secret)).toEqual({ status: 200, code: null });
    await page.getByRole("button", { name: t("admin.suspend"), exact: true }).click();
    const suspendDialog = page.getByRole("dialog");
    await suspendDialog.getByLabel(t("admin.reason")).fill("abuse report 77");
    await suspendDialog.getByRole("button", { name: t("admin.suspend"), exact: true }).click();
    await expect(page.getByRole("button", { name: t("admin.reactivate"), exact: true })).toBeVisible();
    expect(await keyStatus(request, org.key.secret)).toEqual({ status: 403, code: "tenant_suspended" });

    // Reactivate: the key works again.
    await page.getByRole("button", { name: t("admin.reactivate"), exact: true }).click();
    const reactivateDialog = page.getByRole("dialog");
    await reactivateDialog.getByLabel(t("admin.reason")).fill("resolved with the customer");
    await reactivateDialog.getByRole("button", { name: t("admin.reactivate"), exact: true }).click();
    await expect(page.getByRole("button", { name: t("admin.suspend"), exact: true })).toBeVisible();
    expect(await keyStatus(request, org.key.secret)).toEqual({ status: 200, code: null });

    // Impersonate: the portal shows the banner; the organisation's audit log shows the start.
    await page.getByRole("button", { name: t("admin.impersonate") }).click();
    const impersonateDialog = page.getByRole("dialog");
    await impersonateDialog.getByLabel(t("admin.reason")).fill("ticket 9001: runs look wrong");
    await impersonateDialog.getByRole("button", { name: t("admin.impersonateStart") }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${org.tenant.slug}$`));
    const banner = page.getByTestId("impersonation-banner");
    await expect(banner).toContainText(org.tenant.name);
    await page.goto(`/t/${org.tenant.slug}/audit`);
    await expect(page.getByTestId("impersonation-banner")).toBeVisible();
    await expect(page.locator("main code", { hasText: "impersonation.started" }).first()).toBeVisible();
    const actions = (await seed.auditRows(org.tenant.id)).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(["tenant.limits_overridden", "tenant.suspended", "tenant.reactivated", "impersonation.started"]),
    );

    // End now: back in the console, and the portal is closed to the operator again.
    await page
      .getByTestId("impersonation-banner")
      .getByRole("button", { name: t("admin.endNow") })
      .click();
    await expect(page).toHaveURL(new RegExp(`/admin/tenants/${org.tenant.id}$`));
    const after = await page.request.get(`/t/${org.tenant.slug}`);
    expect(after.status()).toBe(404);
    expect((await seed.auditRows(org.tenant.id)).map((r) => r.action)).toContain("impersonation.ended");
  });
}

test.describe("at phone width", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the organisations list fits the screen (the table scrolls inside its card)", async ({ page, context, seed }) => {
    const org = await seed.tenantWithKey();
    const operator = await seedOperator(seed, "Pia Phone");
    await signIn(context, operator.email);
    await page.goto(`/admin/tenants?q=${org.tenant.slug}`);
    await expect(page.getByRole("link", { name: org.tenant.name })).toBeVisible();
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll).toBeLessThanOrEqual(client);
    await page.getByRole("link", { name: org.tenant.name }).click();
    await expect(page.getByRole("heading", { level: 1, name: org.tenant.name })).toBeVisible();
  });
});
