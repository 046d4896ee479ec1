import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_REPLAY } from "@/server/events/replay-events";
import { addMember, seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { auditRows, countRows, failure } from "../support/failures";
import { eventRows, runCompleted, runRequested, seedEvents, seedManyEvents } from "./support";

/**
 * Replay on a real PostgreSQL: a preview count, copies that are new deliveries of the same facts
 * (new ids, replay_of, caused by the original, one replay correlation), audited; an empty range
 * and one above the bound refused with a clear message and nothing written; admins only.
 */
let db: TestDatabase;

beforeAll(async () => {
  db = await createPostgresTestDatabase({ max: 8 });
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

const hourAgo = () => new Date(Date.now() - 3_600_000);
const inAnHour = () => new Date(Date.now() + 3_600_000);

describe("replaying events", () => {
  it("previews, then copies the matching originals as new events of the same facts, audited", async () => {
    const o = await seedTenant(db);
    const owner = o.as(o.owner);
    const runId = randomUUID();
    const [requested, completed] = await seedEvents(db, o.tenant.id, [
      { type: "run.requested", payload: runRequested(runId), correlationId: "req-1", traceId: "trace-1" },
      { type: "run.completed", payload: runCompleted(runId), correlationId: "req-1" },
    ]);
    const range = { from: hourAgo(), to: inAnHour(), types: ["run."] };
    const preview = await owner.events.previewReplay(range);
    expect(preview).toEqual({
      count: 2,
      max: MAX_REPLAY,
      tooMany: false,
      byType: [
        { type: "run.completed", count: 1 },
        { type: "run.requested", count: 1 },
      ],
    });

    const result = await o.as(o.owner).events.replay(range);
    expect(result.count).toBe(2);
    expect(result.correlationId).toMatch(/^replay_[0-9A-Z]{26}$/);

    const rows = await eventRows(db, o.tenant.id);
    const copies = rows.filter((r) => r.replay_of !== null);
    expect(copies.map((c) => c.replay_of)).toEqual([requested, completed]);
    const originals = new Map(rows.map((r) => [r.id, r]));
    for (const copy of copies) {
      const original = originals.get(copy.replay_of!)!;
      expect(copy.id).not.toBe(original.id);
      expect(copy.id > original.id).toBe(true);
      expect(copy).toMatchObject({
        type: original.type,
        payload: original.payload,
        causation_id: original.id,
        correlation_id: result.correlationId,
      });
    }
    // The audit row names the range, types and count; its event shares the replay's correlation.
    const audit = (await auditRows(db, o.tenant.id)).filter((r) => r.action === "event.replayed");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: "user", actor_id: o.owner.id, target_id: null });
    expect(audit[0]!.diff).toEqual({
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      types: ["run."],
      count: 2,
      correlationId: result.correlationId,
    });
    const replayed = await owner.events.list({ correlationId: result.correlationId });
    expect(replayed.items.map((e) => e.type).sort()).toEqual(["event.replayed", "run.completed", "run.requested"]);
    expect(replayed.items.filter((e) => e.type.startsWith("run.")).every((e) => e.replayOf !== null)).toBe(true);
  });

  it("never copies an earlier replay's copies, nor replay bookkeeping, again", async () => {
    const o = await seedTenant(db);
    await seedEvents(db, o.tenant.id, [{ type: "run.requested", payload: runRequested(randomUUID()) }]);
    const range = { from: hourAgo(), to: inAnHour(), types: ["run.requested", "event."] };
    expect((await o.as(o.owner).events.replay(range)).count).toBe(1);
    expect((await o.as(o.owner).events.previewReplay(range)).count).toBe(1);
    expect((await o.as(o.owner).events.replay(range)).count).toBe(1);
    const copies = (await eventRows(db, o.tenant.id)).filter((r) => r.replay_of !== null);
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((c) => c.replay_of)).size).toBe(1);
  });

  it("says clearly that an empty range replays nothing, and writes nothing", async () => {
    const o = await seedTenant(db);
    await seedEvents(db, o.tenant.id, [{ type: "run.requested", payload: runRequested(randomUUID()) }]);
    const empty = { from: new Date("2020-01-01T00:00:00Z"), to: new Date("2020-01-02T00:00:00Z"), types: [] };
    expect(await o.as(o.owner).events.previewReplay(empty)).toMatchObject({ count: 0, tooMany: false, byType: [] });
    const eventsBefore = await countRows(db, "events", o.tenant.id);
    const auditBefore = await countRows(db, "audit_log", o.tenant.id);
    const refused = await failure(o.as(o.owner).events.replay(empty));
    expect(refused).toMatchObject({
      httpStatus: 400,
      error: { code: "replay_empty", message: "No events match this time range and these types: nothing was replayed." },
    });
    // A type with no events in a real range is the same empty answer.
    const noType = await failure(o.as(o.owner).events.replay({ from: hourAgo(), to: inAnHour(), types: ["incident."] }));
    expect(noType.error.code).toBe("replay_empty");
    expect(await countRows(db, "events", o.tenant.id)).toBe(eventsBefore);
    expect(await countRows(db, "audit_log", o.tenant.id)).toBe(auditBefore);
  });

  it("refuses above the bound with a message saying how to narrow it, and writes nothing", { timeout: 120_000 }, async () => {
    const o = await seedTenant(db);
    await seedManyEvents(db, o.tenant.id, MAX_REPLAY + 1);
    const range = { from: hourAgo(), to: inAnHour(), types: ["run.requested"] };
    expect(await o.as(o.owner).events.previewReplay(range)).toMatchObject({ count: MAX_REPLAY + 1, tooMany: true });
    const before = await countRows(db, "events", o.tenant.id);
    const refused = await failure(o.as(o.owner).events.replay(range));
    expect(refused).toMatchObject({ httpStatus: 400, error: { code: "replay_too_large" } });
    expect(refused.error.message).toContain("10,000");
    expect(refused.error.message).toContain("Narrow the time range");
    expect(await countRows(db, "events", o.tenant.id)).toBe(before);
  });

  it("refuses bad input: an unknown type, a reversed range, a missing bound", async () => {
    const o = await seedTenant(db);
    const owner = o.as(o.owner);
    const unknown = await failure(owner.events.replay({ from: hourAgo(), to: inAnHour(), types: ["no.such"] }));
    expect(unknown).toMatchObject({
      httpStatus: 400,
      error: { code: "validation_failed", details: { fields: { "types.0": expect.any(String) } } },
    });
    const reversed = await failure(owner.events.replay({ from: inAnHour(), to: hourAgo(), types: [] }));
    expect(reversed.error.code).toBe("event_range_reversed");
    const missing = await failure(owner.events.replay({ from: hourAgo() } as never));
    expect(missing.error.details?.fields).toHaveProperty("to");
  });

  it("is for admins: a developer and a viewer may read the stream but not replay it", async () => {
    const o = await seedTenant(db);
    const admin = await addMember(db, o, "admin");
    const developer = await addMember(db, o, "developer");
    const viewer = await addMember(db, o, "viewer");
    await seedEvents(db, o.tenant.id, [{ type: "run.requested", payload: runRequested(randomUUID()) }]);
    const range = { from: hourAgo(), to: inAnHour(), types: [] };
    const denied = await failure(o.as(developer).events.replay(range));
    expect(denied).toMatchObject({ httpStatus: 403, error: { code: "missing_permission" } });
    expect((await failure(o.as(developer).events.previewReplay(range))).httpStatus).toBe(403);
    expect((await failure(o.as(viewer).events.replay(range))).httpStatus).toBe(403);
    expect((await o.as(viewer).events.list({})).items.length).toBeGreaterThan(0);
    expect((await o.as(admin).events.replay(range)).count).toBeGreaterThanOrEqual(1);
  });
});
