/**
 * Identity findings, from the browser: sign-up does not reveal which addresses have accounts; an
 * unconfirmed address is told to confirm (and can ask again) and cannot take an invitation meant
 * for it; the account page changes name, password and e-mail, with messages in both languages.
 */
import type { Page } from "@playwright/test";
import { expect, signIn, test, TEST_PASSWORD, uniqueEmail } from "../support/fixtures";

async function signUpThroughForm(page: Page, name: string, email: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your e-mail" })).toBeVisible();
  return (await page.getByRole("main").innerText()).replace(email, "<address>");
}

test("sign-up with a taken address answers exactly like sign-up with a free one", async ({ page, context, seed }) => {
  const owner = await seed.user("Tara Taken");
  const fresh = uniqueEmail("fresh");
  const free = await signUpThroughForm(page, "Fay Free", fresh);
  await context.clearCookies();
  const taken = await signUpThroughForm(page, "Ivan Impostor", owner.email);
  expect(taken).toBe(free);
  // Nobody is signed in by either, and the taken account is untouched.
  expect((await page.request.get("/api/trpc/account.me")).status()).toBe(401);
  const rows = await seed.ownerSql("select name from users where email = $1", [owner.email]);
  expect(rows).toEqual([{ name: "Tara Taken" }]);
});

test("an unconfirmed account is asked to confirm, can resend, and cannot take an invitation until it does", async ({
  page,
  context,
  seed,
}) => {
  const org = await seed.tenant();
  const email = uniqueEmail("unconfirmed");
  const invitation = await seed.invitation(org, "admin", email);
  // Someone who holds the link registers the invited address, unconfirmed.
  await seed.user("Uma Unconfirmed", email, { verified: false });
  await signIn(context, email);

  await page.goto("/orgs");
  await expect(page.getByText(`Confirm your e-mail address ${email}`)).toBeVisible();
  await page.getByRole("button", { name: "Send the link again" }).click();
  await expect(page.getByText("A new link is on its way")).toBeVisible();

  await page.goto(invitation.path);
  await expect(page.getByText("Confirm your e-mail address first")).toBeVisible();
  await expect(page.getByRole("button", { name: "Accept and join" })).toHaveCount(0);
  // And the procedure behind the button refuses too (the page is not the wall).
  const accept = await page.request.post("/api/trpc/invitations.accept", {
    data: { token: invitation.token },
    headers: { origin: new URL(page.url()).origin, "sec-fetch-site": "same-origin" },
  });
  expect(accept.status()).toBe(403);
  expect(JSON.stringify(await accept.json())).toContain("email_unverified");
  expect(
    await seed.ownerSql("select 1 from memberships where tenant_id = $1 and user_id = (select id from users where email = $2)", [
      org.tenant.id,
      email,
    ]),
  ).toEqual([]);

  // The real owner of the address confirms it: now the invitation works.
  await page.goto(await seed.verificationLinkPath(email, invitation.path));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(invitation.path);
  await page.getByRole("button", { name: "Accept and join" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${org.tenant.slug}$`));
});

test("the account page renames, changes the password (ending other sessions) and the e-mail once confirmed", async ({
  page,
  context,
  browser,
  seed,
}) => {
  const user = await seed.user("Ava Account");
  await signIn(context, user.email);
  const other = await browser.newContext();
  await signIn(other, user.email);

  await page.goto("/account");
  const emailForm = page.locator("form").filter({ has: page.getByLabel("New e-mail address") });
  const passwordForm = page.locator("form").filter({ has: page.getByLabel("Repeat the new password") });
  await page.getByLabel("Name", { exact: true }).fill("Ava Renamed");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  expect(await seed.ownerSql("select name from users where id = $1", [user.id])).toEqual([{ name: "Ava Renamed" }]);

  await passwordForm.getByLabel("Current password").fill("Not-My-Password-1");
  await page.getByLabel("New password", { exact: true }).fill("Fresh-Lantern-Pass-3");
  await page.getByLabel("Repeat the new password").fill("Fresh-Lantern-Pass-3");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your current password is not right.")).toBeVisible();
  await passwordForm.getByLabel("Current password").fill(TEST_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("Fresh-Lantern-Pass-3");
  await page.getByLabel("Repeat the new password").fill("Fresh-Lantern-Pass-3");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed, and every other session signed out.")).toBeVisible();
  expect((await other.request.get("/api/trpc/account.me")).status(), "the other browser is signed out").toBe(401);
  await other.close();
  expect((await page.request.get("/api/trpc/account.me")).status(), "this one is not").toBe(200);

  const next = uniqueEmail("moved");
  await page.getByLabel("New e-mail address").fill(next);
  await emailForm.getByLabel("Current password").fill("Fresh-Lantern-Pass-3");
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByText(`If ${next} can receive mail, a confirmation link is on its way there.`)).toBeVisible();
  expect(await seed.ownerSql("select email from users where id = $1", [user.id])).toEqual([{ email: user.email }]);
  const [pending] = await seed.ownerSql("select email from email_verifications where user_id = $1 and used_at is null", [user.id]);
  expect(pending).toEqual({ email: next });

  // The new address's owner opens the link from that mailbox: now it is the account's address.
  await page.goto(await seed.verificationLinkPath(user.email, "/account", next));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page.getByText("Your e-mail address is confirmed.")).toBeVisible();
  expect(await seed.ownerSql("select email from users where id = $1", [user.id])).toEqual([{ email: next }]);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`Your current address is ${next}.`)).toBeVisible();
});

test("account page validation speaks Chinese too", async ({ browser, seed }) => {
  const user = await seed.user("Zhang Wei");
  const context = await browser.newContext({ locale: "zh-CN" });
  try {
    await signIn(context, user.email);
    const page = await context.newPage();
    await page.goto("/account");
    await page.getByLabel("姓名", { exact: true }).fill(" ");
    await page.getByRole("button", { name: "保存姓名" }).click();
    await expect(page.getByText("请输入你的姓名")).toBeVisible();
    await page
      .locator("form")
      .filter({ has: page.getByLabel("再次输入新密码") })
      .getByLabel("当前密码")
      .fill("Not-My-Password-1");
    await page.getByLabel("新密码", { exact: true }).fill("Fresh-Lantern-Pass-3");
    await page.getByLabel("再次输入新密码").fill("Fresh-Lantern-Pass-3");
    await page.getByRole("button", { name: "修改密码" }).click();
    await expect(page.getByText("当前密码不正确。")).toBeVisible();
  } finally {
    await context.close();
  }
});
