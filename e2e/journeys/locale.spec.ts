/**
 * Language choice: the browser's Accept-Language picks the first language, the switch remembers
 * a choice, and an unknown locale — in the cookie or sent to the switch — changes nothing.
 */
import { expect, test } from "../support/fixtures";

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";

test("Accept-Language chooses Chinese for a first visit, English otherwise", async ({ browser }) => {
  // Playwright's `locale` is what the browser sends as Accept-Language.
  for (const [locale, heading, lang] of [
    ["zh-CN", "登录 Agentry", "zh-CN"],
    ["fr-FR", "Sign in to Agentry", "en"],
  ] as const) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await context.close();
  }
});

test("an unknown locale in the cookie falls back to the browser's language, with no error", async ({ context, page }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "tlh", url: BASE }]);
  const response = await page.goto("/sign-in");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Sign in to Agentry" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the switch remembers a known language and refuses an unknown one", async ({ context, page }) => {
  await page.goto("/sign-in");
  const select = page.getByLabel("Language");
  await select.selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "登录 Agentry" })).toBeVisible();
  expect((await context.cookies()).find((c) => c.name === "NEXT_LOCALE")?.value).toBe("zh-CN");

  // A forged option reaches the server action, which must refuse it and leave the choice alone.
  await page.getByLabel("语言").evaluate((element) => {
    const option = document.createElement("option");
    option.value = "tlh";
    option.textContent = "Klingon";
    element.appendChild(option);
  });
  await page.getByLabel("语言").selectOption("tlh");
  await page.reload();
  await expect(page.getByRole("heading", { name: "登录 Agentry" })).toBeVisible();
  expect((await context.cookies()).find((c) => c.name === "NEXT_LOCALE")?.value).toBe("zh-CN");
});
