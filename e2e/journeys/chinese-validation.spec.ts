/**
 * Validation in Chinese: what the server refuses comes back in the reader's language — the
 * messages are the catalogues' (messages/zh-CN/validation.json), not zod's English.
 */
import { alertWith, expect, signIn, test } from "../support/fixtures";

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";

test.beforeEach(async ({ context }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: BASE }]);
});

test("a refused sign-up says what is wrong in Chinese and creates nothing", async ({ page, seed }) => {
  await page.goto("/sign-up");
  await expect(page).toHaveTitle(/创建账户/);
  await page.getByLabel("你的姓名").fill("   ");
  await page.getByLabel("邮箱").fill("not-an-email");
  await page.getByLabel("密码", { exact: true }).fill("Correct-Horse-42");
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(alertWith(page, "请输入你的姓名")).toBeVisible();
  await expect(alertWith(page, "请输入有效的电子邮件地址，例如 name@example.com")).toBeVisible();
  await expect(page.getByText(/Enter|valid e-mail/)).toHaveCount(0);
  const rows = await seed.ownerSql("select count(*)::int as n from users where email = 'not-an-email'");
  expect(rows[0]!.n).toBe(0);
});

test("a refused organisation name and a refused key name are explained in Chinese", async ({ page, context, seed }) => {
  const user = await seed.user("Zhou Name");
  await signIn(context, user.email);
  await page.goto("/orgs/new");
  await expect(page).toHaveTitle(/新建组织/);
  await page.getByLabel("名称", { exact: true }).fill("x");
  await page.getByLabel("地址").fill(`zh-${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "创建组织" }).click();
  await expect(alertWith(page, "至少 2 个字符")).toBeVisible();
  expect(await seed.as(user).account.tenants()).toEqual([]);

  const org = await seed.tenant();
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}/api-keys`);
  await expect(page).toHaveTitle(/API 密钥/);
  await page.getByRole("button", { name: "创建 API 密钥" }).click();
  const dialog = page.getByRole("dialog", { name: "新建 API 密钥" });
  await dialog.getByLabel("名称", { exact: true }).fill("   ");
  await dialog.getByRole("button", { name: "创建 API 密钥" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "请为密钥命名" })).toBeVisible();
  const keys = await seed.ownerSql("select count(*)::int as n from api_keys where tenant_id = $1", [org.tenant.id]);
  expect(keys[0]!.n).toBe(0);
});

test("the API answers in the language asked for", async ({ request }) => {
  const response = await request.get("/api/v1/tenant", { headers: { authorization: "Bearer nope", "accept-language": "zh-CN" } });
  expect(response.status()).toBe(401);
  expect(((await response.json()) as { error: { message: string } }).error.message).toBe("该 API 密钥无效。");
});
