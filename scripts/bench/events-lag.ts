/**
 * Dispatch lag for `bench:events`: while writers append events at a steady rate, the real event
 * engine (server/events/dispatcher-engine.ts, embedded mode, woken by LISTEN/NOTIFY with its 1 s
 * poll as fallback) takes them from the outbox and marks them delivered. The lag of an event is
 * `delivered_at − occurred_at`, both read from the database clock: from the start of the
 * transaction that appended it (so it includes that transaction's own commit) to the commit of
 * the dispatcher's transaction that handed it to the driver. No function is registered: this is
 * the outbox-to-engine hop; a function's own run time is its own.
 */
import { Inngest } from "inngest";
import postgres from "postgres";
import type { EventDraft } from "@/server/events/append-event";
import type { TestDatabase } from "@/tests/support/databases";

export type LagSeries = {
  ratePerSecond: number;
  /** What the writer managed (below the target when the machine cannot keep the pace). */
  achievedPerSecond: number;
  batch: number;
  events: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureDispatchLag(
  db: TestDatabase,
  tenantId: string,
  drafts: (n: number) => EventDraft[],
  options: { seconds: number; batch: number; ratePerSecond: number },
): Promise<LagSeries> {
  const { appendEvents } = await import("@/server/events/append-event");
  const { startEventEngine } = await import("@/server/events/dispatcher-engine");
  const listener = postgres(db.urls!.platform, { max: 1, onnotice: () => {} });
  // A clean outbox per series: the throughput series leave a million undelivered rows behind, and
  // marking them delivered would leave the table to autovacuum in the middle of the measurement.
  await db.ownerSql("truncate events");
  const [mark] = await db.ownerSql("select now() as at");
  const engine = await startEventEngine({
    scopes: db.scopes,
    client: new Inngest({ id: "bench-lag" }),
    functions: [],
    mode: "embedded",
    listen: async (channel, onNotify) => {
      const { unlisten } = await listener.listen(channel, onNotify);
      return unlisten;
    },
  });
  let appended = 0;
  let elapsed = 0;
  try {
    const started = Date.now();
    const interval = (1000 * options.batch) / options.ratePerSecond;
    const deadline = Date.now() + options.seconds * 1000;
    for (let next = Date.now(); Date.now() < deadline; next += interval) {
      await db.scopes.withTenant(tenantId, (tx) => appendEvents(tx, drafts(options.batch)));
      appended += options.batch;
      await sleep(Math.max(0, next + interval - Date.now()));
    }
    elapsed = (Date.now() - started) / 1000;
    // Wait (bounded) for the last ones to be delivered.
    const until = Date.now() + 30_000;
    for (;;) {
      const [left] = await db.ownerSql("select count(*)::int as n from events where delivered_at is null");
      if (Number(left!.n) === 0 || Date.now() > until) break;
      await sleep(20);
    }
  } finally {
    await engine.stop();
    await listener.end();
  }
  const [row] = await db.ownerSql(
    `select count(*)::int as n,
            percentile_cont(0.5) within group (order by lag) as p50,
            percentile_cont(0.99) within group (order by lag) as p99,
            max(lag) as max
     from (select extract(epoch from (delivered_at - occurred_at)) * 1000 as lag from events
           where occurred_at > $1 and delivered_at is not null) l`,
    [mark!.at],
  );
  if (Number(row!.n) !== appended) throw new Error(`dispatch lag: ${row!.n} of ${appended} events delivered`);
  return {
    ratePerSecond: options.ratePerSecond,
    achievedPerSecond: appended / elapsed,
    batch: options.batch,
    events: appended,
    p50Ms: Number(row!.p50),
    p99Ms: Number(row!.p99),
    maxMs: Number(row!.max),
  };
}
