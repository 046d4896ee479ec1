/**
 * A phone (390×844) in both languages: no page of an organisation scrolls sideways — the header
 * fits, tables scroll inside their card — and the navigation shows every section.
 * With SCREENSHOT_DIR set, each page is also saved there for a person to look at.
 */
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "../support/fixtures";

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";
const SECTIONS = [
  "",
  "/agents",
  "/runs",
  "/workflows",
  "/approvals",
  "/knowledge",
  "/incidents",
  "/guard",
  "/playbooks",
  "/providers",
  "/members",
  "/api-keys",
  "/webhooks",
  "/audit",
  "/events",
  "/billing",
  "/settings",
  "/api",
] as const;

test.use({ viewport: { width: 390, height: 844 } });

/** The page's widths, and (to say what to fix) the innermost elements that stick out on the right. */
async function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    const clipped = (el: Element) => {
      if (getComputedStyle(el).position === "absolute" || getComputedStyle(el).position === "fixed") return false; // may escape its scroller
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== "visible") return true;
      return false;
    };
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > client + 1 && !clipped(el);
    const offenders = [...document.querySelectorAll("body *")]
      .filter((el) => sticksOut(el) && ![...el.children].some(sticksOut))
      .slice(0, 3)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}">${(el.textContent ?? "").slice(0, 40)}`);
    return { scroll: document.documentElement.scrollWidth, client, offenders };
  });
}

for (const locale of ["en", "zh-CN"] as const) {
  test(`no horizontal scroll at 390 px on any section (${locale})`, async ({ context, page, seed }) => {
    // Eighteen sections, each loaded and measured: over a minute on a busy 2-core machine.
    test.slow();
    const org = await seed.tenantWithKey();
    await seed.member(org, "developer", "Dana Developer-With-A-Rather-Long-Hyphenated-Name");
    await seed.invitation(org, "viewer", `someone.with.a.long.address.${Date.now()}@subdomain.example.test`);
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: BASE }]);
    await signIn(context, org.owner.email);

    for (const section of SECTIONS) {
      await page.goto(`/t/${org.slug}${section}`);
      await expect(page.locator("main h1")).toBeVisible();
      const { scroll, client, offenders } = await horizontalOverflow(page);
      // A badge (role, status) wrapped in a narrow cell stacks its characters: one line each.
      for (const badge of await page.locator("main [data-badge]").all()) {
        const lines = await badge.evaluate((el) =>
          Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
        );
        expect(lines, `badge "${await badge.textContent()}" on ${section || "overview"} stays on one line`).toBeLessThanOrEqual(1);
      }
      expect(scroll, `${section || "overview"} fits ${client} px; sticking out: ${offenders.join(" | ")}`).toBeLessThanOrEqual(client);
      if (process.env.SCREENSHOT_DIR) {
        await page.screenshot({
          path: `${process.env.SCREENSHOT_DIR}/phone-${locale}${section.replace("/", "-") || "-overview"}.png`,
          fullPage: true,
        });
      }
    }

    // Every section is reachable from the navigation without scrolling it sideways.
    const nav = page.getByRole("navigation", { name: locale === "en" ? "Organisation" : "组织" });
    for (const link of await nav.getByRole("link").all()) await expect(link).toBeInViewport();
    expect(await nav.getByRole("link").count()).toBe(SECTIONS.length);
  });
}

test("on a phone the language switch lives in the user menu, which closes on Escape and outside clicks", async ({
  context,
  page,
  seed,
}) => {
  const org = await seed.tenant();
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}`);
  await expect(page.getByRole("combobox", { name: "Language" })).toHaveCount(0);

  const menuButton = page.getByLabel("User menu");
  await menuButton.click();
  const language = page.getByRole("combobox", { name: "Language" });
  await expect(language).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(language).toBeHidden();
  await expect(menuButton).toBeFocused();

  await menuButton.click();
  await expect(language).toBeVisible();
  await page.mouse.click(5, 800);
  await expect(language).toBeHidden();

  await menuButton.click();
  await language.selectOption("zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});
