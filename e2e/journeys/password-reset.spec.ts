/**
 * Password reset with no SMTP configured (as in e2e): the link is shown on screen, it sets a new
 * password once, the old password stops working and the new one works.
 */
import type { Page } from "@playwright/test";
import { alertWith, expect, test, TEST_PASSWORD } from "../support/fixtures";

const NEW_PASSWORD = "Fresh-Staple-Lantern-42";

async function signInThroughForm(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("forgot password shows the link, the link sets a new password once, old password out, new one in", async ({ page, context, seed }) => {
  const user = await seed.user("Rhea Reset");

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("E-mail is not configured on this installation, so here is the reset link")).toBeVisible();
  const resetLink = page.getByRole("link", { name: /\/reset-password\// });
  const href = (await resetLink.getAttribute("href"))!;
  expect(href).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);

  await resetLink.click();
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  // A weak one first: the requirements are spelled out, and nothing is spent.
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the new password").fill("short");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(alertWith(page, /Choose a stronger password: at least 10 characters/)).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Your password has been changed and every session signed out.")).toBeVisible();

  await test.step("the old password no longer works", async () => {
    await signInThroughForm(page, user.email, TEST_PASSWORD);
    await expect(alertWith(page, "The e-mail or password is not right.")).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
  });

  await test.step("the new one does", async () => {
    await signInThroughForm(page, user.email, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/orgs$/);
    await expect(page.getByRole("heading", { name: "Your organisations" })).toBeVisible();
  });

  await test.step("the link cannot be used twice", async () => {
    await context.clearCookies();
    await page.goto(href);
    await page.getByLabel("New password", { exact: true }).fill("Another-Brand-New-Pass-7");
    await page.getByLabel("Repeat the new password").fill("Another-Brand-New-Pass-7");
    await page.getByRole("button", { name: "Set password" }).click();
    await expect(alertWith(page, "This reset link is invalid or has expired. Request a new one.")).toBeVisible();
    // And the password it tried to set was not set.
    await signInThroughForm(page, user.email, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/orgs$/);
  });
});

test("forgot password for an unknown address shows no link", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("E-mail").fill("nobody-here@example.test");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("If an account exists for that address, a reset link is on its way.")).toBeVisible();
  await expect(page.getByRole("link", { name: /\/reset-password\// })).toHaveCount(0);
});
