import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import type { InngestFunction } from "inngest";
import { closeDatabase, configureDatabase } from "@/db";
import { appendEvents } from "@/server/events/append-event";
import { seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";

/**
 * What the usage and retention tests share: a real Postgres database in the production shape,
 * also configured as the process database (`@/db`), because the Inngest functions under test use
 * the process-wide scopes exactly as they do when served.
 */

export async function openUsageDatabase(): Promise<TestDatabase> {
  const db = await createPostgresTestDatabase({ max: 3 });
  configureDatabase({ driver: "postgres", url: db.urls!.app, platformUrl: db.urls!.platform, max: 2, platformMax: 2 });
  return db;
}

export async function closeUsageDatabase(db: TestDatabase | undefined) {
  await closeDatabase();
  delete (globalThis as { __agentryDb?: unknown }).__agentryDb;
  await db?.drop();
}

export type UsageFigures = {
  runId?: string;
  agentId: string;
  provider?: string | null;
  model?: string | null;
  inputTokens: number;
  outputTokens: number;
  modelCalls?: number;
  toolCalls?: number;
  costMicros?: number;
};

/** Writes `usage.recorded` events through the real outbox writer; returns them as Inngest events (id = outbox id). */
export async function recordUsage(db: TestDatabase, tenantId: string, figures: UsageFigures[], options: { replayOf?: string } = {}) {
  const payloads = figures.map((f) => ({
    runId: f.runId ?? randomUUID(),
    agentId: f.agentId,
    apiKeyId: null,
    provider: f.provider === undefined ? "openai" : f.provider,
    model: f.model === undefined ? "gpt-4o-mini" : f.model,
    inputTokens: f.inputTokens,
    outputTokens: f.outputTokens,
    modelCalls: f.modelCalls ?? 1,
    toolCalls: f.toolCalls ?? 0,
    costMicros: f.costMicros ?? 0,
  }));
  const meta = { requestId: `test-${randomUUID()}` };
  const ids = await db.scopes.withTenant(tenantId, (tx) =>
    appendEvents(
      tx,
      payloads.map((payload) => ({ tenantId, type: "usage.recorded", payload, actor: { type: "system", id: "test" }, meta })),
    ),
  );
  if (options.replayOf) await db.ownerSql("update events set replay_of = $1 where id = any($2)", [options.replayOf, ids]);
  return ids.map((id, i) => inngestEvent(id, tenantId, payloads[i]!));
}

export function inngestEvent(id: string, tenantId: string, payload: Record<string, unknown>) {
  return {
    id,
    name: "usage.recorded",
    data: { tenantId, correlationId: id, causationId: null, traceId: null, actor: { type: "system", id: "test" }, payload },
  };
}

/** Moves events to a given time (the bucket is decided by the stored `occurred_at`). */
export async function backdateEvents(db: TestDatabase, ids: string[], at: Date) {
  await db.ownerSql("update events set occurred_at = $1 where id = any($2)", [at.toISOString(), ids]);
}

/** Runs an Inngest function once through @inngest/test, with a deadline (the engine can hang on a mistake). */
export async function runOnce(fn: InngestFunction.Any, events: { name: string; id?: string; data: Record<string, unknown> }[]) {
  const engine = new InngestTestEngine({ function: fn, events: events as never });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the function did not finish within 30 s")), 30_000);
  });
  try {
    const { result, error } = (await Promise.race([engine.execute(), deadline])) as { result: unknown; error?: unknown };
    if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
    return result;
  } finally {
    clearTimeout(timer);
  }
}

export async function twoTenants(db: TestDatabase) {
  const a = await seedTenant(db, "Owner A");
  const b = await seedTenant(db, "Owner B");
  return { A: a.tenant.id, B: b.tenant.id, a, b };
}
