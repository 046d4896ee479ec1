import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usageRollup } from "@/inngest/functions/usage-rollup";
import { billingOverview, INVOICES_SHOWN } from "@/server/billing/billing-overview";
import { addMember, asSystem } from "../support/callers";
import type { TestDatabase } from "../support/databases";
import { backdateEvents, closeUsageDatabase, openUsageDatabase, recordUsage, runOnce, twoTenants } from "../usage/support";

/**
 * billing.overview: the plan and its price, the quota figures, the subscription's dunning state,
 * invoices newest first (capped, https links only), usage per UTC day of the period and cost per
 * agent — from the roll-ups plus the not-yet-rolled tail, for this tenant only.
 */

const NOW = new Date("2026-05-20T12:30:00Z");

describe("billing overview (server/billing/billing-overview.ts)", () => {
  let db: TestDatabase;
  let A: string;
  let B: string;
  let seeded: Awaited<ReturnType<typeof twoTenants>>;
  const agent = { live: randomUUID(), archived: randomUUID(), ofB: randomUUID() };

  const overview = (tenantId: string, now = NOW) => asSystem(db, tenantId, (ctx) => billingOverview(ctx, now), "billing:read");

  beforeAll(async () => {
    db = await openUsageDatabase();
    seeded = await twoTenants(db);
    ({ A, B } = seeded);
    await db.ownerSql(
      `insert into agents (id, tenant_id, name, canary, archived_at) values
        ($1, $3, 'Support bot', 'c1', null), ($2, $3, 'Old triage', 'c2', '2026-05-02T00:00:00Z'), ($4, $5, 'B agent', 'c3', null)`,
      [agent.live, agent.archived, A, agent.ofB, B],
    );
    // A, rolled up: 1 May (live agent, two runs), 3 May (archived agent); April (outside the period).
    const rolled = await recordUsage(db, A, [
      { agentId: agent.live, inputTokens: 100, outputTokens: 10, costMicros: 1_000 },
      { agentId: agent.live, inputTokens: 200, outputTokens: 20, costMicros: 2_000 },
      { agentId: agent.archived, inputTokens: 50, outputTokens: 5, costMicros: 7_000, model: "gpt-4o" },
      { agentId: agent.live, inputTokens: 9_000, outputTokens: 900, costMicros: 90_000 },
    ]);
    await backdateEvents(db, [rolled[0]!.id, rolled[1]!.id], new Date("2026-05-01T00:10:00Z"));
    await backdateEvents(db, [rolled[2]!.id], new Date("2026-05-03T23:59:00Z"));
    await backdateEvents(db, [rolled[3]!.id], new Date("2026-04-30T23:59:59Z"));
    await runOnce(usageRollup, rolled);
    // A, the tail (not rolled up yet): today, 20 May.
    const [tail] = await recordUsage(db, A, [{ agentId: agent.live, inputTokens: 4, outputTokens: 1, costMicros: 500 }]);
    await backdateEvents(db, [tail!.id], new Date("2026-05-20T09:00:00Z"));
    // B's usage on the same days must never show in A's figures.
    const ofB = await recordUsage(db, B, [{ agentId: agent.ofB, inputTokens: 70_000, outputTokens: 7_000, costMicros: 123_456 }]);
    await backdateEvents(db, [ofB[0]!.id], new Date("2026-05-01T08:00:00Z"));
    await runOnce(usageRollup, ofB);
  });
  afterAll(async () => {
    await closeUsageDatabase(db);
  });

  it("shows the plan with its price, the period and the quota figures", async () => {
    const o = await overview(A);
    expect(o.plan).toMatchObject({ id: "free", priceMonthlyCents: 0, currency: "usd" });
    expect(o.period).toEqual({ start: "2026-05-01T00:00:00.000Z", end: "2026-06-01T00:00:00.000Z" });
    expect(o.figures.runs).toEqual({ metric: "runs", used: 4, limit: o.limits.runsPerMonth, resetsAt: "2026-06-01T00:00:00.000Z" });
    expect(o.figures.tokens.used).toBe(100 + 10 + 200 + 20 + 50 + 5 + 4 + 1);
    expect(o.figures.agents.used).toBe(1);
    expect(o.figures.seats).toMatchObject({ used: 1, resetsAt: null });
    expect(o.plans.map((p) => p.id)).toEqual(expect.arrayContaining(["free", "pro", "enterprise"]));
    expect(o.plans.find((p) => p.id === "pro")?.priceMonthlyCents).toBe(4900);
  });

  it("draws every day of the period up to today, with the tail counted on its day", async () => {
    const o = await overview(A);
    expect(o.daily).toHaveLength(20);
    expect(o.daily[0]).toEqual({ day: "2026-05-01", runs: 2, tokens: 330, costMicros: 3_000 });
    expect(o.daily[1]).toEqual({ day: "2026-05-02", runs: 0, tokens: 0, costMicros: 0 });
    expect(o.daily[2]).toEqual({ day: "2026-05-03", runs: 1, tokens: 55, costMicros: 7_000 });
    expect(o.daily[19]).toEqual({ day: "2026-05-20", runs: 1, tokens: 5, costMicros: 500 });
    const sum = o.daily.reduce((s, d) => s + d.runs, 0);
    expect(sum).toBe(o.figures.runs.used);
  });

  it("names every agent in the cost breakdown, archived ones too, costliest first", async () => {
    const o = await overview(A);
    expect(o.costByAgent).toEqual([
      { agentId: agent.archived, name: "Old triage", archived: true, runs: 1, tokens: 55, costMicros: 7_000 },
      { agentId: agent.live, name: "Support bot", archived: false, runs: 3, tokens: 335, costMicros: 3_500 },
    ]);
  });

  it("shows nothing of another tenant", async () => {
    const b = await overview(B);
    expect(b.costByAgent).toEqual([{ agentId: agent.ofB, name: "B agent", archived: false, runs: 1, tokens: 77_000, costMicros: 123_456 }]);
    expect(b.daily.reduce((s, d) => s + d.tokens, 0)).toBe(77_000);
    expect(b.invoices).toEqual([]);
    expect(b.subscription).toBeNull();
    const a = await overview(A);
    expect(a.costByAgent.map((l) => l.agentId)).not.toContain(agent.ofB);
    expect(a.daily[0]!.tokens).toBe(330);
  });

  it("lists invoices newest first, capped, with https links only, and reports a failed payment", async () => {
    const rows = Array.from({ length: INVOICES_SHOWN + 2 }, (_, i) => i);
    for (const i of rows) {
      await db.ownerSql(
        `insert into invoices (tenant_id, stripe_invoice_id, number, status, currency, amount_due, amount_paid, hosted_invoice_url, invoice_pdf, issued_at)
         values ($1, $2, $3, 'paid', 'usd', 4900, 4900, $4, $5, $6)`,
        [
          A,
          `in_${i}_${randomUUID().slice(0, 8)}`,
          `AGT-${i}`,
          i === 0 ? "javascript:alert(1)" : `https://invoice.stripe.test/${i}`,
          i === 0 ? "http://plain.example/pdf" : `https://invoice.stripe.test/${i}.pdf`,
          new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
        ],
      );
    }
    await db.ownerSql(
      `insert into subscriptions (tenant_id, stripe_customer_id, plan_id, status, payment_failed_at, grace_until, cancel_at_period_end)
       values ($1, 'cus_x', 'pro', 'past_due', '2026-05-10T08:00:00Z', '2026-05-24T08:00:00Z', true)`,
      [A],
    );
    const o = await overview(A);
    expect(o.invoices).toHaveLength(INVOICES_SHOWN);
    expect(o.moreInvoices).toBe(true);
    expect(o.invoices[0]!.number).toBe(`AGT-${INVOICES_SHOWN + 1}`);
    expect(o.invoices.map((i) => i.issuedAt)).toEqual([...o.invoices.map((i) => i.issuedAt)].sort().reverse());
    for (const invoice of o.invoices) expect(invoice.hostedInvoiceUrl).toMatch(/^https:\/\//);
    expect(o.subscription).toMatchObject({ status: "past_due", cancelAtPeriodEnd: true, graceUntil: "2026-05-24T08:00:00.000Z" });
    expect(o.paymentProblem).toEqual({ failedAt: "2026-05-10T08:00:00.000Z", graceUntil: "2026-05-24T08:00:00.000Z" });
    // The oldest invoice (the unsafe links) is beyond the cap; with everything shown its links are dropped.
    await db.ownerSql("delete from invoices where tenant_id = $1 and number <> 'AGT-0'", [A]);
    const [only] = (await overview(A)).invoices;
    expect(only).toMatchObject({ number: "AGT-0", hostedInvoiceUrl: null, invoicePdf: null });
    // B still sees neither.
    const b = await overview(B);
    expect(b.invoices).toEqual([]);
    expect(b.paymentProblem).toBeNull();
  });

  it("is for owners and admins: a developer and a viewer are refused", async () => {
    const admin = await addMember(db, seeded.a, "admin");
    const developer = await addMember(db, seeded.a, "developer");
    const viewer = await addMember(db, seeded.a, "viewer");
    expect((await seeded.a.as(admin).billing.overview()).plan.id).toBe("free");
    expect((await seeded.a.as(seeded.a.owner).billing.paymentProblem())?.graceUntil).toBe("2026-05-24T08:00:00.000Z");
    await expect(seeded.a.as(developer).billing.overview()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(seeded.a.as(viewer).billing.paymentProblem()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
