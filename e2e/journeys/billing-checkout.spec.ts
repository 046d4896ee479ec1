/**
 * Upgrading through Stripe Checkout, against `next start` and the local Stripe-speaking server
 * (e2e/support/serve.ts): a Free organisation that has used its month's runs is refused a run
 * with the 402 explained and an upgrade link; on the billing page it upgrades to Pro, pays on the
 * (fake) Checkout page — which sends Stripe's signed webhooks to /api/webhooks/stripe — comes back
 * to the billing page, the plan becomes Pro (bars and chart on the billing page), and the next run is answered.
 */
import { expect, signIn, test } from "../support/fixtures";

/** The Free plan's runs per month (migration 0002). */
const FREE_RUNS = 1000;

test("a Free tenant at its run quota upgrades through Checkout and runs again", async ({ context, page, seed }) => {
  test.slow();
  const org = await seed.tenant();
  const slug = org.tenant.slug;
  const agent = await seed.as(org.owner, slug).agents.create({ template: "customer-service", name: "Helpdesk" });
  // This month's runs already used: the roll-ups say so (hourly and daily rows, so whichever the
  // reader takes for today counts them once).
  for (const [table, unit] of [
    ["usage_hourly", "hour"],
    ["usage_daily", "day"],
  ] as const) {
    await seed.ownerSql(
      `insert into ${table} (tenant_id, bucket_start, agent_id, provider, model, runs) values ($1, date_trunc('${unit}', now() at time zone 'utc') at time zone 'utc', $2, '', '', $3)`,
      [org.tenant.id, agent.id, FREE_RUNS],
    );
  }
  await signIn(context, org.owner.email);
  const main = page.locator("main");
  const ask = async (text: string) => {
    await main.getByRole("textbox").fill(text);
    await main.getByRole("button", { name: "Send" }).click();
  };

  await test.step("a run is refused with 402, explained, with a way to upgrade", async () => {
    await page.goto(`/t/${slug}/agents/${agent.id}/playground`);
    const refused = page.waitForResponse((r) => r.url().includes(`/agents/${agent.id}/runs`) && r.request().method() === "POST");
    await ask("How many days do I have to return an item?");
    expect((await refused).status()).toBe(402);
    await expect(main.getByTestId("quota-exceeded")).toContainText(`${FREE_RUNS.toLocaleString("en")} runs`);
    await main.getByRole("link", { name: "Upgrade plan" }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${slug}/billing$`));
  });

  await test.step("Checkout on the Stripe-speaking server, paid, back on the billing page", async () => {
    await main.getByRole("button", { name: "Upgrade to Pro" }).click();
    await expect(page).toHaveURL(/\/c\/pay\/cs_test_/);
    await expect(page.getByRole("heading", { name: "Fake Stripe Checkout" })).toBeVisible();
    await page.getByRole("button", { name: "Pay" }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${slug}/billing\\?checkout=success$`));
  });

  await test.step("the webhook moves the organisation to Pro", async () => {
    await expect
      .poll(async () => (await seed.ownerSql("select plan_id from tenants where id = $1", [org.tenant.id]))[0]!.plan_id, {
        timeout: 30_000,
      })
      .toBe("pro");
    await page.reload();
    await expect(main.getByRole("button", { name: "Upgrade to Pro" })).toHaveCount(0);
    await expect(main.getByText("Active", { exact: true }).first()).toBeVisible();
    // The page shows the month's usage against Pro's quotas as bars, and the daily chart.
    await expect(page.getByTestId("quota-bars").getByRole("progressbar").first()).toBeVisible();
    await expect(page.getByTestId("usage-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
    const audit = await seed.ownerSql(
      "select action, actor_type from audit_log where tenant_id = $1 and action like 'billing.%' order by seq",
      [org.tenant.id],
    );
    expect(audit).toEqual([
      { action: "billing.checkout_started", actor_type: "user" },
      { action: "billing.subscription_changed", actor_type: "system" },
    ]);
  });

  await test.step("the next run is answered", async () => {
    await page.goto(`/t/${slug}/agents/${agent.id}/playground`);
    await ask("How many days do I have to return an item?");
    await expect(main.getByTestId("turn").first()).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  });
});
