/**
 * Model provider keys: an owner adds one (a bad base URL is refused with the reason and nothing is
 * saved), sees only its last four characters from then on — on the page and in the database the
 * key is nowhere in the clear — and revokes it after confirming. A viewer sees the list, not the
 * actions. In Chinese too.
 */
import { expect, signIn, test } from "../support/fixtures";

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";
const SECRET = "sk-proj-e2e-THE-WHOLE-SECRET-0123456789-wxyz";

test("an owner adds a key (shown once as its last four characters), then revokes it after confirming", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}/providers`);
  await expect(page.getByRole("heading", { name: "Model providers", level: 1 })).toBeVisible();
  await expect(page.getByText("No provider keys yet")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Model providers" })).toBeVisible();

  await page.getByRole("button", { name: "Add provider key" }).click();
  const dialog = page.getByRole("dialog", { name: "New provider key" });
  await dialog.getByLabel("Name").fill("Production vLLM");
  await dialog.getByLabel("Provider").selectOption("openai");
  await dialog.getByLabel("Base URL (optional)").fill("http://llm.example.com/v1");
  await dialog.getByLabel("API key").fill(SECRET);
  await dialog.getByRole("button", { name: "Save key" }).click();
  await expect(dialog.getByText("Use https:// (http:// only for localhost, and only in development)")).toBeVisible();
  expect((await seed.ownerSql("select count(*)::int as n from provider_credentials where tenant_id = $1", [org.tenant.id]))[0]!.n).toBe(0);

  await dialog.getByLabel("Base URL (optional)").fill("https://llm.example.com/v1/");
  await dialog.getByRole("button", { name: "Save key" }).click();
  await expect(dialog.getByText("Saved “Production vLLM”: the key ending in wxyz is stored encrypted.")).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();

  const row = page.getByRole("row", { name: /Production vLLM/ });
  await expect(row).toContainText("https://llm.example.com/v1");
  await expect(row).toContainText("••••wxyz");
  await expect(row).toContainText("OpenAI or compatible");
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  expect(await page.content()).not.toContain("THE-WHOLE-SECRET");
  const [stored] = await seed.ownerSql("select * from provider_credentials where tenant_id = $1", [org.tenant.id]);
  expect(JSON.stringify(stored)).not.toContain("THE-WHOLE-SECRET");

  await row.getByRole("button", { name: "Revoke Production vLLM" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke “Production vLLM”?" });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Revoke Production vLLM" }).click();
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("No provider keys yet")).toBeVisible();
  await page.getByRole("link", { name: "Show revoked keys" }).click();
  await expect(page.getByRole("row", { name: /Production vLLM/ }).getByText("Revoked", { exact: true })).toBeVisible();
});

test("a viewer sees the keys without Add or Revoke; the page and its errors read in Chinese", async ({ page, context, browser, seed }) => {
  const org = await seed.tenant();
  const viewer = await seed.member(org, "viewer", "Vera Viewer");
  const owner = await browser.newContext();
  try {
    await signIn(owner, org.owner.email);
    await owner.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: BASE }]);
    const ownerPage = await owner.newPage();
    await ownerPage.goto(`/t/${org.tenant.slug}/providers`);
    await expect(ownerPage.getByRole("heading", { name: "模型提供商", level: 1 })).toBeVisible();
    await ownerPage.getByRole("button", { name: "添加提供商密钥" }).click();
    const dialog = ownerPage.getByRole("dialog", { name: "新建提供商密钥" });
    await dialog.getByLabel("名称").fill("Claude");
    await dialog.getByLabel("提供商").selectOption("anthropic");
    await dialog.getByLabel("基础网址（可选）").fill("ftp://llm.example.com");
    await dialog.getByLabel("API 密钥").fill("sk-ant-api03-abcdefgh-9876");
    await dialog.getByRole("button", { name: "保存密钥" }).click();
    await expect(dialog.getByText("请使用 https://（仅在开发环境中允许对 localhost 使用 http://）")).toBeVisible();
    await dialog.getByLabel("基础网址（可选）").fill("");
    await dialog.getByLabel("API 密钥").fill("sk-ant-api03-abcdefgh-9876");
    await dialog.getByRole("button", { name: "保存密钥" }).click();
    await expect(dialog.getByText("已保存“Claude”：末尾为 9876 的密钥已加密存储。")).toBeVisible();
  } finally {
    await owner.close();
  }

  await signIn(context, viewer.email);
  await page.goto(`/t/${org.tenant.slug}/providers`);
  await expect(page.getByRole("row", { name: /Claude/ })).toContainText("••••9876");
  await expect(page.getByRole("button", { name: "Add provider key" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
});

test("the agent page shows each model's error rate, latency and circuit from recent runs", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  const tenantId = org.tenant.id;
  const config = {
    name: "Support bot",
    description: "",
    instructions: "Be helpful.",
    model: { provider: "openai", model: "gpt-4o-mini", credentialId: null },
    fallbacks: [{ provider: "local", model: "local-retrieval", credentialId: null }],
    temperature: 0.2,
    maxTokens: 512,
    tools: [],
    knowledgeCollectionIds: [],
    guardPolicy: null,
    template: null,
  };
  const [agent] = await seed.ownerSql("insert into agents (tenant_id, name, canary) values ($1, 'Support bot', 'cnry-e2e') returning id", [
    tenantId,
  ]);
  await seed.ownerSql("insert into agent_versions (tenant_id, agent_id, version, config) values ($1, $2, 1, $3)", [
    tenantId,
    agent!.id,
    config,
  ]);
  const [run] = await seed.ownerSql(
    "insert into runs (tenant_id, agent_id, agent_version, status, input, actor_type) values ($1, $2, 1, 'completed', 'hi', 'user') returning id",
    [tenantId, agent!.id],
  );
  const steps: [string, string, string, string, number, string | null][] = [
    ["model_call", "openai", "gpt-4o-mini", "ok", 400, null],
    ["model_call", "openai", "gpt-4o-mini", "ok", 600, null],
    ["model_call", "openai", "gpt-4o-mini", "ok", 800, null],
    ["fallback", "openai", "gpt-4o-mini", "error", 15000, "timeout"],
    ["model_call", "local", "local-retrieval", "ok", 3, null],
  ];
  for (const [i, [kind, provider, model, status, latency, reason]] of steps.entries()) {
    await seed.ownerSql(
      "insert into run_steps (tenant_id, run_id, ordinal, kind, status, provider, model, latency_ms, detail, started_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())",
      [tenantId, run!.id, i, kind, status, provider, model, latency, reason ? { reason } : null],
    );
  }
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}/agents/${agent!.id}`);
  const card = page.getByRole("region", { name: "Provider health" });
  const primary = card.getByRole("row", { name: /openai · gpt-4o-mini/ });
  await expect(primary).toContainText("Primary");
  await expect(primary.getByRole("cell").nth(1)).toHaveText("4");
  await expect(primary.getByRole("cell").nth(2)).toHaveText("25%");
  await expect(primary.getByRole("cell").nth(3)).toHaveText("600 ms");
  await expect(primary.getByRole("cell").nth(4)).toHaveText("800 ms");
  await expect(primary.getByText("Healthy")).toBeVisible();
  const fallback = card.getByRole("row", { name: /local · local-retrieval/ });
  await expect(fallback).toContainText("Fallback 1");
  await expect(fallback.getByRole("cell").nth(2)).toHaveText("0%");
});
