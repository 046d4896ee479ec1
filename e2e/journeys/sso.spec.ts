/**
 * Single sign-on through a real OpenID Provider (e2e/support/oidc-provider.ts: oidc-provider with
 * its own login and consent pages; the app reaches it by discovery, code + PKCE, userinfo). A
 * newcomer gets an account and keeps it; a password account with the same address is joined only
 * when the provider vouches for the address; the way back to an invitation survives the trip.
 */
import type { Page } from "@playwright/test";
import { E2E_OIDC_NAME, oidcIssuer } from "../support/env";
import { alertWith, expect, test, uniqueEmail, type Seeder } from "../support/fixtures";

const SSO_BUTTON = `Continue with ${E2E_OIDC_NAME}`;

/** At the provider: logs in as `login` (its test accounts take any password) and consents. */
async function logInAtProvider(page: Page, login: string) {
  await expect(page).toHaveURL((url) => url.href.startsWith(`${oidcIssuer()}/interaction/`));
  await expect(page.getByRole("heading", { name: "Sign-in" })).toBeVisible();
  await page.getByRole("textbox", { name: "Enter any login" }).fill(login);
  await page.getByPlaceholder("and password").fill("whatever the IdP checks");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await expect(page.getByRole("heading", { name: "Authorize" })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
}

async function countOf(seed: Seeder, query: string, params: unknown[]) {
  const [row] = await seed.ownerSql(`select count(*)::int as n from ${query}`, params);
  return row!.n as number;
}

test("a newcomer signs in with SSO, gets an account, and gets the same one next time", async ({ page, seed }) => {
  const email = uniqueEmail("nora.newcomer");

  await page.goto("/sign-in");
  await page.getByRole("button", { name: SSO_BUTTON }).click();
  await logInAtProvider(page, email);
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByRole("heading", { name: "Your organisations" })).toBeVisible();

  // The provider's claims became the profile: its name, the address it vouched for.
  await page.getByLabel("User menu").click();
  await expect(page.getByText("Nora Newcomer", { exact: true })).toBeVisible();
  await expect(page.getByText(email, { exact: true })).toBeVisible();
  await page.goto("/account");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Nora Newcomer");
  await expect(page.getByText(`Your current address is ${email}.`)).toBeVisible();

  await page.getByLabel("User menu").click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // The provider still has its session and the grant: it sends the person straight back.
  await page.getByRole("button", { name: SSO_BUTTON }).click();
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByRole("heading", { name: "Your organisations" })).toBeVisible();

  expect(await countOf(seed, "users where email = $1 and email_verified_at is not null", [email])).toBe(1);
  expect(await countOf(seed, "accounts a join users u on u.id = a.user_id where u.email = $1 and a.provider = 'oidc'", [email])).toBe(1);
});

test("a password account is joined when the provider vouches for the address", async ({ page, seed }) => {
  const org = await seed.tenant("Lena Linked");

  await page.goto("/sign-in");
  await page.getByRole("button", { name: SSO_BUTTON }).click();
  await logInAtProvider(page, org.owner.email);

  // The same account: the organisation it created, and its own name rather than the provider's.
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByRole("link", { name: new RegExp(org.tenant.name) })).toBeVisible();
  await page.getByLabel("User menu").click();
  await expect(page.getByText("Lena Linked", { exact: true })).toBeVisible();
  expect(await countOf(seed, "users where email = $1", [org.owner.email])).toBe(1);
  expect(await countOf(seed, "accounts where user_id = $1 and provider = 'oidc'", [org.owner.id])).toBe(1);
});

test("a password account is not joined when the provider does not vouch for the address", async ({ page, browser, seed }) => {
  // The test IdP leaves `email_verified` false for any login containing "unverified".
  const user = await seed.user("Ursula Unverified", uniqueEmail("unverified"));

  await page.goto("/sign-in");
  await page.getByRole("button", { name: SSO_BUTTON }).click();
  await logInAtProvider(page, user.email);

  await expect(page).toHaveURL(/\/sign-in\?error=oauth_account_not_linked/);
  await expect(alertWith(page, "An account with this e-mail already exists, and the provider did not confirm the address")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sign in to Agentry" })).toBeVisible();
  expect((await page.request.get("/api/trpc/account.me")).status()).toBe(401);
  expect(await countOf(seed, "accounts where user_id = $1", [user.id])).toBe(0);
  expect(await countOf(seed, "users where email = $1", [user.email])).toBe(1);

  // It is the joining that is refused: an unvouched address with no account behind it signs up.
  const stranger = uniqueEmail("unverified.newcomer");
  const other = await browser.newContext();
  try {
    const elsewhere = await other.newPage();
    await elsewhere.goto("/sign-in");
    await elsewhere.getByRole("button", { name: SSO_BUTTON }).click();
    await logInAtProvider(elsewhere, stranger);
    await expect(elsewhere).toHaveURL(/\/orgs$/);
  } finally {
    await other.close();
  }
  expect(await countOf(seed, "users where email = $1 and email_verified_at is null", [stranger])).toBe(1);
});

test("signing in with SSO from an invitation comes back to the invitation", async ({ page, seed }) => {
  const org = await seed.tenant();
  const email = uniqueEmail("ivy.invited");
  const invitation = await seed.invitation(org, "developer", email);

  await page.goto(invitation.path);
  await expect(page.getByRole("heading", { name: `Join ${org.tenant.name}` })).toBeVisible();
  await page.getByRole("link", { name: "Sign in to accept" }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Finvite%2F/);
  await page.getByRole("button", { name: SSO_BUTTON }).click();
  await logInAtProvider(page, email);

  await expect(page).toHaveURL(invitation.path);
  await expect(page.getByText(`Signed in as ${email}.`)).toBeVisible();
  await page.getByRole("button", { name: "Accept and join" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${org.tenant.slug}$`));
  await expect(page.getByText("Your role: Developer")).toBeVisible();
});
