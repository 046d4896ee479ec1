import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuotaExceededError, type QuotaDetails } from "@/server/errors";
import { quotaPeriod } from "@/server/billing/quota-period";
import { readQuotaUsage } from "@/server/billing/quota-usage";
import { beginRun } from "@/server/runs/begin-run";
import { startRun } from "@/server/runs/start-run";
import { failStaleRuns } from "@/server/runs/fail-stale-runs";
import { STALE_RUN_MS } from "@/server/runs/limits";
import { runInTenant } from "@/server/tenancy/tenant-context";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { callerFor, seedUser, uniqueEmail } from "../support/callers";
import { failure } from "../support/failures";
import { createAgent, seedRunsTenant, type Org } from "../runs/support";

/**
 * The plan's quotas at every door, on a real Postgres (production role shape) through real
 * concurrency: 50 requests at once on the real pool against a quota of 10 leave exactly 10.
 */

const N = 50;

describe("quotas", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 10 });
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  const count = async (query: string, params: unknown[]) => Number((await db.ownerSql(query, params))[0]!.n);
  const override = (org: Org, limits: Record<string, number | null>) =>
    db.ownerSql("update tenants set limit_overrides = ($2::text)::jsonb where id = $1", [org.tenant.id, JSON.stringify(limits)]);

  /** Settles `n` calls started together; splits what they did. */
  async function together<T>(n: number, call: (i: number) => Promise<T>) {
    const settled = await Promise.allSettled(Array.from({ length: n }, (_, i) => call(i)));
    const ok = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const failed = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
    return { ok, failed };
  }

  const nextMonth = () => quotaPeriod(new Date()).end.toISOString();

  it("50 concurrent runs against a runs quota of 10 admit exactly 10; the 40 others get 402 and write nothing", async () => {
    const org = await seedRunsTenant(db);
    const agent = await createAgent(org);
    await override(org, { runsPerMonth: 10 });
    const { ok, failed } = await together(N, (i) =>
      beginRun(org.deps, org.access, { agentId: agent.id, input: `hello ${i}`, stream: false }),
    );
    expect(ok).toHaveLength(10);
    expect(failed).toHaveLength(40);
    for (const error of failed) {
      expect(error).toBeInstanceOf(QuotaExceededError);
      const details = (error as QuotaExceededError).details as QuotaDetails;
      expect(details).toEqual({
        metric: "runs",
        scope: "tenant",
        limit: 10,
        used: 10,
        resetsAt: nextMonth(),
        upgradeUrl: `http://localhost:3000/t/${org.tenant.slug}/billing`,
      });
    }
    const t = [org.tenant.id];
    expect(await count("select count(*) as n from runs where tenant_id = $1", t)).toBe(10);
    expect(await count("select count(*) as n from run_steps where tenant_id = $1", t)).toBe(10);
    expect(await count("select count(*) as n from events where tenant_id = $1 and type = 'run.requested'", t)).toBe(10);
    // The soft warnings: 80 % (the 8th run) and 100 % (the 10th), once each, and their events.
    const notices = await db.ownerSql(
      "select threshold, used, \"limit\" from quota_notices where tenant_id = $1 and metric = 'runs' order by threshold",
      t,
    );
    expect(notices).toEqual([
      { threshold: 80, used: "8", limit: "10" },
      { threshold: 100, used: "10", limit: "10" },
    ]);
    const events = await db.ownerSql(
      "select payload from events where tenant_id = $1 and type = 'quota.threshold_reached' order by (payload->>'threshold')::int",
      t,
    );
    expect(events.map((e) => (e.payload as { threshold: number; used: number }).threshold)).toEqual([80, 100]);
    expect(events[1]!.payload).toMatchObject({ metric: "runs", limit: 10, used: 10, resetsAt: nextMonth() });
  }, 60_000);

  it("50 concurrent runs that run to the end (ending while others are checked) still admit exactly 10", async () => {
    const org = await seedRunsTenant(db);
    const agent = await createAgent(org);
    await override(org, { runsPerMonth: 10 });
    const { ok, failed } = await together(N, (i) =>
      startRun(org.deps, org.access, { agentId: agent.id, input: `What is ${i} + 1?`, stream: false }),
    );
    expect(ok).toHaveLength(10);
    expect(ok.every((r) => r.status === "completed")).toBe(true);
    expect(failed.every((e) => e instanceof QuotaExceededError)).toBe(true);
    expect(await count("select count(*) as n from runs where tenant_id = $1", [org.tenant.id])).toBe(10);
    expect(await count("select count(*) as n from events where tenant_id = $1 and type = 'usage.recorded'", [org.tenant.id])).toBe(10);
    const usage = await runInTenant(org.deps, org.access, (ctx) => readQuotaUsage(ctx, { ...org.access.limits, runsPerMonth: 10 }));
    expect(usage.figures.runs).toMatchObject({ used: 10, limit: 10 });
  }, 120_000);

  it("an Idempotency-Key replay of an existing run is answered, neither counted nor refused, at the limit", async () => {
    const org = await seedRunsTenant(db);
    const agent = await createAgent(org);
    await override(org, { runsPerMonth: 1 });
    const caller = (key: string) => callerFor(db, { apiKey: org.key, headers: { "idempotency-key": key } });
    const first = await caller("one").runs.create({ id: agent.id, input: "Hello" });
    const again = await caller("one").runs.create({ id: agent.id, input: "Hello" });
    expect(again.id).toBe(first.id);
    const refused = await failure(caller("two").runs.create({ id: agent.id, input: "Hello" }));
    expect(refused.httpStatus).toBe(402);
    expect(refused.code).toBe("PAYMENT_REQUIRED");
    expect(refused.error).toMatchObject({ code: "quota_exceeded", details: { metric: "runs", limit: 1, used: 1 } });
    expect(await count("select count(*) as n from runs where tenant_id = $1", [org.tenant.id])).toBe(1);
  }, 60_000);

  it("a run is refused once the tokens used reach tokensPerMonth", async () => {
    const org = await seedRunsTenant(db);
    const agent = await createAgent(org);
    await override(org, { tokensPerMonth: 5 });
    const run = await startRun(org.deps, org.access, { agentId: agent.id, input: "Tell me about your returns policy.", stream: false });
    expect(run.inputTokens + run.outputTokens).toBeGreaterThanOrEqual(5);
    const error = await beginRun(org.deps, org.access, { agentId: agent.id, input: "again", stream: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect((error as QuotaExceededError).details).toMatchObject({ metric: "tokens", scope: "tenant", limit: 5 });
    // The run that crossed both token thresholds warned once for each, when it ended.
    const notices = await db.ownerSql("select threshold from quota_notices where tenant_id = $1 and metric = 'tokens' order by threshold", [
      org.tenant.id,
    ]);
    expect(notices.map((n) => n.threshold)).toEqual([80, 100]);
    expect(await count("select count(*) as n from runs where tenant_id = $1", [org.tenant.id])).toBe(1);
  }, 60_000);

  it("20 concurrent agent creations against an agents quota of 3 leave exactly 3 agents (402 over tRPC, nothing written)", async () => {
    const org = await seedRunsTenant(db);
    await override(org, { agents: 3 });
    const owner = org.as(org.owner);
    const { ok, failed } = await together(20, (i) => owner.agents.create({ name: `Agent ${i}` }));
    expect(ok).toHaveLength(3);
    expect(failed).toHaveLength(17);
    const refused = await failure(owner.agents.create({ name: "One more" }));
    expect(refused.httpStatus).toBe(402);
    expect(refused.error).toMatchObject({
      code: "quota_exceeded",
      details: {
        metric: "agents",
        scope: "tenant",
        limit: 3,
        used: 3,
        resetsAt: null,
        upgradeUrl: `http://localhost:3000/t/${org.tenant.slug}/billing`,
      },
    });
    const t = [org.tenant.id];
    expect(await count("select count(*) as n from agents where tenant_id = $1", t)).toBe(3);
    expect(await count("select count(*) as n from agent_versions where tenant_id = $1", t)).toBe(3);
    expect(await count("select count(*) as n from audit_log where tenant_id = $1 and action = 'agent.created'", t)).toBe(3);
    expect(await count("select count(*) as n from quota_notices where tenant_id = $1 and metric = 'agents' and threshold = 100", t)).toBe(
      1,
    );
    // An archived agent frees its place.
    await owner.agents.archive({ id: ok[0]!.id });
    await owner.agents.create({ name: "Replacement" });
  }, 60_000);

  it("10 concurrent invitations against 3 seats (the owner holds one) leave exactly 2 open; re-inviting an address takes no new seat", async () => {
    const org = await seedRunsTenant(db);
    await override(org, { seats: 3 });
    const owner = org.as(org.owner);
    const emails = Array.from({ length: 10 }, () => uniqueEmail("seat"));
    const { ok, failed } = await together(10, (i) => owner.invitations.create({ email: emails[i]!, role: "developer" }));
    expect(ok).toHaveLength(2);
    expect(failed).toHaveLength(8);
    const refused = await failure(owner.invitations.create({ email: uniqueEmail("late"), role: "viewer" }));
    expect(refused.httpStatus).toBe(402);
    expect(refused.error).toMatchObject({ code: "quota_exceeded", details: { metric: "seats", limit: 3, used: 3, resetsAt: null } });
    const t = [org.tenant.id];
    expect(await count("select count(*) as n from invitations where tenant_id = $1", t)).toBe(2);
    expect(await count("select count(*) as n from audit_log where tenant_id = $1 and action = 'member.invited'", t)).toBe(2);
    // The same address again replaces its invitation: allowed at the limit.
    await owner.invitations.create({ email: ok[0]!.invitation.email, role: "viewer" });
    // Accepting turns an invitation into a member: still 3 seats, nothing freed, nothing refused.
    const invitee = await seedUser(db, "Invitee", ok[1]!.invitation.email);
    await callerFor(db, { user: invitee }).invitations.accept({ token: ok[1]!.link.split("/invite/")[1]! });
    expect((await failure(owner.invitations.create({ email: uniqueEmail("later"), role: "viewer" }))).httpStatus).toBe(402);
  }, 60_000);

  it("the stale-run sweeper records the usage of the runs it ends, so the quota still counts them", async () => {
    const org = await seedRunsTenant(db);
    const agent = await createAgent(org);
    await override(org, { runsPerMonth: 2 });
    const begun = await beginRun(org.deps, org.access, { agentId: agent.id, input: "left running", stream: false });
    expect(begun.kind).toBe("ready");
    const runId = begun.kind === "ready" ? begun.prepared.run.id : "";
    await db.ownerSql("update runs set created_at = now() - make_interval(secs => $2) where id = $1", [
      runId,
      (STALE_RUN_MS + 60_000) / 1000,
    ]);
    expect(await failStaleRuns(db.scopes)).toBeGreaterThanOrEqual(1);
    const usage = await db.ownerSql("select payload from events where tenant_id = $1 and type = 'usage.recorded'", [org.tenant.id]);
    expect(usage).toHaveLength(1);
    expect(usage[0]!.payload).toMatchObject({ runId, agentId: agent.id, modelCalls: 0, toolCalls: 0 });
    const figures = await runInTenant(org.deps, org.access, (ctx) => readQuotaUsage(ctx, { ...org.access.limits, runsPerMonth: 2 }));
    expect(figures.figures.runs.used).toBe(1);
    await beginRun(org.deps, org.access, { agentId: agent.id, input: "second", stream: false });
    await expect(beginRun(org.deps, org.access, { agentId: agent.id, input: "third", stream: false })).rejects.toBeInstanceOf(
      QuotaExceededError,
    );
  }, 60_000);
});
