import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { Translate } from "./catalogue";
import { expect } from "./fixtures";

/**
 * Checks a journey makes on every page it visits, and how it moves between sections. With
 * SCREENSHOT_DIR set, each check also saves a full-page screenshot named `<prefix>-<lang>-<where>`.
 */

/**
 * No serious or critical axe finding, and nothing wider than the screen. `exclude`: a selector axe
 * skips (the workflow canvas's renderer draws decorative SVG that axe cannot judge).
 */
export async function fitsTheScreen(
  page: Page,
  where: string,
  { prefix = "trust-and-safety", exclude }: { prefix?: string; exclude?: string } = {},
) {
  if (process.env.SCREENSHOT_DIR) {
    const lang = await page.evaluate(() => document.documentElement.lang);
    await page.screenshot({
      path: `${process.env.SCREENSHOT_DIR}/${prefix}-${lang}-${where.replace(/\W+/g, "-")}.png`,
      fullPage: true,
    });
  }
  const axe = new AxeBuilder({ page });
  const { violations } = await (exclude ? axe.exclude(exclude) : axe).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
  expect(serious, where).toEqual([]);
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `${where} fits ${client} px`).toBeLessThanOrEqual(client);
}

/** Goes to a section the way a person does: by the organisation's navigation. */
export async function openSection(page: Page, t: Translate, section: "agents" | "knowledge" | "incidents" | "guard") {
  await page
    .getByRole("navigation", { name: t("nav.tenantNav") })
    .getByRole("link", { name: t(`nav.${section}`), exact: true })
    .click();
  await expect(page.locator("main h1")).toBeVisible();
}
