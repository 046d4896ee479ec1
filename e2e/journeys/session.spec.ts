/**
 * Sessions end when they should: "sign out everywhere" reaches other browsers on their next
 * request, a tampered cookie is simply signed out (never a 500), and a removed member loses the
 * organisation on the next page load.
 */
import { expect, signIn, test } from "../support/fixtures";

const SESSION_COOKIE = "authjs.session-token";

test("sign out everywhere from Account ends the session in another browser on its next request", async ({
  page,
  context,
  browser,
  seed,
}) => {
  const user = await seed.user("Sam Sessions");
  await signIn(context, user.email);
  const other = await browser.newContext();
  try {
    await signIn(other, user.email);
    const elsewhere = await other.newPage();
    await elsewhere.goto("/orgs");
    await expect(elsewhere.getByRole("heading", { name: "Your organisations" })).toBeVisible();

    await page.goto("/account");
    const sessions = page.getByRole("table", { name: "Sessions" });
    await expect(sessions.getByRole("row")).toHaveCount(3); // header + two browsers
    await expect(sessions.getByText("This browser")).toHaveCount(1);
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    const confirm = page.getByRole("dialog", { name: "Sign out everywhere?" });
    await confirm.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    // The other browser still holds its cookie; its next request is refused all the same.
    expect((await other.cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(true);
    await elsewhere.goto("/orgs");
    await expect(elsewhere).toHaveURL(/\/sign-in\?callbackUrl=%2Forgs/);
    await expect(elsewhere.getByRole("heading", { name: "Sign in to Agentry" })).toBeVisible();
    expect((await other.request.get("/api/trpc/account.me")).status()).toBe(401);
  } finally {
    await other.close();
  }
});

test("a tampered session cookie is treated as signed out: redirect to sign-in, no 500", async ({ page, context, seed }) => {
  const user = await seed.user();
  await signIn(context, user.email);
  await page.goto("/orgs");
  await expect(page.getByRole("heading", { name: "Your organisations" })).toBeVisible();

  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!;
  expect(cookie, "signed in with a session cookie").toBeTruthy();
  // Flip characters in the middle of the encrypted token (and keep its alphabet).
  const middle = Math.floor(cookie.value.length / 2);
  const flipped = [...cookie.value.slice(middle, middle + 6)].map((ch) => (ch === "A" ? "B" : "A")).join("");
  await context.addCookies([{ ...cookie, value: cookie.value.slice(0, middle) + flipped + cookie.value.slice(middle + 6) }]);

  const response = await page.goto("/orgs");
  expect(response!.status()).toBeLessThan(500);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Forgs/);
  await expect(page.getByRole("heading", { name: "Sign in to Agentry" })).toBeVisible();
  const api = await context.request.get("/api/trpc/account.me");
  expect(api.status()).toBe(401);

  // A cookie that is not even a token is no different.
  await context.addCookies([{ ...cookie, value: "not-a-jwe" }]);
  const again = await page.goto("/account");
  expect(again!.status()).toBeLessThan(500);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a removed member loses access to the organisation on the next page load", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  const member = await seed.member(org, "developer", "Rita Removed");
  await signIn(context, member.email);
  await page.goto(`/t/${org.tenant.slug}/members`);
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();

  await seed.as(org.owner, org.tenant.slug).members.remove({ userId: member.id });

  const response = await page.goto(`/t/${org.tenant.slug}/members`);
  expect(response!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("This page does not exist, or you do not have access to it.")).toBeVisible();
  // Still signed in, just no longer a member: the organisation is gone from their list too.
  await page.goto("/orgs");
  await expect(page.getByText("No organisation yet")).toBeVisible();
  expect((await context.request.get("/api/trpc/tenant.get", { headers: { "x-agentry-tenant": org.tenant.slug } })).status()).toBe(404);
});
