/**
 * `npx tsx scripts/bench-dispatch.ts`: how fast the outbox reaches functions on the embedded
 * engine, and whether one tenant's flood delays another's run. Not part of `npm test`.
 *
 *   1. dispatch lag: events committed one per transaction (paced), then a burst in batches of 100;
 *      lag = from the event's `occurred_at` to its function's first step starting (commit,
 *      NOTIFY, dispatch, run creation, lease, SDK call — everything);
 *   2. fairness: tenant A enqueues FLOOD runs of a function with `concurrency: { key:
 *      "event.data.tenantId", limit: LIMIT }` whose step takes ~25 ms (an external call), then
 *      tenant B enqueues one; B's delay is printed next to A's drain time.
 *
 * On a fresh Postgres database (the test fixture's production shape), dropped at the end.
 * Options: FLOOD (default 1000), LIMIT (4), PARALLEL (runs in flight, 8), SINGLES (300), BURST (2000).
 */
process.env.LOG_LEVEL ??= "silent";
import { randomBytes, randomUUID } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { Inngest } from "inngest";

const FLOOD = Number(process.env.FLOOD ?? 1000);
const LIMIT = Number(process.env.LIMIT ?? 4);
const PARALLEL = Number(process.env.PARALLEL ?? 8);
const SINGLES = Number(process.env.SINGLES ?? 300);
const BURST = Number(process.env.BURST ?? 2000);

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const summary = (values: number[]) =>
  `n=${values.length} p50=${pct(values, 50).toFixed(1)} ms  p95=${pct(values, 95).toFixed(1)} ms  p99=${pct(values, 99).toFixed(1)} ms  max=${Math.max(...values).toFixed(1)} ms`;

async function until(probe: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function main() {
  const { createPostgresTestDatabase } = await import("@/tests/support/databases");
  const { seedTenant } = await import("@/tests/support/callers");
  const { listenOn } = await import("@/db/client");
  const { appendEvents } = await import("@/server/events/append-event");
  const { startEventEngine } = await import("@/server/events/dispatcher-engine");

  const load0 = loadavg();
  const db = await createPostgresTestDatabase({ max: 6 });
  try {
    const [a, b] = [await seedTenant(db), await seedTenant(db)];
    const client = new Inngest({ id: "bench", logger: { info() {}, warn() {}, error() {}, debug() {} } });
    const lags = new Map<string, number>();
    const started = new Map<string, number>();
    const probe = client.createFunction(
      { id: "lag-probe", triggers: [{ event: "member.invited", if: "event.data.payload.facts.role == 'viewer'" }] },
      async ({ event, step }) => {
        await step.run("seen", () => void lags.set(event.id!, Date.now() - event.ts!));
      },
    );
    const work = client.createFunction(
      {
        id: "fair-work",
        triggers: [{ event: "member.invited", if: "event.data.payload.facts.role == 'developer'" }],
        concurrency: { key: "event.data.tenantId", limit: LIMIT },
      },
      async ({ event, step }) => {
        await step.run("call", async () => {
          started.set(event.id!, Date.now());
          await new Promise((r) => setTimeout(r, 25));
        });
      },
    );
    const signingKey = `signkey-bench-${randomBytes(32).toString("hex")}`;
    process.env.INNGEST_SIGNING_KEY = signingKey;
    const engine = await startEventEngine({
      scopes: db.scopes,
      listen: (channel, fn) => listenOn({ db: db.app, driver: "postgres", close: async () => {} }, channel, fn),
      client,
      functions: [probe, work],
      mode: "embedded",
      parallel: PARALLEL,
      signingKey,
    });
    const draft = (tenantId: string, role: string) => ({
      tenantId,
      type: "member.invited",
      payload: { target: { type: "invitation", id: randomUUID() }, facts: { role } },
      actor: { type: "system" as const, id: "bench" },
      meta: null,
    });
    const append = (tenantId: string, role: string, n: number) =>
      db.scopes.withTenant(tenantId, (tx) =>
        appendEvents(
          tx,
          Array.from({ length: n }, () => draft(tenantId, role)),
        ),
      );
    try {
      // 1. Lag, one event per transaction, ~50/s.
      for (let i = 0; i < SINGLES; i++) {
        await append(a.tenant.id, "viewer", 1);
        await new Promise((r) => setTimeout(r, 20));
      }
      await until(() => lags.size >= SINGLES, 120_000, "single events");
      const singles = [...lags.values()];
      lags.clear();
      // 1b. A burst, 100 per transaction.
      const burstStart = Date.now();
      for (let i = 0; i < BURST / 100; i++) await append(a.tenant.id, "viewer", 100);
      await until(() => lags.size >= BURST, 300_000, "burst");
      const burstMs = Date.now() - burstStart;
      const burst = [...lags.values()];

      // 2. Fairness.
      const floodStart = Date.now();
      const floodIds: string[] = [];
      for (let i = 0; i < FLOOD / 100; i++) floodIds.push(...(await append(a.tenant.id, "developer", 100)));
      const [bId] = await append(b.tenant.id, "developer", 1);
      const bCommitted = Date.now();
      await until(() => started.has(bId!), 300_000, "tenant B's run");
      const bDelay = started.get(bId!)! - bCommitted;
      const aStartedAtB = floodIds.filter((id) => (started.get(id) ?? Infinity) <= started.get(bId!)!).length;
      await until(() => floodIds.every((id) => started.has(id)), 600_000, "tenant A's flood");
      const floodMs = Date.now() - floodStart;

      console.log(
        `\nmachine: ${cpus().length}× ${cpus()[0]?.model ?? "?"}; load average at start ${load0.map((l) => l.toFixed(2)).join(" ")}, at end ${loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")}`,
      );
      console.log(`dispatch lag, ${SINGLES} events one per transaction (~50/s): ${summary(singles)}`);
      console.log(
        `dispatch lag, burst of ${BURST} in transactions of 100: ${summary(burst)}; all started within ${burstMs} ms (${Math.round((BURST / burstMs) * 1000)}/s)`,
      );
      console.log(
        `fairness: tenant A flooded ${FLOOD} runs (concurrency limit ${LIMIT} per tenant, ${PARALLEL} runs in flight per process, 25 ms step);` +
          ` tenant B's single run started ${bDelay} ms after its commit, when ${aStartedAtB} of A's runs had started; A's flood took ${floodMs} ms`,
      );
    } finally {
      await engine.stop();
    }
  } finally {
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
