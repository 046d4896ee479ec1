/**
 * The billing page, as an owner would see it in English and in Chinese: usage against each quota
 * as bars (amber from 80 %, red at 100 %, unlimited said in words), the daily chart of the period,
 * cost by agent (archived agents named), invoices with https links only, and the payment-failed
 * banner — on the billing page and in the frame of every other page. Members who may not read
 * billing get the portal's not-found page and no nav entry.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, signIn, test, type SeededTenant, type Seeder } from "../support/fixtures";
import { seedAgent, seedInvoice, seedPastDue, seedUsage } from "../support/billing-seed";

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";

const TEXT = {
  en: {
    title: "Billing",
    banner: /Payment failed on .+; your plan stays until .+, then moves to Free/,
    unlimited: "Unlimited",
    view: "View",
  },
  "zh-CN": { title: "账单", banner: /付款失败；你的套餐将保留到/, unlimited: "不限", view: "查看" },
} as const;

/** A tenant with 4 runs against a quota of 5 (80 %), tokens over their quota, unlimited agents, a failed payment and two invoices. */
async function billedTenant(seed: Seeder, org: SeededTenant) {
  const tenantId = org.tenant.id;
  await seed.ownerSql(
    `update tenants set limit_overrides = '{"runsPerMonth": 5, "tokensPerMonth": 1000, "agents": null}'::jsonb where id = $1`,
    [tenantId],
  );
  const support = await seedAgent(seed, tenantId, "Support bot");
  const triage = await seedAgent(seed, tenantId, "Old triage", true);
  const now = new Date();
  const firstOfMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 0, 30));
  await seedUsage(seed, tenantId, [
    { agentId: support, inputTokens: 400, outputTokens: 100, costMicros: 25_000, at: firstOfMonth },
    { agentId: support, inputTokens: 300, outputTokens: 100, costMicros: 15_000 },
    { agentId: triage, inputTokens: 200, outputTokens: 50, costMicros: 90_000 },
    { agentId: support, inputTokens: 10, outputTokens: 5, costMicros: 1_000 },
  ]);
  await seedPastDue(seed, tenantId, new Date(now.getTime() - 2 * 86_400_000), new Date(now.getTime() + 12 * 86_400_000));
  await seedInvoice(seed, tenantId, { number: "AGT-0002", url: "https://invoice.stripe.test/i/2", amount: 4900, issuedAt: now });
  await seedInvoice(seed, tenantId, {
    number: "AGT-0001",
    url: "javascript:alert(1)",
    amount: 4900,
    issuedAt: new Date(now.getTime() - 31 * 86_400_000),
  });
}

for (const locale of ["en", "zh-CN"] as const) {
  test(`the billing page shows the quota bars, the daily chart, cost by agent, invoices and the banner (${locale})`, async ({
    context,
    page,
    seed,
  }) => {
    const org = await seed.tenant();
    await billedTenant(seed, org);
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: BASE }]);
    await signIn(context, org.owner.email);
    const text = TEXT[locale];
    // English also runs axe over the whole page: tens of seconds on a busy 2-core machine.
    if (locale === "en") test.slow();

    // The frame's banner on another page, and the nav entry.
    await page.goto(`/t/${org.tenant.slug}`);
    await expect(page.getByTestId("payment-failed-banner")).toContainText(text.banner);
    await page.getByRole("navigation").getByRole("link", { name: text.title, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${org.tenant.slug}/billing$`));
    await expect(page.locator("main h1")).toHaveText(text.title);
    await expect(page).toHaveTitle(new RegExp(text.title));
    // Exactly one banner on the billing page: its own.
    await expect(page.getByTestId("payment-failed-banner")).toHaveCount(1);
    await expect(page.getByTestId("payment-failed-banner")).toContainText(text.banner);

    const bars = page.getByTestId("quota-bars");
    const runs = bars.locator('[data-metric="runs"]');
    await expect(runs).toHaveAttribute("data-level", "near");
    await expect(runs.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "4");
    await expect(runs.getByRole("progressbar")).toHaveAttribute("aria-valuemax", "5");
    const tokens = bars.locator('[data-metric="tokens"]');
    await expect(tokens).toHaveAttribute("data-level", "reached");
    await expect(tokens.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "1000");
    await expect(tokens.getByRole("progressbar")).toHaveAttribute("aria-valuetext", /1,?165/);
    const agents = bars.locator('[data-metric="agents"]');
    await expect(agents.getByRole("progressbar")).toHaveCount(0);
    await expect(agents).toContainText(text.unlimited);
    await expect(bars.getByRole("progressbar")).toHaveCount(3);

    // The chart is drawn (recharts bars) and its figures are in the table behind it.
    const chart = page.getByTestId("usage-chart");
    await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
    await expect(chart.locator('[role="img"][aria-label]')).toHaveAttribute(
      "aria-label",
      locale === "en" ? /4 runs this period/ : /共 4 次运行/,
    );
    await expect(chart.locator("table tbody tr").first()).toContainText("1");

    // Cost by agent: costliest first, the archived agent named.
    const rows = page.getByRole("table", { name: locale === "en" ? "Cost by agent" : "按智能体的费用" }).locator("tbody tr");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText("Old triage");
    await expect(rows.nth(0)).toContainText("$0.09");
    await expect(rows.nth(1)).toContainText("Support bot");

    // Invoices: the https link is a link, the javascript: one is not.
    const invoices = page.getByRole("table", { name: locale === "en" ? "Invoices, newest first" : "发票，最新的在前" }).locator("tbody tr");
    await expect(invoices).toHaveCount(2);
    await expect(invoices.nth(0).getByRole("link", { name: text.view })).toHaveAttribute("href", "https://invoice.stripe.test/i/2");
    await expect(invoices.nth(1).getByRole("link")).toHaveCount(0);
    await expect(invoices.nth(0)).toContainText("$49.00");

    if (locale === "en") {
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    }
  });
}

test("at phone width the bars and the chart fit without sideways scrolling", async ({ context, page, seed }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const org = await seed.tenant();
  await billedTenant(seed, org);
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}/billing`);
  await expect(page.getByTestId("quota-bars").getByRole("progressbar")).toHaveCount(3);
  await expect(page.getByTestId("usage-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
});

test("a new organisation sees empty states; a developer gets not-found and no nav entry", async ({ context, page, seed }) => {
  const org = await seed.tenant();
  const developer = await seed.member(org, "developer");
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}/billing`);
  await expect(page.getByText("No usage yet this period")).toBeVisible();
  await expect(page.getByText("No invoices yet.")).toBeVisible();
  await expect(page.getByText("No agent has run this period.")).toBeVisible();
  await expect(page.getByTestId("payment-failed-banner")).toHaveCount(0);
  await expect(page.getByTestId("quota-bars").getByRole("progressbar").first()).toHaveAttribute("aria-valuenow", "0");

  await context.clearCookies();
  await signIn(context, developer.email);
  await page.goto(`/t/${org.tenant.slug}/billing`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByTestId("quota-bars")).toHaveCount(0);
  await page.goto(`/t/${org.tenant.slug}`);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Billing", exact: true })).toHaveCount(0);
});
