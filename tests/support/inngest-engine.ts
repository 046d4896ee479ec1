import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Inngest, InngestFunction } from "inngest";
import { monotonicFactory } from "ulid";
import { closeDatabase, configureDatabase } from "@/db";
import { engineRuns, type EngineRun } from "@/db/schema/engine";
import { inngest } from "@/inngest/client";
import type { SdkEvent } from "@/inngest/driver/call-sdk";
import { offsetClock } from "@/inngest/driver/clock";
import { createDriver, type Driver } from "@/inngest/driver/driver";
import { functions as appFunctions } from "@/inngest/functions";
import { dispatchBatch } from "@/server/events/dispatcher";
import { createPostgresTestDatabase, type TestDatabase } from "./databases";

export type TestEngineOptions = {
  /** A Postgres test database (default: a fresh one, dropped by stop()). */
  db?: TestDatabase;
  /** Default: the app's functions and client (inngest/functions). */
  functions?: readonly InngestFunction.Any[];
  client?: Inngest.Any;
  leaseMs?: number;
};

export type TestEngine = {
  db: TestDatabase;
  driver: Driver;
  /** The fake clock's current time (ms). */
  now(): number;
  /**
   * Dispatches every undelivered event and runs every runnable step until nothing is runnable.
   * Sleeps, retries, wait timeouts, batch timeouts and cron ticks due within `advanceMs` of now are
   * fast-forwarded (the clock jumps to each due time in turn, and ends `advanceMs` later than it
   * started) — no real sleep. Throws after
   * `timeoutMs` of real time.
   */
  drain(opts?: { advanceMs?: number; timeoutMs?: number }): Promise<void>;
  /**
   * Hands events straight to the driver (as the dispatcher would after reading the outbox): for
   * engine-level tests and internal events. Domain code emits through the outbox instead.
   */
  send(events: SdkEvent | SdkEvent[]): Promise<void>;
  /** Runs of a function (its id as written in createFunction, or the composite `<app>-<id>`), oldest first. */
  runsOf(functionId: string): Promise<EngineRun[]>;
  stop(): Promise<void>;
};

/**
 * The in-process Inngest driver on a test database, with a fake clock. The process-wide database
 * (`@/db`, what `actForEvent` uses inside functions) is pointed at the same database, through its
 * two production logins, so functions run exactly as in the server.
 */
const nextId = monotonicFactory();

export async function startTestEngine(options: TestEngineOptions = {}): Promise<TestEngine> {
  const owned = !options.db;
  const db = options.db ?? (await createPostgresTestDatabase({ max: 4 }));
  if (!db.urls) throw new Error("startTestEngine needs a Postgres test database");
  await closeDatabase();
  configureDatabase(
    db.shape === "login-roles"
      ? { driver: "postgres", url: db.urls.app, platformUrl: db.urls.platform }
      : { driver: "postgres", url: db.urls.owner },
  );
  const client = options.client ?? inngest;
  const previousKey = process.env.INNGEST_SIGNING_KEY;
  const signingKey = `signkey-test-${randomBytes(32).toString("hex")}`;
  process.env.INNGEST_SIGNING_KEY = signingKey;
  const clock = offsetClock();
  const driver = createDriver({
    scopes: db.scopes,
    client,
    functions: options.functions ?? appFunctions,
    clock,
    leaseMs: options.leaseMs ?? 60_000,
    signingKey,
  });
  const forward = { accept: driver.accept };
  const composite = (id: string) => (id.startsWith(`${client.id}-`) ? id : `${client.id}-${id}`);

  return {
    db,
    driver,
    now: () => clock.now(),
    async drain({ advanceMs = 0, timeoutMs = 60_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      const horizon = clock.now() + advanceMs;
      for (;;) {
        if (Date.now() > deadline) throw new Error(`drain: still busy after ${timeoutMs} ms`);
        let dispatched = 0;
        for (let n = await dispatchBatch(db.scopes, forward); n > 0; n = await dispatchBatch(db.scopes, forward)) dispatched += n;
        const ran = await driver.tick();
        if (dispatched || ran) continue;
        const next = await driver.nextDueAt();
        if (next !== null && next > clock.now() && next <= horizon) {
          clock.set(next);
          continue;
        }
        if (clock.now() < horizon) {
          // Nothing more falls due before the horizon: the clock ends there, as if the time had passed.
          clock.set(horizon);
          continue;
        }
        return;
      }
    },
    async send(events) {
      const list = (Array.isArray(events) ? events : [events]).map((e) => ({ id: e.id ?? nextId(), ts: clock.now(), ...e }));
      await db.scopes.withEngine((tx) => driver.accept(tx, list));
    },
    runsOf: (functionId) =>
      db.scopes.withEngine((tx) =>
        tx
          .select()
          .from(engineRuns)
          .where(eq(engineRuns.functionId, composite(functionId)))
          .orderBy(asc(engineRuns.createdAt), asc(engineRuns.id)),
      ),
    async stop() {
      await closeDatabase();
      if (previousKey === undefined) delete process.env.INNGEST_SIGNING_KEY;
      else process.env.INNGEST_SIGNING_KEY = previousKey;
      if (owned) await db.drop();
    },
  };
}
