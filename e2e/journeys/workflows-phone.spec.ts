/**
 * Workflows on a phone (375 px), in English and Chinese: the empty list, a workflow made from the
 * customer-service template (its secret shown once), its editor page, a refused save whose error
 * names the node, the empty approvals inbox, and a run page whose run is cancelled after a
 * confirmation — each fits the screen and passes axe.
 */
import { expect, signIn, test } from "../support/fixtures";
import { fitsTheScreen } from "../support/page-checks";

test.use({ viewport: { width: 375, height: 812 } });

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";

const TEXT = {
  en: {
    empty: "No workflows yet",
    fromTemplate: "New from the customer-service template",
    secret: "Inbound webhook secret",
    continue: "Continue",
    title: "Customer service",
    editClassify: "Edit classify",
    input: "Input",
    save: "Save",
    refused: "Node “classify” refers to the output of “nowhere”, which does not exist.",
    inboxEmpty: "Nothing waiting",
    cancel: "Cancel run",
    cancelled: "Cancelled",
  },
  "zh-CN": {
    empty: "还没有工作流",
    fromTemplate: "从客服模板新建",
    secret: "入站 Webhook 密钥",
    continue: "继续",
    title: "客户服务",
    editClassify: "编辑 classify",
    input: "输入",
    save: "保存",
    refused: "节点“classify”引用了“nowhere”的输出，但该节点不存在。",
    inboxEmpty: "没有待审批项",
    cancel: "取消运行",
    cancelled: "已取消",
  },
} as const;

for (const locale of ["en", "zh-CN"] as const) {
  test(`workflows at phone width: list, template, editor with a refused save, inbox (${locale})`, async ({ context, page, seed }) => {
    const s = TEXT[locale];
    const org = await seed.tenant();
    const slug = org.tenant.slug;
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: BASE }]);
    await signIn(context, org.owner.email);
    const main = page.locator("main");

    await page.goto(`/t/${slug}/workflows`);
    await expect(main.getByText(s.empty)).toBeVisible();
    await fitsTheScreen(page, "empty list", { prefix: "workflows", exclude: ".react-flow__renderer" });

    await main.getByRole("button", { name: s.fromTemplate }).first().click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByText(s.secret)).toBeVisible();
    await expect(dialog.getByTestId("hook-secret")).toContainText("whsec_");
    await dialog.getByRole("button", { name: s.continue }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${slug}/workflows/[0-9a-f-]{36}$`));
    await expect(main.getByRole("heading", { level: 1 })).toHaveText(s.title);
    await expect(main.getByTestId("node-approve")).toBeVisible();
    await fitsTheScreen(page, "editor", { prefix: "workflows", exclude: ".react-flow__renderer" });

    await main.getByRole("button", { name: s.editClassify }).click();
    await main.getByLabel(s.input, { exact: true }).fill("{{nodes.nowhere.output.text}}");
    await main.getByRole("button", { name: s.save, exact: true }).click();
    await expect(main.getByText(s.refused).first()).toBeVisible();
    await expect(main.getByLabel(s.input, { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(main.getByTestId("node-classify")).toHaveAttribute("class", /border-red-500/);

    await page.goto(`/t/${slug}/approvals`);
    await expect(main.getByText(s.inboxEmpty)).toBeVisible();
    await fitsTheScreen(page, "inbox", { prefix: "workflows", exclude: ".react-flow__renderer" });

    // A run that waits for a person (queued or waiting, whether or not an engine runs): cancel it after confirming.
    const api = seed.as(org.owner, slug);
    const gate = await api.workflows.create({
      name: "Gate",
      definition: { nodes: [{ id: "ok", kind: "approval", prompt: "OK?" }], edges: [] },
    });
    const run = await api.workflows.startRun({ id: gate.id, input: {} });
    await page.goto(`/t/${slug}/workflows/runs/${run.id}`);
    await expect(main.getByTestId("node-row-ok")).toBeVisible();
    await fitsTheScreen(page, "run page", { prefix: "workflows", exclude: ".react-flow__renderer" });
    await main.getByRole("button", { name: s.cancel }).click();
    const confirm = page.getByRole("dialog");
    await confirm.getByRole("button", { name: s.cancel }).click();
    await expect(main.getByTestId("run-status")).toHaveAttribute("data-status", "cancelled");
    await expect(main.getByTestId("run-status")).toHaveText(s.cancelled);
    await expect(main.getByTestId("node-row-ok")).toHaveAttribute("data-state", "cancelled");
  });
}
