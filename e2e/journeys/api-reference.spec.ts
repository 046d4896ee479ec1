/**
 * The API reference: "Try it" calls the API with the key the reader pastes (not their session),
 * and the reference reads in Chinese too.
 */
import { expect, signIn, test } from "../support/fixtures";

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";

test("Try it sends the pasted key, and only that key", async ({ page, context, seed }) => {
  const org = await seed.tenantWithKey();
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.slug}/api?section=tenant`);
  const card = page.locator("#tenant-get");
  await card.getByRole("button", { name: "Try it" }).click();

  // A wrong key is refused although the browser holds a session cookie: cookies are not sent.
  await card.getByLabel("API key").fill("agt_wrong");
  await card.getByRole("button", { name: "Send GET" }).click();
  await expect(card.getByText("Status 401")).toBeVisible();

  await card.getByLabel("API key").fill(org.key.secret);
  await card.getByRole("button", { name: "Send GET" }).click();
  await expect(card.getByText("Status 200")).toBeVisible();
  await expect(card.getByRole("region", { name: "Response" })).toContainText(`"slug": "${org.slug}"`);

  // The key is remembered for the next operation in this tab, in another section of the reference
  // (one section's operations per page): reached from the contents.
  await page.getByRole("navigation", { name: "Endpoints" }).getByRole("link", { name: "/members" }).first().click();
  await expect(page).toHaveURL(/section=members#members-list$/);
  const members = page.locator("#members-list");
  await members.getByRole("button", { name: "Try it" }).click();
  await expect(members.getByLabel("API key")).toHaveValue(org.key.secret);
});

test("the reference in Chinese: operation summaries, labels and the scrollable example are translated and reachable", async ({
  page,
  context,
  seed,
}) => {
  const org = await seed.tenant();
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: BASE }]);
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}/api`);
  await expect(page).toHaveTitle(/API 参考/);
  await page.goto(`/t/${org.tenant.slug}/api?section=api-keys`);
  await expect(page.locator("#apiKeys-create")).toContainText("创建 API 密钥（密钥仅在此响应中出现）");
  await expect(page.locator("#apiKeys-create")).toContainText("仅显示一次：请立即保存");
  await expect(page.locator("#apiKeys-create")).not.toContainText(/Create an API key|Shown once/);
  await page.goto(`/t/${org.tenant.slug}/api?section=tenant`);
  const example = page.locator("#tenant-get").getByRole("region", { name: "示例：GET /tenant" });
  await example.focus();
  await expect(example).toBeFocused();
});
