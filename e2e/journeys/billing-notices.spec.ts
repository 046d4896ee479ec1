/**
 * The soft warning in the bell, in English and Chinese: a tenant's runs cross 80 % of its monthly
 * quota (the 8th of 10, through the real run door), the owner's bell counts one unread notice that
 * says so with localized figures and names its quota month, and choosing it — by keyboard at phone width in one language,
 * by pointer in the other — opens the billing page and clears the count.
 */
import { expect, signIn, test } from "../support/fixtures";

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";

const TEXT = {
  en: {
    bell: "Notifications, 1 unread",
    read: "Notifications",
    notice: "Runs at 80 % of the February 2025 quota (8 of 10)",
    billing: "Billing",
  },
  "zh-CN": { bell: "通知，1 条未读", read: "通知", notice: "运行次数已达 2025年2月配额的 80%（8 / 10）", billing: "账单" },
} as const;

for (const locale of ["en", "zh-CN"] as const) {
  test(`crossing 80 % of the run quota puts a notice in the owner's bell that opens billing (${locale})`, async ({
    context,
    page,
    seed,
  }) => {
    const s = TEXT[locale];
    const keyboard = locale === "zh-CN";
    if (keyboard) await page.setViewportSize({ width: 375, height: 740 });
    const org = await seed.tenant();
    const slug = org.tenant.slug;
    const owner = seed.as(org.owner, slug);
    const agent = await owner.agents.create({ name: "Helpdesk" });
    await seed.ownerSql("update tenants set limit_overrides = ($2::text)::jsonb where id = $1", [
      org.tenant.id,
      JSON.stringify({ runsPerMonth: 10 }),
    ]);
    for (let i = 0; i < 8; i++) await owner.runs.create({ id: agent.id, input: `Question ${i}` });
    // A notice is often read after its month has ended: date this one back to February 2025, so the
    // bell must name the month it carries — not "this month", not the month it is read in.
    const aged = await seed.ownerSql(
      `update notifications set detail = jsonb_set(detail, '{period}', ($2::text)::jsonb) where tenant_id = $1 and kind = 'quota' returning id`,
      [org.tenant.id, JSON.stringify({ start: "2025-02-01T00:00:00.000Z", end: "2025-03-01T00:00:00.000Z" })],
    );
    expect(aged).toHaveLength(1);
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: BASE }]);
    await signIn(context, org.owner.email);

    await page.goto(`/t/${slug}`);
    const bell = page.getByLabel(s.bell);
    await expect(bell).toBeVisible();
    await expect(page.getByTestId("bell-count")).toHaveText("1");
    const notice = page.getByRole("link", { name: s.notice });
    if (keyboard) {
      await bell.focus();
      await page.keyboard.press("Enter");
      await expect(notice).toBeVisible();
      // The panel fits the phone: nothing scrolls sideways, the notice is inside the viewport.
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      const box = (await notice.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      // From the bell: "Mark all read", then the notice.
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await expect(notice).toBeFocused();
      await page.keyboard.press("Enter");
    } else {
      await bell.click();
      await expect(notice).toBeVisible();
      await notice.click();
    }
    await expect(page).toHaveURL(new RegExp(`/t/${slug}/billing$`));
    await expect(page.getByRole("heading", { name: s.billing, level: 1 })).toBeVisible();
    await expect(page.getByLabel(s.read, { exact: true })).toBeVisible();
    await expect(page.getByTestId("bell-count")).toHaveCount(0);
  });
}
