import { randomUUID } from "node:crypto";
import { guardFeedback, incidentActivity, incidents, runs, runSteps, usageCounted, usageDaily, usageHourly } from "@/db/schema";
import { appendEvents } from "@/server/events/append-event";
import type { TestDatabase } from "../support/databases";

const DAY = 86_400_000;
export const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

/**
 * One tenant's rows for the retention tests, some `oldDays` old and some young, written in the
 * tenant's own transaction (through RLS), then backdated as owner. Returns the ids by fate.
 */
export async function seedRetentionRows(db: TestDatabase, tenantId: string, agentId: string, oldDays: number) {
  const old = daysAgo(oldDays);
  const young = daysAgo(1);
  const meta = { requestId: `seed-${randomUUID()}` };
  const usage = (runId: string) => ({
    runId,
    agentId,
    apiKeyId: null,
    provider: "openai",
    model: "gpt-4o-mini",
    inputTokens: 1,
    outputTokens: 1,
    modelCalls: 1,
    toolCalls: 0,
    costMicros: 1,
  });
  return db.scopes
    .withTenant(tenantId, async (tx) => {
      const run = (status: "completed" | "running", createdAt: Date) => ({
        tenantId,
        agentId,
        agentVersion: 1,
        status,
        input: "hello",
        actorType: "system" as const,
        actorId: "seed",
        createdAt,
      });
      const [oldRun, oldRunning, youngRun] = await tx
        .insert(runs)
        .values([run("completed", old), run("running", old), run("completed", young)])
        .returning({ id: runs.id });
      const step = (runId: string, ordinal: number) => ({
        tenantId,
        runId,
        ordinal,
        kind: "model_call" as const,
        status: "ok",
        startedAt: old,
      });
      await tx.insert(runSteps).values([step(oldRun!.id, 0), step(oldRun!.id, 1), step(oldRunning!.id, 0), step(youngRun!.id, 0)]);
      const draft = (type: string, payload: unknown) => ({ tenantId, type, payload, actor: { type: "system" as const, id: "seed" }, meta });
      const completed = (runId: string) =>
        draft("run.completed", {
          runId,
          agentId,
          apiKeyId: null,
          status: "completed",
          riskLevel: "none",
          provider: null,
          model: null,
          latencyMs: 1,
        });
      const countedRun = randomUUID();
      const uncountedRun = randomUUID();
      const [oldDelivered, oldUndelivered, oldCountedUsage, oldUncountedUsage, youngDelivered] = await appendEvents(tx, [
        completed(oldRun!.id),
        completed(oldRun!.id),
        draft("usage.recorded", usage(countedRun)),
        draft("usage.recorded", usage(uncountedRun)),
        completed(youngRun!.id),
      ]);
      await tx.insert(usageCounted).values({ tenantId, runId: countedRun, eventId: oldCountedUsage!, occurredAt: old });
      const [incident] = await tx
        .insert(incidents)
        .values({
          tenantId,
          title: "Prompt injection",
          detector: "injection",
          findingType: "instruction_override",
          severity: "high",
          direction: "input",
          action: "block",
          fingerprint: `injection:${agentId}`,
          agentId,
          evidence: {},
          createdAt: old,
        })
        .returning({ id: incidents.id });
      const activity = await tx
        .insert(incidentActivity)
        .values([
          { tenantId, incidentId: incident!.id, kind: "opened" as const, createdAt: old },
          { tenantId, incidentId: incident!.id, kind: "occurrence" as const, createdAt: old },
          { tenantId, incidentId: incident!.id, kind: "occurrence" as const, createdAt: young },
        ])
        .returning({ id: incidentActivity.id });
      const feedback = await tx
        .insert(guardFeedback)
        .values([
          { tenantId, incidentId: incident!.id, detector: "injection", findingType: "x", evidence: {}, createdAt: old },
          { tenantId, incidentId: incident!.id, detector: "injection", findingType: "x", evidence: {}, createdAt: young },
        ])
        .returning({ id: guardFeedback.id });
      const bucket = (d: Date) => new Date(Math.floor(d.getTime() / 3_600_000) * 3_600_000);
      const hourly = await tx
        .insert(usageHourly)
        .values([
          { tenantId, bucketStart: bucket(old), agentId, runs: 1 },
          { tenantId, bucketStart: bucket(young), agentId, runs: 1 },
        ])
        .returning({ id: usageHourly.id });
      await tx.insert(usageDaily).values({ tenantId, bucketStart: bucket(old), agentId, runs: 1 });
      return {
        runs: { old: oldRun!.id, oldRunning: oldRunning!.id, young: youngRun!.id },
        events: { oldDelivered, oldUndelivered, oldCountedUsage, oldUncountedUsage, youngDelivered } as Record<string, string>,
        incidentId: incident!.id,
        activity: { opened: activity[0]!.id, oldOccurrence: activity[1]!.id, youngOccurrence: activity[2]!.id },
        feedback: { old: feedback[0]!.id, young: feedback[1]!.id },
        hourly: { old: hourly[0]!.id, young: hourly[1]!.id },
        old,
      };
    })
    .then(async (seeded) => {
      const e = seeded.events;
      // Backdate the old events, and mark delivered all but the one still owed to the engine.
      await db.ownerSql("update events set occurred_at = $1 where id = any($2)", [
        seeded.old.toISOString(),
        [e.oldDelivered, e.oldUndelivered, e.oldCountedUsage, e.oldUncountedUsage],
      ]);
      await db.ownerSql("update events set delivered_at = now() where tenant_id = $1 and id <> $2", [tenantId, e.oldUndelivered]);
      return seeded;
    });
}
