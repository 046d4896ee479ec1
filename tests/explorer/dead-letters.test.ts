import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, configureDatabase } from "@/db";
import { deadLetterCapture } from "@/inngest/functions/dead-letter-capture";
import { addMember, seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { auditRows, countRows, failure } from "../support/failures";
import { eventRows } from "./support";

/**
 * Dead letters: the capture function (run by @inngest/test on the SDK's own
 * `inngest/function.failed` payload) files a failure once, in its tenant, without the stack;
 * admins retry it (a replay of that one event, audited) or discard it (audited).
 */
let db: TestDatabase;

beforeAll(async () => {
  db = await createPostgresTestDatabase({ max: 8 });
  // The function reaches the database the way the server does: through the process's configured pools.
  configureDatabase({ driver: "postgres", url: db.urls!.app, platformUrl: db.urls!.platform, max: 4, platformMax: 2 });
}, 60_000);

afterAll(async () => {
  await closeDatabase();
  await db?.drop();
});

/** Wraps a test-engine call: a hang would otherwise run to vitest's own timeout with no clue. */
function within<T>(promise: Promise<T>, ms = 20_000): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no result within ${ms} ms`)), ms))]);
}

type Org = Awaited<ReturnType<typeof seedTenant>>;

/** The failure event Inngest emits when `agentry-<functionId>` exhausted its retries on one of our events. */
function failedEvent(
  o: Org,
  original: { id: string; name: string; payload: unknown },
  runId = `01J${randomUUID().replace(/-/g, "").slice(0, 23).toUpperCase()}`,
) {
  return {
    name: "inngest/function.failed",
    data: {
      function_id: "agentry-webhook-delivery",
      run_id: runId,
      error: {
        name: "NonRetriableError",
        message: "The endpoint answered 500\n three times",
        stack: "Error: at /app/server/secret-path.ts:12",
      },
      event: {
        id: original.id,
        name: original.name,
        data: {
          tenantId: o.tenant.id,
          correlationId: "req-original",
          causationId: null,
          traceId: "trace-9",
          actor: { type: "user", id: o.owner.id },
          payload: original.payload,
        },
      },
    },
  };
}

async function capture(event: ReturnType<typeof failedEvent> | { name: string; data: unknown }) {
  const engine = new InngestTestEngine({ function: deadLetterCapture, events: [event as never] });
  const { result, error } = await within(engine.execute());
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return result as { stored: boolean; reason: string };
}

/** A tenant with one real event (agent.created) to have failed on. */
async function orgWithEvent() {
  const o = await seedTenant(db);
  await o.as(o.owner).agents.create({ template: "customer-service", name: "Support" });
  const [created] = (await o.as(o.owner).events.list({ type: "agent.created" })).items;
  return { o, original: { id: created!.id, name: created!.type, payload: created!.payload } };
}

describe("capturing dead letters", () => {
  it("files the failure once, in the event's tenant, with the error's name and message but never its stack", async () => {
    const { o, original } = await orgWithEvent();
    const event = failedEvent(o, original);
    expect(await capture(event)).toEqual({ stored: true, reason: "captured" });
    // The same failure delivered again (or the step retried) leaves one row.
    expect(await capture(event)).toEqual({ stored: false, reason: "duplicate" });
    const rows = await db.ownerSql(`select * from dead_letters where tenant_id = $1`, [o.tenant.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      function_id: "agentry-webhook-delivery",
      run_id: event.data.run_id,
      event_id: original.id,
      event_name: "agent.created",
      error_name: "NonRetriableError",
      error_message: "The endpoint answered 500 three times",
      status: "open",
    });
    expect(JSON.stringify(rows[0])).not.toContain("secret-path");
    const [item] = (await o.as(o.owner).events.deadLetters({})).items;
    expect(item).toMatchObject({ eventId: original.id, error: { name: "NonRetriableError" }, status: "open", retryEventId: null });
    expect(item).not.toHaveProperty("envelope");
  });

  it("stores nothing for a failure with no tenant (a cron run), nor for its own failures", async () => {
    const before = await countRows(db, "dead_letters");
    const cron = {
      name: "inngest/function.failed",
      data: {
        function_id: "agentry-retention-purge",
        run_id: "01CRON",
        error: { name: "Error", message: "x" },
        event: { name: "inngest/scheduled.timer", data: { cron: "0 3 * * *" } },
      },
    };
    expect(await capture(cron)).toEqual({ stored: false, reason: "no_tenant" });
    const { o, original } = await orgWithEvent();
    const self = failedEvent(o, original);
    self.data.function_id = "agentry-dead-letter-capture";
    expect(await capture(self)).toEqual({ stored: false, reason: "self" });
    expect(await countRows(db, "dead_letters")).toBe(before);
  });
});

describe("retrying and discarding", () => {
  it("retry re-emits the original event as a replay of it, marks the letter retried, audited; twice is a conflict", async () => {
    const { o, original } = await orgWithEvent();
    await capture(failedEvent(o, original));
    const [letter] = (await o.as(o.owner).events.deadLetters({ status: "open" })).items;
    const retried = await o.as(o.owner).events.retryDeadLetter({ id: letter!.id });
    expect(retried).toMatchObject({ status: "retried", resolvedBy: o.owner.id, retryEventId: expect.any(String) });
    const copy = (await eventRows(db, o.tenant.id)).find((e) => e.id === retried.retryEventId)!;
    expect(copy).toMatchObject({ type: "agent.created", payload: original.payload, replay_of: original.id, causation_id: original.id });
    const audit = (await auditRows(db, o.tenant.id)).filter((r) => r.action === "dead_letter.retried");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_type: "dead_letter", target_id: letter!.id, actor_id: o.owner.id });
    expect(audit[0]!.diff).toEqual({
      functionId: "agentry-webhook-delivery",
      eventId: original.id,
      eventName: "agent.created",
      replayEventId: copy.id,
    });
    // The audit event and the copy share the retry's correlation.
    const together = await o.as(o.owner).events.list({ correlationId: copy.correlation_id });
    expect(together.items.map((e) => e.type).sort()).toEqual(["agent.created", "dead_letter.retried"]);

    const again = await failure(o.as(o.owner).events.retryDeadLetter({ id: letter!.id }));
    expect(again).toMatchObject({ httpStatus: 409, error: { code: "dead_letter_closed" } });
    expect((await eventRows(db, o.tenant.id)).filter((e) => e.replay_of === original.id)).toHaveLength(1);
  });

  it("retry sends the envelope's payload when the original was purged from the outbox", async () => {
    const o = await seedTenant(db);
    const purged = {
      id: "01HZZZZZZZZZZZZZZZZZZZZZZZ",
      name: "run.requested",
      payload: { runId: randomUUID(), agentId: randomUUID(), agentVersion: 2, apiKeyId: null, streamed: true },
    };
    await capture(failedEvent(o, purged));
    const [letter] = (await o.as(o.owner).events.deadLetters({})).items;
    const retried = await o.as(o.owner).events.retryDeadLetter({ id: letter!.id });
    const copy = (await eventRows(db, o.tenant.id)).find((e) => e.id === retried.retryEventId)!;
    expect(copy).toMatchObject({
      type: "run.requested",
      payload: purged.payload,
      replay_of: purged.id,
      actor_type: "user",
      actor_id: o.owner.id,
    });
  });

  it("discard closes the letter without sending anything, audited; it cannot be retried after", async () => {
    const { o, original } = await orgWithEvent();
    await capture(failedEvent(o, original));
    const [letter] = (await o.as(o.owner).events.deadLetters({})).items;
    const eventsBefore = (await eventRows(db, o.tenant.id)).filter((e) => e.replay_of !== null).length;
    expect(await o.as(o.owner).events.discardDeadLetter({ id: letter!.id })).toMatchObject({ status: "discarded", resolvedBy: o.owner.id });
    expect((await eventRows(db, o.tenant.id)).filter((e) => e.replay_of !== null)).toHaveLength(eventsBefore);
    expect((await auditRows(db, o.tenant.id)).filter((r) => r.action === "dead_letter.discarded")).toHaveLength(1);
    expect((await failure(o.as(o.owner).events.retryDeadLetter({ id: letter!.id }))).error.code).toBe("dead_letter_closed");
    expect((await o.as(o.owner).events.deadLetters({ status: "open" })).items).toEqual([]);
    expect((await o.as(o.owner).events.deadLetters({ status: "discarded" })).items).toHaveLength(1);
  });

  it("is for admins, and another tenant's dead letter is a 404 like a missing one", async () => {
    const { o, original } = await orgWithEvent();
    await capture(failedEvent(o, original));
    const [letter] = (await o.as(o.owner).events.deadLetters({})).items;
    const developer = await addMember(db, o, "developer");
    expect((await o.as(developer).events.deadLetters({})).items).toHaveLength(1);
    expect((await failure(o.as(developer).events.retryDeadLetter({ id: letter!.id }))).httpStatus).toBe(403);
    expect((await failure(o.as(developer).events.discardDeadLetter({ id: letter!.id }))).httpStatus).toBe(403);
    const other = await seedTenant(db);
    expect((await other.as(other.owner).events.deadLetters({})).items).toEqual([]);
    const foreign = await failure(other.as(other.owner).events.retryDeadLetter({ id: letter!.id }));
    const missing = await failure(other.as(other.owner).events.retryDeadLetter({ id: randomUUID() }));
    expect(foreign).toMatchObject({ httpStatus: 404, error: { code: "dead_letter_not_found" } });
    expect(foreign.error).toEqual(missing.error);
    expect((await o.as(o.owner).events.deadLetters({ status: "open" })).items).toHaveLength(1);
  });
});
