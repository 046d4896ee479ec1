/**
 * The portal's guard rails: handing over ownership asks first, the last owner is not offered a
 * way out, re-inviting says the earlier link dies, and the shown-once secret is not lost to Esc.
 */
import { expect, signIn, test } from "../support/fixtures";

test("making someone an owner asks first; cancelling changes nothing", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  const dev = await seed.member(org, "developer", "Olive Promoted");
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}/members`);

  const select = page.getByRole("combobox", { name: "Role of Olive Promoted" });
  await select.selectOption("owner");
  const confirm = page.getByRole("dialog", { name: "Make Olive Promoted an owner?" });
  await expect(confirm).toBeVisible();
  await expect(select, "the select still shows the role they have").toHaveValue("developer");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  let [row] = await seed.ownerSql("select role from memberships where tenant_id = $1 and user_id = $2", [org.tenant.id, dev.id]);
  expect(row!.role).toBe("developer");

  await select.selectOption("owner");
  await confirm.getByRole("button", { name: "Make owner" }).click();
  await expect(confirm).toBeHidden();
  await expect(select).toHaveValue("owner");
  [row] = await seed.ownerSql("select role from memberships where tenant_id = $1 and user_id = $2", [org.tenant.id, dev.id]);
  expect(row!.role).toBe("owner");
});

test("the last owner is not offered Leave, on the members page or in settings", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  await seed.member(org, "admin");
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}/members`);
  await expect(page.getByRole("table", { name: "Members" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Leave" })).toHaveCount(0);
  await page.goto(`/t/${org.tenant.slug}/settings`);
  await expect(page.getByText("You are the only owner: make someone else an owner before you can leave.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Leave" })).toHaveCount(0);

  // A second owner: now leaving is possible.
  await seed.member(org, "owner");
  await page.reload();
  await expect(page.getByRole("button", { name: "Leave" })).toBeVisible();
});

test("re-inviting an address with a pending invitation warns that the earlier link is revoked", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  const pending = await seed.invitation(org, "viewer");
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}/members`);
  const email = page.getByLabel("E-mail address");
  await email.fill("someone-new@example.test");
  await expect(page.getByText(/already has a pending invitation/)).toHaveCount(0);
  await email.fill(pending.email.toUpperCase());
  await expect(
    page.getByText(`${pending.email.toUpperCase()} already has a pending invitation. Inviting again revokes the earlier link.`),
  ).toBeVisible();
  await page.getByRole("button", { name: "Invite again" }).click();
  await expect(page.getByTestId("invitation-link")).toBeVisible();
});

test("the shown-once secret: Esc asks before closing", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}/api-keys`);
  await page.getByRole("button", { name: "Create API key" }).click();
  await page.getByRole("dialog", { name: "New API key" }).getByLabel("Name", { exact: true }).fill("Esc test");
  await page.getByRole("dialog", { name: "New API key" }).getByRole("button", { name: "Create API key" }).click();
  const shown = page.getByRole("dialog", { name: "Copy your new key now" });
  await expect(shown.getByTestId("api-key-secret")).toBeVisible();

  await page.keyboard.press("Escape");
  await expect(shown.getByText("Have you copied the key?")).toBeVisible();
  await shown.getByRole("button", { name: "Keep it open" }).click();
  await expect(shown.getByTestId("api-key-secret")).toBeVisible();

  await page.keyboard.press("Escape");
  await shown.getByRole("button", { name: "Close, I have copied it" }).click();
  await expect(shown).toBeHidden();
});

test("menus close on Escape and on a click outside", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}`);
  const switcher = page.locator("summary", { hasText: "Switch organisation" });
  const allOrgs = page.getByRole("link", { name: "All organisations" });
  await switcher.click();
  await expect(allOrgs).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(allOrgs).toBeHidden();
  await switcher.click();
  await expect(allOrgs).toBeVisible();
  await page.mouse.click(5, 400);
  await expect(allOrgs).toBeHidden();
});

test("signed out, / says what Agentry does; signed in, it opens your organisations; a favicon is served", async ({
  page,
  context,
  seed,
  request,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Run AI agents for your organisation, safely" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", "/sign-up");
  const icon = await request.get("/icon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", /icon\.svg/);

  const user = await seed.user();
  await signIn(context, user.email);
  await page.goto("/");
  await expect(page).toHaveURL(/\/orgs(\/new)?$/);
});

test("key presets pick read-only or full scopes", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}/api-keys`);
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await expect(dialog.getByRole("button", { name: "Read-only" })).toHaveAttribute("aria-pressed", "true");
  await expect(dialog.getByRole("checkbox", { name: /apikey:create/ })).not.toBeChecked();
  await dialog.getByRole("button", { name: "Full access" }).click();
  await expect(dialog.getByRole("checkbox", { name: /apikey:create/ })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: /tenant:read/ })).toBeChecked();
  await dialog.getByRole("button", { name: "Read-only" }).click();
  await expect(dialog.getByRole("checkbox", { name: /apikey:create/ })).not.toBeChecked();
});

test("a key created with a budget shows it in the list (en and zh); a developer is not offered a budget", async ({
  page,
  context,
  seed,
}) => {
  const org = await seed.tenant();
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}/api-keys`);
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await dialog.getByLabel("Name", { exact: true }).fill("Budgeted CI");
  const budget = dialog.getByRole("group", { name: "Budget (optional)" });
  await budget.getByLabel("Period").selectOption("day");
  await budget.getByLabel("Runs").fill("5");
  await budget.getByLabel("Cost (USD)").fill("2.5");
  await dialog.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByTestId("api-key-secret")).toBeVisible();
  await page.getByRole("button", { name: "I have stored it" }).click();
  const row = page.getByRole("row").filter({ hasText: "Budgeted CI" });
  await expect(row.getByTestId("key-budget")).toHaveText("5 runs · $2.50 per day (UTC)");
  const [key] = await seed.ownerSql(
    "select budget_runs, budget_tokens, budget_cost_micros::int, budget_period from api_keys where tenant_id = $1 and name = $2",
    [org.tenant.id, "Budgeted CI"],
  );
  expect(key).toEqual({ budget_runs: 5, budget_tokens: null, budget_cost_micros: 2_500_000, budget_period: "day" });

  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: page.url() }]);
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "Budgeted CI" }).getByTestId("key-budget")).toContainText("5 次运行");
  await page.getByRole("button", { name: "创建 API 密钥" }).click();
  await expect(page.getByRole("group", { name: "预算（可选）" })).toBeVisible();
  await context.clearCookies({ name: "NEXT_LOCALE" });

  const developer = await seed.member(org, "developer");
  await signIn(context, developer.email);
  await page.goto(`/t/${org.tenant.slug}/api-keys`);
  await page.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByRole("dialog", { name: "New API key" }).getByLabel("Name", { exact: true })).toBeVisible();
  await expect(page.getByRole("group", { name: "Budget (optional)" })).toHaveCount(0);
});
