/**
 * The knowledge base from the portal: create a collection, paste a Markdown document, upload a
 * .md file and a PDF through the multipart door, and search in English and Chinese — the hits show the
 * document and collection with the query's words marked. Then the same in Chinese, at phone width.
 */
import { makePdf } from "../../tests/knowledge/make-pdf";
import { expect, signIn, test } from "../support/fixtures";

const REFUNDS_ZH = `# 常见问题

## 退款政策

收货后 30 天内可以申请退款。退款会在 3 个工作日内退回原支付账户。

## 配送

下单后 48 小时内发货。`;

const GUIDE_EN = `# Customer guide

## Passwords

To reset your password, open Settings and choose "Forgot password". The link expires after one hour.

## Shipping

Orders ship within 48 hours.`;

test("create a collection, paste and upload documents, search in English and Chinese", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  await signIn(context, org.owner.email);
  const base = `/t/${org.tenant.slug}/knowledge`;

  await page.goto(`/t/${org.tenant.slug}`);
  await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Knowledge" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}$`));
  await expect(page).toHaveTitle(/Knowledge base/);
  await expect(page.getByText("No collections yet")).toBeVisible();

  await page.getByRole("button", { name: "New collection" }).click();
  const dialog = page.getByRole("dialog", { name: "New collection" });
  await dialog.getByLabel("Name").fill("Help centre");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: "Help centre", level: 1 })).toBeVisible();
  await expect(page.getByText("No documents in this collection")).toBeVisible();

  // Paste.
  await page.getByLabel("Title", { exact: true }).fill("常见问题");
  await page.getByLabel("Text", { exact: true }).fill(REFUNDS_ZH);
  await page.getByRole("button", { name: "Add document" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added “常见问题”: 2 passages." })).toBeVisible();
  const rows = page.getByRole("table", { name: "Documents" }).getByRole("row");
  await expect(rows.filter({ hasText: "常见问题" }).getByTestId("chunk-count")).toHaveText("2");

  // Upload a .md file (multipart → the upload route → the same procedure).
  await page.getByRole("tab", { name: "Upload a file" }).click();
  await page.getByLabel("File").setInputFiles({ name: "customer-guide.md", mimeType: "text/markdown", buffer: Buffer.from(GUIDE_EN) });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added “customer-guide”: 2 passages." })).toBeVisible();
  await expect(rows.filter({ hasText: "customer-guide" })).toContainText("Uploaded");

  // A file that is not text is refused with a clear message and nothing is added.
  await page.getByLabel("File").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Upload a .txt, .md or .pdf file." })).toBeVisible();
  await expect(rows).toHaveCount(3);

  // A PDF: its text is extracted on the server (offline) and indexed like the rest.
  await page.getByLabel("File").setInputFiles({
    name: "warranty.pdf",
    mimeType: "application/pdf",
    buffer: makePdf(["Warranty", "Every device carries a two-year warranty against defects."]),
  });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added “warranty”: 1 passage." })).toBeVisible();
  await expect(rows.filter({ hasText: "warranty" })).toContainText("PDF");

  // Search in English.
  await page.goto(base);
  await page.getByRole("searchbox", { name: "Search the knowledge base" }).fill("how do I reset my password");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/\/knowledge\/search\?q=/);
  const first = page.getByTestId("knowledge-hit").first();
  await expect(first).toContainText("customer-guide");
  await expect(first).toContainText("Help centre");
  await expect(
    first
      .locator("mark")
      .filter({ hasText: /^password$/i })
      .first(),
  ).toBeVisible();

  // And in Chinese: the refund FAQ, found by a question that shares no spaces with it.
  await page.getByRole("searchbox", { name: "Search the knowledge base" }).fill("如何退款");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const zh = page.getByTestId("knowledge-hit").first();
  await expect(zh).toContainText("常见问题");
  await expect(zh).toContainText("退款政策");
  await expect(zh.locator("mark").filter({ hasText: "退款" }).first()).toBeVisible();
  await zh.getByRole("link", { name: "常见问题" }).click();
  await expect(page.getByRole("heading", { name: "常见问题", level: 1 })).toBeVisible();
  await expect(page.getByText("常见问题 › 退款政策")).toBeVisible();
});

/** How far the page sticks out past the viewport on the right (0 when it fits). */
const overflow = (page: import("@playwright/test").Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("in Chinese at phone width: the knowledge pages read in Chinese and fit the screen", async ({ browser, seed }) => {
  const org = await seed.tenant();
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  try {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: process.env.E2E_BASE_URL! }]);
    await signIn(context, org.owner.email);
    const page = await context.newPage();
    await page.goto(`/t/${org.tenant.slug}/knowledge`);
    await expect(page.getByRole("heading", { name: "知识库", level: 1 })).toBeVisible();
    await expect(page).toHaveTitle(/知识库/);
    expect(await overflow(page), "collections").toBeLessThanOrEqual(0);
    await page.getByRole("button", { name: "新建集合" }).click();
    await page.getByRole("dialog", { name: "新建集合" }).getByLabel("名称").fill("帮助中心");
    await page.getByRole("button", { name: "创建" }).click();
    await expect(page.getByRole("heading", { name: "帮助中心", level: 1 })).toBeVisible();
    await page.getByLabel("标题", { exact: true }).fill("退款说明");
    await page.getByLabel("文本", { exact: true }).fill(REFUNDS_ZH);
    await page.getByRole("button", { name: "添加文档" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已添加《退款说明》" })).toBeVisible();
    expect(await overflow(page), "collection").toBeLessThanOrEqual(0);
    await page.getByRole("link", { name: "退款说明" }).click();
    await expect(page.getByRole("heading", { name: "退款说明", level: 1 })).toBeVisible();
    expect(await overflow(page), "document").toBeLessThanOrEqual(0);
    await page.goto(`/t/${org.tenant.slug}/knowledge/search?q=${encodeURIComponent("怎么申请退款")}`);
    await expect(page.getByTestId("knowledge-hit").first()).toContainText("退款说明");
    expect(await overflow(page), "search").toBeLessThanOrEqual(0);
  } finally {
    await context.close();
  }
});
