/**
 * Workflows end to end in the browser: build a two-node workflow in the editor (agent → approval,
 * through the side panel — the keyboard path; a dangling reference is refused on its node first),
 * run it, approve it from the inbox, and watch the run page reach "Completed" as it polls. The
 * run is executed by the server's own Inngest engine (the in-process driver), nothing mocked.
 */
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "../support/fixtures";

async function fitsTheScreen(page: Page, where: string) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `${where} fits ${client} px`).toBeLessThanOrEqual(client);
}

test("build a two-node workflow, run it, approve it from the inbox, see it finish", async ({ context, page, seed }) => {
  test.setTimeout(180_000);
  const org = await seed.tenant();
  const slug = org.tenant.slug;
  await seed.as(org.owner, slug).agents.create({ name: "Writer", instructions: "Answer briefly." });
  await signIn(context, org.owner.email);
  const main = page.locator("main");

  await test.step("the empty list offers a new workflow and the template", async () => {
    await page.goto(`/t/${slug}/workflows`);
    await expect(main.getByText("No workflows yet")).toBeVisible();
    await expect(main.getByRole("button", { name: "New from the customer-service template" }).first()).toBeVisible();
    await main.getByRole("link", { name: "New workflow" }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${slug}/workflows/new$`));
  });

  await test.step("add an agent and an approval from the palette; a reference to a missing node is refused on that node", async () => {
    await main.getByLabel("Name", { exact: true }).fill("Reply with review");
    const palette = main.getByRole("toolbar", { name: "Add a node" });
    await palette.getByRole("button", { name: "+ Agent" }).click();
    await expect(main.getByTestId("node-agent-1")).toBeVisible();
    await expect(main.getByLabel("Agent", { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
    await main.getByLabel("Input", { exact: true }).fill("Draft a reply to: {{input.message}}");
    await palette.getByRole("button", { name: "+ Approval" }).click();
    await expect(main.getByTestId("node-approval-1")).toBeVisible();
    await main.getByLabel("Question for the approver").fill("Send this reply? {{nodes.agent-2.output.text}}");
    await main.getByRole("button", { name: "Save", exact: true }).click();
    await expect(main.getByText(/The workflow could not be saved/)).toBeVisible();
    await expect(main.getByTestId("node-approval-1")).toContainText("1 problem");
    await expect(main.getByText("Node “approval-1” refers to the output of “agent-2”, which does not exist.").first()).toBeVisible();
    await expect(main.getByLabel("Question for the approver")).toHaveAttribute("aria-invalid", "true");
  });

  await test.step("fix the reference, connect agent → approval in the panel, save", async () => {
    await main.getByLabel("Question for the approver").fill("Send this reply? {{nodes.agent-1.output.text}}");
    await main.getByRole("button", { name: "Edit agent-1" }).click();
    await main.getByLabel("Connect to").selectOption("approval-1");
    await main.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(main.getByText("→ approval-1")).toBeVisible();
    await main.getByRole("button", { name: "Save", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByText("Inbound webhook secret")).toBeVisible();
    await expect(dialog.getByTestId("hook-secret")).toContainText("whsec_");
    await dialog.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${slug}/workflows/[0-9a-f-]{36}$`));
    await expect(main.getByRole("heading", { level: 1 })).toHaveText("Reply with review");
  });

  await test.step("run it: the agent node completes, then the run waits for approval", async () => {
    await main.getByLabel("Input (JSON)").fill(JSON.stringify({ message: "Where is my parcel?" }));
    await main.getByRole("button", { name: "Start run" }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${slug}/workflows/runs/[0-9a-f-]{36}$`));
    await expect(main.getByTestId("node-row-agent-1")).toHaveAttribute("data-state", "completed", { timeout: 60_000 });
    await expect(main.getByTestId("run-status")).toHaveAttribute("data-status", "waiting_approval", { timeout: 30_000 });
    await expect(main.getByTestId("node-row-approval-1")).toContainText("Waiting");
  });

  await test.step("approve it from the inbox, with a comment", async () => {
    const runUrl = page.url();
    await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Approvals" }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${slug}/approvals$`));
    const item = main.getByRole("listitem").filter({ hasText: "Reply with review" });
    await expect(item).toContainText("Send this reply?");
    await item.getByLabel("Comment (optional)").fill("Fine to send");
    await item.getByRole("button", { name: "Approve" }).click();
    await expect(main.getByText("Nothing waiting")).toBeVisible();
    await page.goto(runUrl);
  });

  await test.step("the run page follows the run to the end", async () => {
    await expect(main.getByTestId("run-status")).toHaveAttribute("data-status", "completed", { timeout: 60_000 });
    await expect(main.getByTestId("run-status")).toHaveText("Completed");
    await expect(main.getByTestId("node-row-approval-1")).toHaveAttribute("data-state", "completed");
    await expect(main.getByTestId("node-row-approval-1")).toContainText("Fine to send");
    const actions = (await seed.auditRows(org.tenant.id)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["workflow.created", "approval.decided"]));
  });

  await test.step("usable at phone width", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.reload();
    await fitsTheScreen(page, "run page");
    await page.goto(`/t/${slug}/workflows`);
    await fitsTheScreen(page, "workflow list");
  });
});
