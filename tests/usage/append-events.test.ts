import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendEvents, EVENTS_CHANNEL } from "@/server/events/append-event";
import { createPostgresTestDatabase, DRIVERS, type TestDatabase } from "../support/databases";
import { failure, RLS_VIOLATION } from "../db/support/rows";

/**
 * The outbox writer's batch path (one jsonb parameter unpacked by jsonb_to_recordset, made for
 * throughput — see docs/events-bench.md) must store exactly what the row-by-row VALUES insert
 * did: every column, nulls, nested payloads and odd text intact; the catalogue check first; RLS
 * on every row; the NOTIFY after commit. On both drivers.
 */

describe.each(DRIVERS)("appendEvents on $name", ({ create }) => {
  let db: TestDatabase;
  let A: string;
  let B: string;

  beforeAll(async () => {
    db = await create();
    const rows = await db.ownerSql("insert into tenants (slug, name) values ($1, 'A'), ($2, 'B') returning id", [
      `a-${randomUUID().slice(0, 8)}`,
      `b-${randomUUID().slice(0, 8)}`,
    ]);
    [A, B] = rows.map((r) => String(r.id)) as [string, string];
  });
  afterAll(async () => {
    await db?.drop();
  });

  const usage = (over: Record<string, unknown> = {}) => ({
    runId: randomUUID(),
    agentId: randomUUID(),
    apiKeyId: null,
    provider: "openai",
    model: '模型 "quoted" \\ back\nslash 🚀',
    inputTokens: 2 ** 31 - 1,
    outputTokens: 0,
    modelCalls: 1,
    toolCalls: 0,
    costMicros: 9_007_199_254_740_991,
    ...over,
  });

  it("stores every column of every event in the batch exactly, in order", async () => {
    const payloads = [usage(), usage({ provider: null, model: null })];
    const meta = { requestId: "req-1", correlationId: "corr-1", causationId: "cause-1", traceId: "trace-1" };
    const ids = await db.scopes.withTenant(A, (tx) =>
      appendEvents(tx, [
        { tenantId: A, type: "usage.recorded", payload: payloads[0], actor: { type: "user", id: "u-1" }, meta },
        { tenantId: A, type: "usage.recorded", payload: payloads[1], actor: { type: "system", id: null }, meta: null },
      ]),
    );
    expect(ids).toHaveLength(2);
    expect([...ids].sort()).toEqual(ids);
    const rows = await db.ownerSql(
      `select id, tenant_id, type, version, payload, actor_type, actor_id, correlation_id, causation_id, trace_id,
              delivered_at, dispatch_attempts, replay_of, occurred_at is not null as has_time
       from events where id = any($1) order by id`,
      [ids],
    );
    const payload = (r: Record<string, unknown>) => (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload);
    expect(rows.map((r) => ({ ...r, payload: payload(r) }))).toEqual([
      {
        id: ids[0],
        tenant_id: A,
        type: "usage.recorded",
        version: 1,
        payload: payloads[0],
        actor_type: "user",
        actor_id: "u-1",
        correlation_id: "corr-1",
        causation_id: "cause-1",
        trace_id: "trace-1",
        delivered_at: null,
        dispatch_attempts: 0,
        replay_of: null,
        has_time: true,
      },
      {
        id: ids[1],
        tenant_id: A,
        type: "usage.recorded",
        version: 1,
        payload: payloads[1],
        actor_type: "system",
        actor_id: null,
        // No request: the event correlates with itself.
        correlation_id: ids[1],
        causation_id: null,
        trace_id: null,
        delivered_at: null,
        dispatch_attempts: 0,
        replay_of: null,
        has_time: true,
      },
    ]);
  });

  it("checks the catalogue before writing: one bad event and the batch is not written", async () => {
    const before = await db.ownerSql("select count(*)::int as n from events");
    const meta = null;
    await expect(
      db.scopes.withTenant(A, (tx) =>
        appendEvents(tx, [
          { tenantId: A, type: "usage.recorded", payload: usage(), actor: { type: "system", id: null }, meta },
          { tenantId: A, type: "usage.recorded", payload: usage({ inputTokens: -1 }), actor: { type: "system", id: null }, meta },
        ]),
      ),
    ).rejects.toThrow();
    await expect(
      db.scopes.withTenant(A, (tx) =>
        appendEvents(tx, [{ tenantId: A, type: "no.such", payload: {}, actor: { type: "system", id: null }, meta }]),
      ),
    ).rejects.toThrow(/unknown event type/);
    expect(await db.ownerSql("select count(*)::int as n from events")).toEqual(before);
  });

  it("refuses, by RLS, a batch carrying another tenant's event", async () => {
    const why = await failure(
      db.scopes.withTenant(A, (tx) =>
        appendEvents(tx, [
          { tenantId: A, type: "usage.recorded", payload: usage(), actor: { type: "system", id: null }, meta: null },
          { tenantId: B, type: "usage.recorded", payload: usage(), actor: { type: "system", id: null }, meta: null },
        ]),
      ),
      "an event of B appended in A",
    );
    expect(why).toMatchObject(RLS_VIOLATION);
    expect(await db.ownerSql("select count(*)::int as n from events where tenant_id = $1", [B])).toEqual([{ n: 0 }]);
  });
});

describe("appendEvents' NOTIFY (Postgres)", () => {
  let db: TestDatabase;
  let A: string;

  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 2 });
    const [row] = await db.ownerSql("insert into tenants (slug, name) values ($1, 'A') returning id", [`n-${randomUUID().slice(0, 8)}`]);
    A = String(row!.id);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const usage = () => ({
    runId: randomUUID(),
    agentId: randomUUID(),
    apiKeyId: null,
    provider: null,
    model: null,
    inputTokens: 1,
    outputTokens: 1,
    modelCalls: 1,
    toolCalls: 0,
    costMicros: 0,
  });

  it("announces the events on the channel once the transaction commits, not before", async () => {
    const listener = postgres(db.urls!.owner, { max: 1, onnotice: () => {} });
    let heard = 0;
    try {
      await listener.listen(EVENTS_CHANNEL, () => {
        heard += 1;
      });
      await db.scopes.withTenant(A, async (tx) => {
        await appendEvents(tx, [
          { tenantId: A, type: "usage.recorded", payload: usage(), actor: { type: "system", id: null }, meta: null },
        ]);
        // Still inside the transaction: a round trip on the listener proves nothing was announced yet.
        await listener`select 1`;
        expect(heard).toBe(0);
      });
      const deadline = Date.now() + 10_000;
      while (heard === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(heard).toBe(1);
    } finally {
      await listener.end();
    }
  });
});
