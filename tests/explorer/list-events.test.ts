import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, callerFor, seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { failure, issuePaths } from "../support/failures";
import { runCompleted, runRequested, seedEvents } from "./support";

/**
 * The event stream on a real PostgreSQL: newest first, filters (type and family, correlation,
 * actor, time), keyset pages that neither skip nor repeat, refused filters, one event's lineage,
 * and another tenant's ids.
 */
let db: TestDatabase;

beforeAll(async () => {
  db = await createPostgresTestDatabase({ max: 8 });
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe("listing events", () => {
  it("shows what a verb just did, newest first, with its actor and lineage", async () => {
    const o = await seedTenant(db);
    const owner = o.as(o.owner);
    const agent = await owner.agents.create({ template: "customer-service", name: "Support" });
    const page = await owner.events.list({ limit: 10 });
    expect(page.items[0]).toMatchObject({
      type: "agent.created",
      actor: { type: "user", id: o.owner.id },
      payload: { target: { type: "agent", id: agent.id } },
      replayOf: null,
    });
    expect(page.items.map((e) => e.type)).toContain("tenant.created");
    // ULIDs sort by time: the page is in descending id order.
    const ids = page.items.map((e) => e.id);
    expect([...ids].sort().reverse()).toEqual(ids);
    // The event carries no personal half: the agent's name stays in the audit row.
    expect(JSON.stringify(page.items[0]!.payload)).not.toContain("Support");
  });

  it("filters by type, by family, by correlation id, by actor and by time", async () => {
    const o = await seedTenant(db);
    const owner = o.as(o.owner);
    const runA = randomUUID();
    const [requested, completed] = await seedEvents(db, o.tenant.id, [
      { type: "run.requested", payload: runRequested(runA), correlationId: "req-A" },
      { type: "run.completed", payload: runCompleted(runA), correlationId: "req-A" },
      { type: "run.requested", payload: runRequested(randomUUID()), correlationId: "req-B" },
    ]);
    expect((await owner.events.list({ type: "run.completed" })).items.map((e) => e.id)).toEqual([completed]);
    expect((await owner.events.list({ type: "run." })).items).toHaveLength(3);
    expect((await owner.events.list({ correlationId: "req-A" })).items.map((e) => e.id)).toEqual([completed, requested]);
    expect((await owner.events.list({ actorType: "system" })).items).toHaveLength(3);
    expect((await owner.events.list({ actorType: "user", type: "tenant." })).items.map((e) => e.type)).toEqual(["tenant.created"]);
    expect((await owner.events.list({ actorId: o.owner.id })).items.every((e) => e.actor.id === o.owner.id)).toBe(true);
    const future = new Date(Date.now() + 3_600_000);
    expect((await owner.events.list({ from: future })).items).toEqual([]);
    expect((await owner.events.list({ to: new Date("2001-01-01T00:00:00Z") })).items).toEqual([]);
    expect((await owner.events.list({ from: new Date(Date.now() - 3_600_000), type: "run.requested" })).items).toHaveLength(2);
  });

  it("pages by id without skipping or repeating, even while events are appended", async () => {
    const o = await seedTenant(db);
    const owner = o.as(o.owner);
    await seedEvents(
      db,
      o.tenant.id,
      Array.from({ length: 7 }, () => ({ type: "run.requested", payload: runRequested(randomUUID()) })),
    );
    const first = await owner.events.list({ type: "run.requested", limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    // An event appended between pages belongs before the first page, not in the next ones.
    await seedEvents(db, o.tenant.id, [{ type: "run.requested", payload: runRequested(randomUUID()) }]);
    const seen = [...first.items.map((e) => e.id)];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await owner.events.list({ type: "run.requested", limit: 3, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it("refuses filters that could only match nothing, naming the field", async () => {
    const o = await seedTenant(db);
    const owner = o.as(o.owner);
    const unknown = await failure(owner.events.list({ type: "nope.nothing" }));
    expect(unknown.httpStatus).toBe(400);
    expect(issuePaths(unknown)).toEqual(["type"]);
    expect(unknown.error.details?.fields).toEqual({ type: expect.stringContaining("Unknown event type") });
    const reversed = await failure(owner.events.list({ from: new Date("2026-02-01"), to: new Date("2026-01-01") }));
    expect(reversed).toMatchObject({
      httpStatus: 400,
      error: { code: "event_range_reversed", details: { fields: { to: expect.any(String) } } },
    });
    const badDate = await failure(owner.events.list({ from: "1066-10-14" as unknown as Date }));
    expect(issuePaths(badDate)).toEqual(["from"]);
    const badCursor = await failure(owner.events.list({ cursor: "not-a-cursor" }));
    expect(badCursor.error.code).toBe("invalid_cursor");
  });

  it("needs event:read, which every role has; an API key needs the scope", async () => {
    const o = await seedTenant(db);
    const viewer = await addMember(db, o, "viewer");
    expect((await o.as(viewer).events.list({})).items.length).toBeGreaterThan(0);
    const key = await o.as(o.owner).apiKeys.create({ name: "ci", scopes: ["tenant:read"] });
    const denied = await failure(callerFor(db, { apiKey: key.secret }).events.list({}));
    expect(denied).toMatchObject({ httpStatus: 403, error: { code: "missing_permission" } });
  });
});

describe("one event", () => {
  it("resolves its cause and what it caused", async () => {
    const o = await seedTenant(db);
    const owner = o.as(o.owner);
    const runId = randomUUID();
    const [root] = await seedEvents(db, o.tenant.id, [
      { type: "run.requested", payload: runRequested(runId), correlationId: "c1", traceId: "t-1" },
    ]);
    const [child] = await seedEvents(db, o.tenant.id, [
      { type: "run.completed", payload: runCompleted(runId), correlationId: "c1", causationId: root },
    ]);
    const detail = await owner.events.get({ id: child! });
    expect(detail).toMatchObject({
      id: child,
      causationId: root,
      correlationId: "c1",
      cause: { id: root, type: "run.requested" },
      caused: [],
    });
    const parent = await owner.events.get({ id: root! });
    expect(parent).toMatchObject({ traceId: "t-1", cause: null, causedMore: false });
    expect(parent.caused.map((e) => e.id)).toEqual([child]);
  });

  it("answers another tenant's event exactly like a missing one", async () => {
    const a = await seedTenant(db);
    const b = await seedTenant(db);
    const [bEvent] = (await b.as(b.owner).events.list({ limit: 1 })).items;
    const foreign = await failure(a.as(a.owner).events.get({ id: bEvent!.id }));
    const missing = await failure(a.as(a.owner).events.get({ id: "01ARZ3NDEKTSV4RRFFQ69G5FAV" }));
    expect(foreign).toMatchObject({ httpStatus: 404, error: { code: "event_not_found" } });
    expect(foreign.error).toEqual(missing.error);
    // And the stream never shows it.
    const all = await a.as(a.owner).events.list({ limit: 200 });
    expect(all.items.map((e) => e.id)).not.toContain(bEvent!.id);
  });
});
