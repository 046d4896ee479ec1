import { randomUUID } from "node:crypto";
import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDriver } from "@/inngest/driver/driver";
import { claimRuns } from "@/inngest/driver/store";
import { recordChange } from "@/server/audit/record-change";
import { dispatchBatch } from "@/server/events/dispatcher";
import { asSystem, seedTenant } from "../support/callers";
import { openPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";

const client = new Inngest({ id: "disp" });
const effects = new Map<string, number>();

const onInvite = client.createFunction({ id: "on-invite", triggers: [{ event: "member.invited" }] }, async ({ event, step }) => {
  await step.run("effect", () => effects.set(event.id!, (effects.get(event.id!) ?? 0) + 1));
});

describe("the outbox dispatcher", () => {
  let engine: TestEngine;
  let other: TestDatabase;
  let tenantId: string;
  beforeAll(async () => {
    engine = await startTestEngine({ client, functions: [onInvite] });
    // A second process's view of the same database: its own pools.
    other = await openPostgresTestDatabase(engine.db.name!, { dropOnClose: false, max: 2 });
    tenantId = (await seedTenant(engine.db)).tenant.id;
  });
  afterAll(async () => {
    await other?.drop();
    await engine?.stop();
  });

  const invite = (n: number) =>
    asSystem(engine.db, tenantId, async (ctx) => {
      for (let i = 0; i < n; i++) {
        await recordChange(ctx, "member.invited", {
          targetId: randomUUID(),
          facts: { role: "viewer" },
          personal: { email: `m${i}@example.test` },
        });
      }
    });

  const undelivered = async () => Number((await engine.db.ownerSql(`select count(*) from events where delivered_at is null`))[0]!.count);

  it("creates exactly one run per event when two dispatchers race", async () => {
    await invite(40);
    const a = createDriver({ scopes: engine.db.scopes, client, functions: [onInvite] });
    const b = createDriver({ scopes: other.scopes, client, functions: [onInvite] });
    const loop = async (scopes: TestDatabase["scopes"], driver: typeof a) => {
      while ((await dispatchBatch(scopes, { accept: driver.accept }, { max: 3 })) > 0);
    };
    await Promise.all([loop(engine.db.scopes, a), loop(other.scopes, b), loop(engine.db.scopes, a), loop(other.scopes, b)]);
    expect(await undelivered()).toBe(0);
    const [{ runs, distinct, attempts }] = (await engine.db.ownerSql(
      `select count(*)::int as runs, count(distinct event_id)::int as distinct,
         (select max(dispatch_attempts) from events) as attempts from engine_runs where function_id = 'disp-on-invite'`,
    )) as [{ runs: number; distinct: number; attempts: number }];
    expect(runs).toBe(40);
    expect(distinct).toBe(40);
    expect(attempts).toBe(1);
    await engine.drain();
    expect(effects.size).toBe(40);
    expect([...effects.values()].every((n) => n === 1)).toBe(true);
  });

  it("leaves events undelivered when a dispatcher dies mid-batch, and the next one delivers them", async () => {
    await invite(3);
    const crash = { accept: async () => void (await Promise.reject(new Error("process killed"))) };
    expect(await dispatchBatch(engine.db.scopes, crash)).toBe(0);
    expect(await undelivered()).toBe(3);
    await engine.drain();
    expect(await undelivered()).toBe(0);
    expect(effects.size).toBe(43);
  });

  it("resumes runs a dead process had leased once the lease expires", async () => {
    await invite(2);
    await dispatchBatch(engine.db.scopes, { accept: engine.driver.accept });
    const held = await engine.db.scopes.withEngine((tx) =>
      claimRuns(tx, { now: engine.now(), owner: "dead-process", leaseMs: 30_000, max: 10 }),
    );
    expect(held).toHaveLength(2);
    await engine.drain({ advanceMs: 10_000 });
    expect(effects.size).toBe(43); // still leased by the dead process
    await engine.drain({ advanceMs: 25_000 });
    expect(effects.size).toBe(45);
    expect([...effects.values()].every((n) => n === 1)).toBe(true);
  });
});
