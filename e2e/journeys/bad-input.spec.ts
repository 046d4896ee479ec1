/**
 * Bad input in the UI: a clear, translated error and nothing changed — a taken slug, a weak
 * password or malformed e-mail, an expired invitation, an invitation accepted twice, and the typed
 * confirmation that guards deleting an organisation.
 */
import { alertWith, expect, signIn, test, TEST_PASSWORD, uniqueEmail, uniqueSlug } from "../support/fixtures";

test("a duplicate slug shows the translated 'taken' message and creates nothing", async ({ page, context, seed }) => {
  const existing = await seed.tenant();
  const user = await seed.user("Cora Copycat");
  await signIn(context, user.email);

  await page.goto("/orgs/new");
  await page.getByLabel("Name", { exact: true }).fill("Copycat Labs");
  await page.getByLabel("Address").fill(existing.tenant.slug);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(alertWith(page, "This address is taken; choose another.")).toBeVisible();
  await expect(page.getByLabel("Address")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/orgs\/new$/);

  // In Chinese too (messages/zh-CN/errors.json).
  await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
  await expect(page.getByRole("combobox", { name: "语言" })).toBeVisible();
  await page.getByRole("button", { name: "创建组织" }).click();
  await expect(alertWith(page, "该地址已被占用，请换一个。")).toBeVisible();
  await page.getByRole("combobox", { name: "语言" }).selectOption("en");
  // The switch saves the choice in a server action: wait for it before navigating away.
  await expect(page.getByRole("combobox", { name: "Language" })).toBeVisible();

  expect(await seed.as(user).account.tenants()).toEqual([]);
  const [count] = await seed.ownerSql("select count(*)::int as n from tenants where slug = $1", [existing.tenant.slug]);
  expect(count!.n).toBe(1);
  await page.goto("/orgs");
  await expect(page.getByText("No organisation yet")).toBeVisible();
});

test("a weak password shows what is required; a malformed e-mail is flagged; no account is created", async ({ page, seed }) => {
  const email = uniqueEmail("weak");
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Walt Weak");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(
    alertWith(page, "Choose a stronger password: at least 10 characters, with three of lower-case, upper-case, digits and symbols"),
  ).toBeVisible();
  await expect(page.getByText("At least 10 characters, with three of: lower-case, upper-case, digits, symbols.")).toBeVisible();
  await expect(page.getByLabel("E-mail"), "what was typed is kept").toHaveValue(email);
  await expect(page).toHaveURL(/\/sign-up/);

  await page.getByLabel("E-mail").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(alertWith(page, "Enter a valid e-mail address")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");

  const rows = await seed.ownerSql("select count(*)::int as n from users where email = any($1)", [[email, "not-an-email"]]);
  expect(rows[0]!.n).toBe(0);
});

test("an expired invitation page says it has expired and offers no way to accept", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  const invitee = await seed.user("Ella Expired");
  const invitation = await seed.invitation(org, "developer", invitee.email);
  await seed.ownerSql("update invitations set expires_at = now() - interval '1 day' where id = $1", [invitation.id]);

  await page.goto(invitation.path);
  await expect(page.getByRole("heading", { name: "This invitation has expired" })).toBeVisible();
  await expect(page.getByText(`Ask ${org.tenant.name} for a new invitation.`)).toBeVisible();

  await signIn(context, invitee.email);
  await page.reload();
  await expect(page.getByRole("heading", { name: "This invitation has expired" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Accept and join" })).toHaveCount(0);
  expect(await seed.as(invitee).account.tenants()).toEqual([]);
});

test("accepting an invitation twice: the second attempt is refused and the page says it has been used", async ({ context, seed }) => {
  const org = await seed.tenant();
  const invitee = await seed.user("Ivan Twice");
  const invitation = await seed.invitation(org, "developer", invitee.email);
  await signIn(context, invitee.email);

  // Two tabs on the same link; the first accepts.
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(invitation.path);
  await second.goto(invitation.path);
  await first.getByRole("button", { name: "Accept and join" }).click();
  await expect(first).toHaveURL(new RegExp(`/t/${org.tenant.slug}$`));

  await second.getByRole("button", { name: "Accept and join" }).click();
  await expect(alertWith(second, "This invitation has already been accepted.")).toBeVisible();
  await second.reload();
  await expect(second.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();

  const [memberships] = await seed.ownerSql("select count(*)::int as n from memberships where tenant_id = $1 and user_id = $2", [
    org.tenant.id,
    invitee.id,
  ]);
  expect(memberships!.n).toBe(1);
  const accepted = (await seed.auditRows(org.tenant.id)).filter((r) => r.action === "invitation.accepted");
  expect(accepted).toHaveLength(1);
});

test("deleting an organisation needs its slug typed: disabled until it matches, then it is gone", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  const keep = await seed.as(org.owner).account.createTenant({ name: "Keeper Org", slug: uniqueSlug("keep") });
  await signIn(context, org.owner.email);

  await page.goto(`/t/${org.tenant.slug}/settings`);
  await page.getByRole("button", { name: "Delete organisation" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${org.tenant.name}?` });
  const confirm = dialog.getByRole("button", { name: "Delete organisation" });
  const typed = dialog.getByLabel(`Type ${org.tenant.slug} to confirm`);
  await expect(confirm).toBeDisabled();
  await typed.fill(org.tenant.slug.slice(0, -1));
  await expect(confirm).toBeDisabled();
  await typed.fill(org.tenant.slug.toUpperCase());
  await expect(confirm).toBeDisabled();
  await typed.fill(org.tenant.slug);
  await expect(confirm).toBeEnabled();
  await confirm.click();

  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByRole("link", { name: new RegExp(keep.name) })).toBeVisible();
  await expect(page.getByText(org.tenant.name, { exact: true })).toHaveCount(0);
  const gone = await page.goto(`/t/${org.tenant.slug}`);
  expect(gone!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
