import { randomUUID } from "node:crypto";
import { appendEvents, type EventDraft } from "@/server/events/append-event";
import { asSystem } from "../support/callers";
import type { TestDatabase } from "../support/databases";

/** A `run.requested` payload for a run id (the catalogue checks it). */
export const runRequested = (runId: string) => ({
  runId,
  agentId: randomUUID(),
  agentVersion: 1,
  apiKeyId: null,
  streamed: false,
});

export const runCompleted = (runId: string) => ({
  runId,
  agentId: randomUUID(),
  apiKeyId: null,
  status: "completed" as const,
  riskLevel: "none" as const,
  provider: "local",
  model: "local-retrieval",
  latencyMs: 5,
});

export type SeedEvent = {
  type: string;
  payload: unknown;
  correlationId?: string;
  causationId?: string;
  traceId?: string;
};

/**
 * Appends events to a tenant's outbox the way verbs do (`appendEvents`, catalogue-checked, in a
 * tenant transaction), with the lineage a test needs. Returns their ids, in order.
 */
export async function seedEvents(db: TestDatabase, tenantId: string, drafts: SeedEvent[]): Promise<string[]> {
  const ids: string[] = [];
  for (const d of drafts) {
    const draft: EventDraft = {
      tenantId,
      type: d.type,
      payload: d.payload,
      actor: { type: "system", id: "test-job" },
      meta: { requestId: `seed-${randomUUID()}`, correlationId: d.correlationId, causationId: d.causationId, traceId: d.traceId },
    };
    const [id] = await asSystem(db, tenantId, (ctx) => appendEvents(ctx.tx, [draft]));
    ids.push(id!);
  }
  return ids;
}

/** Many events at once (for the replay bound): one insert per batch. */
export async function seedManyEvents(db: TestDatabase, tenantId: string, count: number, type = "run.requested"): Promise<void> {
  for (let done = 0; done < count; done += 2000) {
    const n = Math.min(2000, count - done);
    const drafts: EventDraft[] = Array.from({ length: n }, () => ({
      tenantId,
      type,
      payload: runRequested(randomUUID()),
      actor: { type: "system", id: "bulk" },
      meta: null,
    }));
    await asSystem(db, tenantId, (ctx) => appendEvents(ctx.tx, drafts));
  }
}

/** A tenant's events as the owner sees them (no RLS, no app code), oldest first. */
export async function eventRows(db: TestDatabase, tenantId: string) {
  return (await db.ownerSql(
    `select id, type, payload, correlation_id, causation_id, replay_of, actor_type, actor_id from events where tenant_id = $1 order by id`,
    [tenantId],
  )) as {
    id: string;
    type: string;
    payload: Record<string, unknown>;
    correlation_id: string;
    causation_id: string | null;
    replay_of: string | null;
  }[];
}
