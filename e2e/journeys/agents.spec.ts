/**
 * Agents on a phone (375 px), in English and Chinese: create one from the customer-service
 * template, edit it into version 2 (a bad edit is refused next to its field first), change its
 * status with a reason, filter and search the list, archive with a confirmation. Each page
 * fits the screen and passes axe.
 */
import { expect, signIn, test } from "../support/fixtures";
import { fitsTheScreen } from "../support/page-checks";

test.use({ viewport: { width: 375, height: 812 } });

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";

const TEXT = {
  en: {
    createFromTemplate: "Create from a template",
    name: "Name",
    templateName: "Customer service",
    create: "Create agent",
    active: "Active",
    quarantined: "Quarantined",
    archived: "Archived",
    edit: "Edit",
    save: "Save as new version",
    nameRequired: "Give the agent a name",
    temperature: "Temperature",
    v2: "Current version: v2",
    changeStatus: "Change status",
    newStatus: "New status",
    reason: "Reason",
    search: "Search",
    status: "Status",
    apply: "Apply",
    archive: "Archive",
    showArchived: "Show archived",
    noMatch: "No agents match",
    tempChanged: "temperature",
  },
  "zh-CN": {
    createFromTemplate: "从模板创建",
    name: "名称",
    templateName: "客户服务",
    create: "创建智能体",
    active: "运行中",
    quarantined: "已隔离",
    archived: "已归档",
    edit: "编辑",
    save: "保存为新版本",
    nameRequired: "请为智能体命名",
    temperature: "温度",
    v2: "当前版本：第 2 版",
    changeStatus: "更改状态",
    newStatus: "新状态",
    reason: "原因",
    search: "搜索",
    status: "状态",
    apply: "应用",
    archive: "归档",
    showArchived: "显示已归档",
    noMatch: "没有匹配的智能体",
    tempChanged: "温度",
  },
} as const;

for (const locale of ["en", "zh-CN"] as const) {
  test(`create from a template, edit to version 2, change status, filter, archive (${locale}, 375 px)`, async ({ context, page, seed }) => {
    // Six pages, three forms and a dialog at phone width: on a loaded 2-core box the walk has run
    // past 60 s (it reached its last step), so it gets the slow allowance like the other long journeys.
    test.slow();
    const s = TEXT[locale];
    const org = await seed.tenant();
    const slug = org.tenant.slug;
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: BASE }]);
    await signIn(context, org.owner.email);
    const main = page.locator("main");

    await test.step("the empty list offers the customer-service template", async () => {
      await page.goto(`/t/${slug}/agents`);
      await fitsTheScreen(page, "empty list", { prefix: "agents" });
      await main.getByRole("link", { name: s.createFromTemplate }).click();
      await expect(page).toHaveURL(/\/agents\/new\?template=customer-service$/);
      await expect(main.getByLabel(s.name, { exact: true })).toHaveValue(s.templateName);
      await fitsTheScreen(page, "new agent form", { prefix: "agents" });
    });

    await test.step("create it", async () => {
      await main.getByLabel(s.name, { exact: true }).fill("Helpdesk 帮助台");
      await main.getByRole("button", { name: s.create }).click();
      await expect(page).toHaveURL(new RegExp(`/t/${slug}/agents/[0-9a-f-]{36}$`));
      await expect(main.getByRole("heading", { level: 1 })).toContainText("Helpdesk 帮助台");
      await expect(main.locator("h1 [data-badge]")).toHaveText(s.active);
      await expect(main.getByTestId("agent-version-1")).toBeVisible();
      await fitsTheScreen(page, "agent page", { prefix: "agents" });
    });

    await test.step("a bad edit is refused next to its field, a good one saves version 2", async () => {
      await main.getByRole("link", { name: s.edit }).click();
      const name = main.getByLabel(s.name, { exact: true });
      await expect(name).toHaveValue("Helpdesk 帮助台");
      await fitsTheScreen(page, "edit form", { prefix: "agents" });
      await name.fill("");
      await main.getByRole("button", { name: s.save }).click();
      await expect(name).toHaveAttribute("aria-invalid", "true");
      await expect(main.getByRole("alert").filter({ hasText: s.nameRequired })).toBeVisible();
      await name.fill("Helpdesk 帮助台");
      await main.getByLabel(s.temperature).fill("0.7");
      await main.getByRole("button", { name: s.save }).click();
      await expect(main.getByText(s.v2)).toBeVisible();
      await expect(main.getByTestId("agent-version-2")).toContainText(s.tempChanged);
    });

    await test.step("quarantine it with a reason", async () => {
      await main.getByRole("button", { name: s.changeStatus }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel(s.newStatus).selectOption("quarantined");
      await dialog.getByLabel(s.reason).fill("Answered with a card number");
      await dialog.getByRole("button", { name: s.changeStatus }).click();
      await expect(dialog).toBeHidden();
      await expect(main.locator("h1 [data-badge]")).toHaveText(s.quarantined);
      await expect(main.getByText("Answered with a card number")).toBeVisible();
    });

    await test.step("filter and search the list", async () => {
      await seed.as(org.owner, slug).agents.create({ template: "faq-bot", name: "Refund FAQ" });
      await page.goto(`/t/${slug}/agents`);
      await expect(main.getByRole("link", { name: "Refund FAQ" })).toBeVisible();
      await main.getByLabel(s.status).selectOption("quarantined");
      await main.getByRole("button", { name: s.apply }).click();
      await expect(page).toHaveURL(/status=quarantined/);
      await expect(main.getByRole("link", { name: "Helpdesk 帮助台" })).toBeVisible();
      await expect(main.getByRole("link", { name: "Refund FAQ" })).toHaveCount(0);

      await main.getByLabel(s.status).selectOption("");
      await main.getByLabel(s.search).fill("refund");
      await main.getByRole("button", { name: s.apply }).click();
      await expect(main.getByRole("link", { name: "Refund FAQ" })).toBeVisible();
      await expect(main.getByRole("link", { name: "Helpdesk 帮助台" })).toHaveCount(0);
      await fitsTheScreen(page, "filtered list", { prefix: "agents" });

      await main.getByLabel(s.search).fill("100%_nothing");
      await main.getByRole("button", { name: s.apply }).click();
      await expect(main.getByText(s.noMatch)).toBeVisible();
    });

    await test.step("archive, after confirming", async () => {
      await page.goto(`/t/${slug}/agents?q=refund`);
      await main.getByRole("link", { name: "Refund FAQ" }).click();
      await main.getByRole("button", { name: s.archive }).click();
      const dialog = page.getByRole("dialog");
      await expect(dialog).toBeVisible();
      await dialog.getByRole("button", { name: s.archive }).click();
      await expect(page).toHaveURL(new RegExp(`/t/${slug}/agents$`));
      await expect(main.getByRole("link", { name: "Helpdesk 帮助台" })).toBeVisible();
      await expect(main.getByRole("link", { name: "Refund FAQ" })).toHaveCount(0);
      await main.getByRole("link", { name: s.showArchived }).click();
      const row = main.getByRole("row").filter({ hasText: "Refund FAQ" });
      await expect(row.locator("[data-badge]")).toHaveText(s.archived);
      const actions = (await seed.auditRows(org.tenant.id)).map((r) => r.action);
      expect(actions).toEqual(expect.arrayContaining(["agent.created", "agent.updated", "agent.status_changed", "agent.archived"]));
    });
  });
}
