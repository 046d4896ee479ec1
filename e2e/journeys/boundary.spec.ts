/**
 * The HTTP boundary in a real browser: a hostile callback never takes a signed-in user off the
 * app, and the audit page explains a date it cannot use instead of failing. (Every journey also
 * fails on a Content-Security-Policy violation: e2e/support/fixtures.ts.)
 */
import { baseUrl } from "../support/env";
import { expect, signedInMember, test } from "../support/fixtures";

test("a signed-in user following a hostile callbackUrl stays on the app", async ({ page, context, seed }) => {
  await signedInMember(seed, context, "owner");
  const app = new URL(baseUrl()).origin;
  for (const callback of [
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%5C/evil.example",
    "//evil.example/orgs",
    "https://evil.example/",
    "/t/ünïcödé",
  ]) {
    const response = await page.goto(`/sign-in?callbackUrl=${callback}`);
    expect(response?.status() ?? 0, callback).toBeLessThan(500);
    expect(new URL(page.url()).origin, `${callback} → ${page.url()}`).toBe(app);
  }
  // A same-origin path is honoured.
  await page.goto("/sign-in?callbackUrl=%2Faccount");
  await expect(page).toHaveURL(`${app}/account`);
});

test("the audit page names a date it cannot use and flags a reversed range, in both languages", async ({ page, context, seed }) => {
  const org = await signedInMember(seed, context, "owner");
  const audit = `/t/${org.slug}/audit`;

  const response = await page.goto(`${audit}?from=2026-13-45`);
  expect(response?.status()).toBe(200);
  await expect(page.getByText("“2026-13-45” is not a date between 2000-01-01 and 9999-12-31; this filter was ignored.")).toBeVisible();
  await expect(page.getByLabel("From", { exact: true })).toHaveAttribute("aria-invalid", "true");
  // Ignored, not failed: the log is still there.
  await expect(page.getByRole("table", { name: "Audit entries, newest first" })).toBeVisible();

  await page.getByLabel("From", { exact: true }).fill("2026-03-10");
  await page.getByLabel("To", { exact: true }).fill("2026-03-01");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/from=2026-03-10&to=2026-03-01/);
  await expect(page.getByText("“From” is after “To”: no entry can match. Swap the two dates.")).toBeVisible();
  await expect(page.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
  await expect(page.getByRole("combobox", { name: "语言" })).toBeVisible();
  await page.goto(`${audit}?from=2026-13-45&to=1999-01-01`);
  await expect(page.getByText("“2026-13-45”不是 2000-01-01 至 9999-12-31 之间的有效日期，已忽略此筛选条件。")).toBeVisible();
  await expect(page.getByText("“1999-01-01”不是 2000-01-01 至 9999-12-31 之间的有效日期，已忽略此筛选条件。")).toBeVisible();
  await page.getByRole("combobox", { name: "语言" }).selectOption("en");
  await expect(page.getByRole("combobox", { name: "Language" })).toBeVisible();
});
