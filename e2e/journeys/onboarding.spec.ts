/**
 * The journey, end to end through the UI of the production build: sign up, create an
 * organisation, switch to Chinese and back, invite a colleague by link (who signs up from the
 * invitation and joins as a developer), mint an API key and call the API with it, find all of it
 * in the audit log, revoke the key, and see the next call refused.
 */
import { randomBytes } from "node:crypto";
import { expect, test, TEST_PASSWORD, uniqueEmail, uniqueSlug } from "../support/fixtures";
import { bearer, expectError, expectOk } from "../support/http";

test("sign up → organisation → language → invite → API key → audit log → revoke", async ({ page, browser, request, seed }) => {
  const ownerEmail = uniqueEmail("owner");
  const inviteeEmail = uniqueEmail("invitee");
  const slug = uniqueSlug("journey");
  const orgName = `Journey ${randomBytes(2).toString("hex")}`;
  const orgNav = page.getByRole("navigation", { name: "Organisation" });

  await test.step("sign up", async () => {
    await page.goto("/sign-up");
    await page.getByLabel("Your name").fill("Ada Owner");
    await page.getByLabel("E-mail").fill(ownerEmail);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText(`We have sent a message to ${ownerEmail}.`)).toBeVisible();
    // The link from the mailbox confirms the address, then sign-in continues where sign-up was going.
    await page.goto(await seed.verificationLinkPath(ownerEmail, "/orgs/new"));
    await page.getByRole("button", { name: "Confirm my address" }).click();
    await expect(page.getByText("Your e-mail address is confirmed.")).toBeVisible();
    await page.getByRole("link", { name: "Continue" }).click();
    await page.getByLabel("E-mail").fill(ownerEmail);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/orgs\/new$/);
  });

  await test.step("create an organisation", async () => {
    await page.getByLabel("Name", { exact: true }).fill(orgName);
    await page.getByLabel("Address").fill(slug);
    await page.getByRole("button", { name: "Create organisation" }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${slug}$`));
    await expect(page.getByRole("heading", { name: orgName })).toBeVisible();
  });

  await test.step("switch the language to Chinese and back", async () => {
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
    // messages/zh-CN/nav.json: "tenantNav": "组织", "members": "成员".
    await expect(page.getByRole("navigation", { name: "组织" }).getByRole("link", { name: "成员" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.getByRole("combobox", { name: "语言" }).selectOption("en");
    await expect(orgNav.getByRole("link", { name: "Members" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  let link = "";
  await test.step("invite a second user by link", async () => {
    await orgNav.getByRole("link", { name: "Members" }).click();
    await expect(page.getByRole("heading", { name: "Invite a colleague" })).toBeVisible();
    await page.getByLabel("E-mail address").fill(inviteeEmail);
    await expect(page.getByLabel("Role", { exact: true })).toHaveValue("developer");
    await page.getByRole("button", { name: "Create invitation" }).click();
    await expect(page.getByText(`Invitation created for ${inviteeEmail}`)).toBeVisible();
    link = (await page.getByTestId("invitation-link").textContent())!.trim();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
  });

  await test.step("the invitee signs up from the invitation and joins as a developer", async () => {
    const context = await browser.newContext();
    try {
      const invitee = await context.newPage();
      await invitee.goto(link);
      await expect(invitee.getByRole("heading", { name: `Join ${orgName}` })).toBeVisible();
      await invitee.getByRole("link", { name: "Create an account" }).click();
      await expect(invitee).toHaveURL(/\/sign-up\?callbackUrl=/);
      // The invited address is filled in and cannot be changed.
      await expect(invitee.getByLabel("E-mail")).toHaveValue(inviteeEmail);
      await expect(invitee.getByLabel("E-mail")).not.toBeEditable();
      await invitee.getByLabel("Your name").fill("Grace Developer");
      await invitee.getByLabel("Password").fill(TEST_PASSWORD);
      await invitee.getByRole("button", { name: "Create account" }).click();
      await expect(invitee.getByText(`We have sent a message to ${inviteeEmail}.`)).toBeVisible();
      // Holding the invitation link is not proof of owning the address: confirm it first.
      await invitee.goto(await seed.verificationLinkPath(inviteeEmail, new URL(link).pathname));
      await invitee.getByRole("button", { name: "Confirm my address" }).click();
      await invitee.getByRole("link", { name: "Continue" }).click();
      await invitee.getByLabel("E-mail").fill(inviteeEmail);
      await invitee.getByLabel("Password").fill(TEST_PASSWORD);
      await invitee.getByRole("button", { name: "Sign in" }).click();
      // Back on the invitation, signed in as the invited address.
      await expect(invitee).toHaveURL(new URL(link).pathname);
      await expect(invitee.getByText(`Signed in as ${inviteeEmail}.`)).toBeVisible();
      await invitee.getByRole("button", { name: "Accept and join" }).click();
      await expect(invitee).toHaveURL(new RegExp(`/t/${slug}$`));
      await expect(invitee.getByText("Your role: Developer")).toBeVisible();
    } finally {
      await context.close();
    }
    await page.reload();
    await expect(page.getByRole("combobox", { name: "Role of Grace Developer" })).toHaveValue("developer");
  });

  let secret = "";
  await test.step("create an API key in the UI", async () => {
    await orgNav.getByRole("link", { name: "API keys" }).click();
    await page.getByRole("button", { name: "Create API key" }).click();
    const dialog = page.getByRole("dialog", { name: "New API key" });
    await dialog.getByLabel("Name", { exact: true }).fill("CI pipeline");
    await expect(dialog.getByRole("checkbox", { name: /tenant:read/ })).toBeChecked();
    await dialog.getByRole("button", { name: "Create API key" }).click();
    const shown = page.getByRole("dialog", { name: "Copy your new key now" });
    secret = (await shown.getByTestId("api-key-secret").textContent())!.trim();
    expect(secret).toMatch(/^agt_[0-9A-Za-z]{38}$/);
    await shown.getByRole("button", { name: "I have stored it" }).click();
    await expect(shown).toBeHidden();
    // Listed by its visible prefix only.
    await expect(page.getByRole("cell", { name: `CI pipeline ${secret.slice(0, 12)}…` })).toBeVisible();
    await expect(page.getByText(secret)).toHaveCount(0);
  });

  await test.step("call /api/v1 with it", async () => {
    const tenant = await expectOk<{ slug: string; name: string }>(await request.get("/api/v1/tenant", { headers: bearer(secret) }));
    expect(tenant).toMatchObject({ slug, name: orgName });
  });

  await test.step("the audit log shows every action, and no entry for the read", async () => {
    await orgNav.getByRole("link", { name: "Audit log" }).click();
    const table = page.getByRole("table", { name: "Audit entries, newest first" });
    // Newest first; the API call was a read, so it is not there.
    await expect(table.locator("code")).toHaveText(["apikey.created", "invitation.accepted", "member.invited", "tenant.created"]);
    await expect(table.getByText("API key", { exact: true })).toHaveCount(0);
  });

  await test.step("revoke the key in the UI; the next call is refused", async () => {
    await orgNav.getByRole("link", { name: "API keys" }).click();
    await page.getByRole("button", { name: "Revoke CI pipeline" }).click();
    const confirm = page.getByRole("dialog", { name: "Revoke “CI pipeline”?" });
    await expect(confirm.getByText("Programs using this key are refused from their next request.")).toBeVisible();
    await confirm.getByRole("button", { name: "Revoke" }).click();
    await expect(confirm).toBeHidden();
    // Revoked keys leave the list; the filter brings them back, marked.
    await expect(page.getByRole("cell", { name: /^CI pipeline/ })).toHaveCount(0);
    await page.getByRole("link", { name: "Show revoked keys" }).click();
    await expect(page.getByText("Revoked", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Revoke CI pipeline" })).toHaveCount(0);
    await expectError(await request.get("/api/v1/tenant", { headers: bearer(secret) }), 401, "api_key_revoked");
  });
});
