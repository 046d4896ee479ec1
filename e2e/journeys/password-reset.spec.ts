/**
 * Password reset. The forgot-password page never shows a link: a known and an unknown address
 * get the same page, and the link goes to the address (here, with no SMTP, to the server log).
 * The link — taken from the "mailbox" — sets a new password once. An operator can issue a
 * one-time link from the platform console.
 */
import type { Page } from "@playwright/test";
import { alertWith, expect, signIn, test, TEST_PASSWORD, uniqueEmail } from "../support/fixtures";

const NEW_PASSWORD = "Fresh-Staple-Lantern-42";

async function signInThroughForm(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Asks for a reset and returns what the page then says (its main content, as text and HTML). */
async function forgot(page: Page, email: string) {
  await page.goto("/forgot-password");
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("If an account exists for that address, a reset link is on its way.")).toBeVisible();
  const main = page.getByRole("main");
  return { text: await main.innerText(), html: await main.innerHTML(), links: await main.getByRole("link").allTextContents() };
}

test("forgot password: a known and an unknown address get the same page, and neither shows a link", async ({ page, seed }) => {
  const user = await seed.user("Kim Known");
  const known = await forgot(page, user.email);
  const unknown = await forgot(page, uniqueEmail("nobody"));
  expect(known.text).toBe(unknown.text);
  expect(known.links).toEqual(unknown.links);
  for (const answer of [known, unknown]) expect(answer.html).not.toMatch(/reset-password\//);
  await expect(page.getByRole("link", { name: /\/reset-password\// })).toHaveCount(0);
  // The known address did get a link — stored as a hash, for its mailbox only.
  const rows = await seed.ownerSql("select count(*)::int as n from password_reset_tokens where user_id = $1 and used_at is null", [
    user.id,
  ]);
  expect(rows[0]!.n).toBe(1);
});

test("the link from the mailbox sets a new password once: old password out, new one in", async ({ page, context, seed }) => {
  const user = await seed.user("Rhea Reset");
  const href = await seed.resetLinkPath(user.email);

  await page.goto(href);
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
    await signInThroughForm(page, user.email, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/orgs$/);
  });
});

test("a platform operator issues a one-time reset link from the console, shown once and audited", async ({ page, context, seed }) => {
  const operator = await seed.user("Olga Operator");
  await seed.ownerSql("update users set is_platform_admin = true where id = $1", [operator.id]);
  const user = await seed.user("Lou Lockedout");
  await signIn(context, operator.email);

  await page.goto("/admin");
  await page.getByLabel("User's e-mail").fill(user.email);
  await page.getByLabel("Reason").fill("ticket 815: no e-mail on this install");
  await page.getByRole("button", { name: "Issue reset link" }).click();
  const link = (await page.getByTestId("admin-reset-link").textContent())!.trim();
  expect(link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
  const audit = await seed.ownerSql("select reason from platform_audit_log where actor_id = $1 and reason like '%reset link%'", [
    operator.id,
  ]);
  expect(audit.map((r) => String(r.reason))).toEqual([
    `platform console: password reset link for user ${user.id}: ticket 815: no e-mail on this install`,
  ]);
  // Shown once: a reload does not bring it back.
  await page.reload();
  await expect(page.getByTestId("admin-reset-link")).toHaveCount(0);

  await context.clearCookies();
  await page.goto(new URL(link).pathname);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Your password has been changed and every session signed out.")).toBeVisible();
  await signInThroughForm(page, user.email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/orgs$/);
});
