/**
 * The event explorer against `next start`: the events of an action just taken, a type filter,
 * one event's lineage and payload, a run's causal chain from the run page, replay (an empty
 * range says so and writes nothing; a real one copies after a confirmation), a dead letter
 * retried, and the explorer in Chinese.
 */
import AxeBuilder from "@axe-core/playwright";
import { recordDeadLetter } from "@/server/events/dead-letter-record";
import { asSystem } from "@/tests/support/callers";
import { expect, signIn, test } from "../support/fixtures";
import { bearer, expectOk } from "../support/http";

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";

test("the explorer shows an agent just created, filters by type and opens the event", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  const agent = await seed.as(org.owner, org.tenant.slug).agents.create({ template: "customer-service", name: "Explorer agent" });
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}`);
  await page.getByRole("navigation").getByRole("link", { name: "Events" }).click();
  await expect(page.getByRole("heading", { name: "Events", level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(/Events/);
  const newest = page.locator("tbody tr").first();
  await expect(newest).toHaveAttribute("data-type", "agent.created");
  await expect(page.locator('tr[data-type="tenant.created"]')).toHaveCount(1);

  await page.getByRole("combobox", { name: "Type", exact: true }).selectOption("agent.created");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/type=agent\.created/);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator('tr[data-type="tenant.created"]')).toHaveCount(0);

  await page.getByRole("link", { name: "Open event agent.created" }).click();
  await expect(page.getByRole("heading", { name: /Event/, level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Payload" })).toContainText(agent.id);
  // The personal half (the agent's name) never travels in an event.
  await expect(page.getByRole("region", { name: "Payload" })).not.toContainText("Explorer agent");
  await expect(page.getByText("Nothing: it started here")).toBeVisible();

  // A type the catalogue does not know is named and ignored, not an error page.
  await page.goto(`/t/${org.tenant.slug}/events?type=nope.none`);
  await expect(page.getByRole("alert").filter({ hasText: "nope.none" })).toContainText("“nope.none” is not an event type");
});

test("a run's whole causal chain is one click from the run page", async ({ page, context, seed, request }) => {
  const org = await seed.tenantWithKey();
  const agent = await seed.as(org.owner, org.slug).agents.create({ template: "customer-service", name: "Support" });
  const run = await expectOk<{ id: string }>(
    await request.post(`/api/v1/agents/${agent.id}/runs`, {
      headers: { ...bearer(org.key.secret), "content-type": "application/json" },
      data: JSON.stringify({ input: "How long do I have to return an item?" }),
    }),
  );
  const chain = await expectOk<{ items: { type: string }[] }>(
    await request.get(`/api/v1/runs/${run.id}/events`, { headers: bearer(org.key.secret) }),
  );
  expect(chain.items.map((e) => e.type)).toEqual(expect.arrayContaining(["run.requested", "usage.recorded"]));

  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.slug}/runs/${run.id}`);
  await page.getByRole("link", { name: "Events", exact: true }).last().click();
  await expect(page.getByRole("heading", { name: "The run's causal chain", level: 1 })).toBeVisible();
  await expect(page.locator("li[data-event]").first()).toContainText("run.requested");
  await expect(page.locator("li[data-event]").filter({ hasText: "usage.recorded" })).toHaveCount(1);
  await expect(page.locator("li[data-event]")).toHaveCount(chain.items.length);
});

test("replay: an empty range says so and writes nothing; a real range is copied after a confirmation", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  await seed.as(org.owner, org.tenant.slug).agents.create({ template: "customer-service", name: "Replayed" });
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}/events`);
  await page.getByRole("link", { name: "Replay" }).click();
  await expect(page.getByRole("heading", { name: "Replay events", level: 1 })).toBeVisible();

  await page.getByLabel("From (UTC)").fill("2020-01-01T00:00");
  await page.getByLabel("To (UTC)").fill("2020-01-02T00:00");
  await page.getByRole("button", { name: "Count matching events" }).click();
  await expect(page.getByText("No events in this range")).toBeVisible();
  await expect(page.getByText(/no stored events match this time range/i)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Replay \d/ })).toHaveCount(0);
  const before = await seed.ownerSql(`select count(*)::int as n from events where tenant_id = $1`, [org.tenant.id]);

  const now = new Date();
  const local = (d: Date) => d.toISOString().slice(0, 16);
  await page.getByLabel("From (UTC)").fill(local(new Date(now.getTime() - 3_600_000)));
  await page.getByLabel("To (UTC)").fill(local(new Date(now.getTime() + 3_600_000)));
  await page.getByRole("checkbox", { name: "agent.*" }).check();
  await page.getByRole("button", { name: "Count matching events" }).click();
  await expect(page.getByText("1 event matches.")).toBeVisible();
  await page.getByRole("button", { name: "Replay 1 event…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Replay" }).click();
  await expect(page.getByText("1 event replayed.")).toBeVisible();
  const after = await seed.ownerSql(`select count(*)::int as n from events where tenant_id = $1`, [org.tenant.id]);
  // The copy and the audit's own event.replayed.
  expect((after[0]!.n as number) - (before[0]!.n as number)).toBe(2);
  await page.getByRole("link", { name: "Show the copies in the event stream" }).click();
  await expect(page.locator('tr[data-type="agent.created"]')).toContainText("Replay");
});

test("a dead letter shows its error and is retried from the list", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  await seed.as(org.owner, org.tenant.slug).agents.create({ template: "customer-service", name: "Failing" });
  const [event] = (await seed.as(org.owner, org.tenant.slug).events.list({ type: "agent.created" })).items;
  await asSystem(seed.db, org.tenant.id, (ctx) =>
    recordDeadLetter(ctx, {
      functionId: "agentry-webhook-delivery",
      runId: `run-${event!.id}`,
      eventId: event!.id,
      eventName: event!.type,
      envelope: { tenantId: org.tenant.id, correlationId: event!.correlationId, payload: event!.payload },
      error: { name: "DeliveryError", message: "The endpoint answered 500" },
      attempts: 4,
    }),
  );
  await signIn(context, org.owner.email);
  await page.goto(`/t/${org.tenant.slug}/events`);
  await page.getByRole("link", { name: "Dead letters" }).click();
  const row = page.locator("tr[data-dead-letter]");
  await expect(row).toContainText("DeliveryError");
  await expect(row).toContainText("The endpoint answered 500");
  await expect(row).toContainText("after 4 attempts");
  await row.getByRole("button", { name: "Retry agent.created" }).click();
  await expect(row).toContainText("Retried");
  await row.getByRole("link", { name: "The retried event" }).click();
  await expect(page.getByText("Replay of")).toBeVisible();
  await expect(page.getByRole("link", { name: event!.id, exact: true })).toBeVisible();
});

test("in Chinese: the explorer, its filters and its empty state", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  await signIn(context, org.owner.email);
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: BASE }]);
  await page.goto(`/t/${org.tenant.slug}/events`);
  await expect(page.getByRole("heading", { name: "事件", level: 1 })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "类型", exact: true })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "关联 ID" })).toBeVisible();
  await expect(page.locator('tr[data-type="tenant.created"]')).toContainText("用户");
  await page.goto(`/t/${org.tenant.slug}/events?type=run.`);
  await expect(page.getByText("没有符合筛选条件的事件")).toBeVisible();
  await page.goto(`/t/${org.tenant.slug}/events/replay`);
  await expect(page.getByRole("heading", { name: "重放事件", level: 1 })).toBeVisible();
  await page.goto(`/t/${org.tenant.slug}/events/dead-letters`);
  await expect(page.getByText("暂无死信")).toBeVisible();
});

test("the explorer's pages have no serious or critical axe findings", async ({ page, context, seed }) => {
  test.setTimeout(120_000);
  const org = await seed.tenant();
  await seed.as(org.owner, org.tenant.slug).agents.create({ template: "customer-service", name: "Axe" });
  const [event] = (await seed.as(org.owner, org.tenant.slug).events.list({ limit: 1 })).items;
  await signIn(context, org.owner.email);
  for (const section of ["", `/${event!.id}`, "/replay", "/dead-letters"]) {
    await page.goto(`/t/${org.tenant.slug}/events${section}`);
    await expect(page.locator("main h1")).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
    expect(serious, section || "stream").toEqual([]);
  }
});
