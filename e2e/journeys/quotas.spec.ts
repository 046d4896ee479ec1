/**
 * A tenant at its run quota, in the playground, in English and Chinese: the refusal (402) is
 * explained — which limit, when it resets — with an "Upgrade plan" link to the billing page, and
 * no run is written. The agent form says the same when the agents quota is reached.
 */
import { expect, signIn, test } from "../support/fixtures";

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";

const TEXT = {
  en: { send: "Send", title: "Plan limit reached", runs: "used all 1 runs", upgrade: "Upgrade plan", agents: "the most its plan allows" },
  "zh-CN": { send: "发送", title: "已达到套餐限额", runs: "全部 1 次运行", upgrade: "升级套餐", agents: "达到套餐上限" },
} as const;

for (const locale of ["en", "zh-CN"] as const) {
  test(`a tenant at its run quota sees the 402 explained with an upgrade link (${locale})`, async ({ context, page, seed }) => {
    const s = TEXT[locale];
    const org = await seed.tenant();
    const slug = org.tenant.slug;
    const owner = seed.as(org.owner, slug);
    const agent = await owner.agents.create({ name: "Helpdesk" });
    await seed.ownerSql("update tenants set limit_overrides = ($2::text)::jsonb where id = $1", [
      org.tenant.id,
      JSON.stringify({ runsPerMonth: 1, agents: 1 }),
    ]);
    await owner.runs.create({ id: agent.id, input: "The one run this plan allows" });
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: BASE }]);
    await signIn(context, org.owner.email);
    const main = page.locator("main");

    await test.step("the playground explains the refusal and links to the billing page", async () => {
      await page.goto(`/t/${slug}/agents/${agent.id}/playground`);
      await main.getByRole("textbox").fill("Hello?");
      await main.getByRole("button", { name: s.send }).click();
      const turn = main.getByTestId("turn").last();
      await expect(turn).toHaveAttribute("data-state", "failed", { timeout: 20_000 });
      const alert = turn.getByRole("alert");
      await expect(alert).toContainText(s.title);
      await expect(alert.getByTestId("quota-exceeded")).toContainText(s.runs);
      await expect(alert.getByRole("link", { name: s.upgrade })).toHaveAttribute("href", `/t/${slug}/billing`);
      const [runs] = await seed.ownerSql("select count(*)::int as n from runs where tenant_id = $1", [org.tenant.id]);
      expect(runs!.n).toBe(1);
    });

    await test.step("the agent form explains the agents quota the same way", async () => {
      await page.goto(`/t/${slug}/agents/new?template=blank`);
      await main.locator("form").getByRole("textbox").first().fill("Second agent");
      await main.locator("form").locator('button[type="submit"]').click();
      const alert = main.getByRole("alert").filter({ hasText: s.title });
      await expect(alert).toContainText(s.agents);
      await expect(alert.getByRole("link", { name: s.upgrade })).toHaveAttribute("href", `/t/${slug}/billing`);
    });
  });
}
