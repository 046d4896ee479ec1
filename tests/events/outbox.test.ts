import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordChange } from "@/server/audit/record-change";
import { emitEvent } from "@/server/events/emit-event";
import { asSystem, seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { countRows } from "../support/failures";

/** The database's own message (drizzle wraps it as the cause of "Failed query"). */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    return String(((error as { cause?: Error }).cause ?? (error as Error)).message);
  }
  return "not refused";
}

/** The outbox: an event is written with its change, in its transaction, or not at all. */
describe("the outbox", () => {
  let db: TestDatabase;
  let tenantId: string;
  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 4 });
    tenantId = (await seedTenant(db)).tenant.id;
  });
  afterAll(async () => {
    await db?.drop();
  });

  const invite = (targetId: string) =>
    asSystem(db, tenantId, (ctx) =>
      recordChange(ctx, "member.invited", { targetId, facts: { role: "viewer" }, personal: { email: "x@example.test" } }),
    );

  it("writes exactly one event per audited change, in the same transaction, without the personal half", async () => {
    const targetId = randomUUID();
    const [auditBefore, eventsBefore] = [await countRows(db, "audit_log", tenantId), await countRows(db, "events", tenantId)];
    await invite(targetId);
    expect(await countRows(db, "audit_log", tenantId)).toBe(auditBefore + 1);
    expect(await countRows(db, "events", tenantId)).toBe(eventsBefore + 1);
    const rows = await db.ownerSql(`select type, payload, xmin::text as tx from events where payload->'target'->>'id' = $1`, [targetId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: "member.invited", payload: { target: { id: targetId }, facts: { role: "viewer" } } });
    expect(JSON.stringify(rows[0]!.payload)).not.toContain("x@example.test");
    const [audit] = await db.ownerSql(`select xmin::text as tx from audit_log where target_id = $1`, [targetId]);
    expect(audit?.tx).toBe(rows[0]!.tx); // one transaction wrote both
  });

  it("leaves neither the change nor its event when the transaction rolls back", async () => {
    const targetId = randomUUID();
    const [auditBefore, eventsBefore] = [await countRows(db, "audit_log", tenantId), await countRows(db, "events", tenantId)];
    await expect(
      asSystem(db, tenantId, async (ctx) => {
        await recordChange(ctx, "member.invited", { targetId, facts: { role: "viewer" }, personal: { email: "y@example.test" } });
        throw new Error("the verb failed after recording");
      }),
    ).rejects.toThrow(/verb failed/);
    expect(await countRows(db, "audit_log", tenantId)).toBe(auditBefore);
    expect(await countRows(db, "events", tenantId)).toBe(eventsBefore);
  });

  it("rolls the whole change back when an event payload does not fit the catalogue", async () => {
    const targetId = randomUUID();
    const [auditBefore, eventsBefore] = [await countRows(db, "audit_log", tenantId), await countRows(db, "events", tenantId)];
    await expect(
      asSystem(db, tenantId, async (ctx) => {
        await recordChange(ctx, "member.invited", { targetId, facts: { role: "viewer" }, personal: { email: "z@example.test" } });
        await emitEvent(ctx, "usage.recorded", { nonsense: true } as never);
      }),
    ).rejects.toThrow();
    expect(await countRows(db, "audit_log", tenantId)).toBe(auditBefore);
    expect(await countRows(db, "events", tenantId)).toBe(eventsBefore);
  });

  it("is append-only for the app role: no UPDATE, no DELETE, even of its own tenant's rows", async () => {
    await invite(randomUUID());
    expect(await refusal(db.scopes.withTenant(tenantId, (tx) => tx.execute(sql`update events set delivered_at = now()`)))).toMatch(
      /permission denied/,
    );
    expect(await refusal(db.scopes.withTenant(tenantId, (tx) => tx.execute(sql`delete from events`)))).toMatch(/permission denied/);
    const visible = await db.scopes.withTenant(tenantId, (tx) => tx.execute(sql`select count(*)::int as n from events`));
    expect(JSON.stringify(visible)).not.toContain('"n":0');
  });

  it("keeps the engine's own tables out of the app role's reach", async () => {
    for (const table of ["engine_runs", "engine_waits", "engine_batch_items", "engine_crons"]) {
      expect(await refusal(db.scopes.withTenant(tenantId, (tx) => tx.execute(sql.raw(`select * from ${table} limit 1`)))), table).toMatch(
        /permission denied/,
      );
    }
    await expect(db.scopes.withEngine((tx) => tx.execute(sql`select count(*) from engine_runs`))).resolves.toBeDefined();
  });
});
