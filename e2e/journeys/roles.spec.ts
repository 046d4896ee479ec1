/**
 * The UI hides what a role cannot do (from the same permission table the server enforces):
 * viewers see API keys and members read-only; owners see the actions; developers have no danger
 * zone. Each test signs its members in through the API and looks at the real pages.
 */
import { expect, pageFor, signIn, test } from "../support/fixtures";

test("a viewer sees the API keys page without Create API key and without Revoke buttons; the owner sees both", async ({
  page,
  context,
  browser,
  seed,
}) => {
  const org = await seed.tenant();
  await seed.key(org, org.owner, ["tenant:read"], "Deploy bot");
  const viewer = await seed.member(org, "viewer", "Vera Viewer");
  await signIn(context, viewer.email);

  await page.goto(`/t/${org.tenant.slug}/api-keys`);
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expect(page.getByRole("cell", { name: /^Deploy bot agt_/ })).toBeVisible();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

  const owner = await pageFor(browser, org.owner);
  try {
    await owner.goto(`/t/${org.tenant.slug}/api-keys`);
    await expect(owner.getByRole("cell", { name: /^Deploy bot agt_/ })).toBeVisible();
    await expect(owner.getByRole("button", { name: "Create API key" })).toBeVisible();
    await expect(owner.getByRole("button", { name: "Revoke Deploy bot" })).toBeVisible();
  } finally {
    await owner.context().close();
  }
});

test("a viewer sees Members without the invite form or role selects; the owner sees them", async ({ page, context, browser, seed }) => {
  const org = await seed.tenant("Olga Owner");
  const viewer = await seed.member(org, "viewer", "Vera Viewer");
  await seed.member(org, "developer", "Dev Eloper");
  await signIn(context, viewer.email);

  await page.goto(`/t/${org.tenant.slug}/members`);
  const members = page.getByRole("table", { name: "Members" });
  await expect(members.getByRole("row")).toHaveCount(4); // header + owner, developer, viewer
  await expect(members.getByText("Developer", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Invite a colleague" })).toHaveCount(0);
  await expect(page.getByLabel("E-mail address")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create invitation" })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: /^Role of/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(0);

  const owner = await pageFor(browser, org.owner);
  try {
    await owner.goto(`/t/${org.tenant.slug}/members`);
    await expect(owner.getByRole("heading", { name: "Invite a colleague" })).toBeVisible();
    await expect(owner.getByLabel("E-mail address")).toBeVisible();
    await expect(owner.getByRole("combobox", { name: "Role of Vera Viewer" })).toHaveValue("viewer");
    await expect(owner.getByRole("combobox", { name: "Role of Dev Eloper" })).toHaveValue("developer");
    await expect(owner.getByRole("combobox", { name: "Role of Olga Owner" }), "not for yourself").toHaveCount(0);
  } finally {
    await owner.context().close();
  }
});

test("a developer has no danger zone in Settings and cannot delete the organisation; the owner can", async ({
  page,
  context,
  browser,
  seed,
}) => {
  const org = await seed.tenant();
  const developer = await seed.member(org, "developer");
  await signIn(context, developer.email);

  await page.goto(`/t/${org.tenant.slug}/settings`);
  await expect(page.getByRole("heading", { name: "Your membership" })).toBeVisible();
  await expect(page.getByText("Your role in this organisation: Developer.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Danger zone" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete organisation" })).toHaveCount(0);
  await expect(page.getByLabel("Organisation name"), "renaming is an admin's").toBeDisabled();
  // The server agrees: the procedure behind the hidden button refuses a developer.
  const refused = await page.request.post("/api/trpc/tenant.delete", {
    headers: { "x-agentry-tenant": org.tenant.slug },
    data: { confirmSlug: org.tenant.slug },
  });
  expect(refused.status()).toBe(403);

  const owner = await pageFor(browser, org.owner);
  try {
    await owner.goto(`/t/${org.tenant.slug}/settings`);
    await expect(owner.getByRole("heading", { name: "Danger zone" })).toBeVisible();
    await expect(owner.getByRole("button", { name: "Delete organisation" })).toBeVisible();
  } finally {
    await owner.context().close();
  }
});
