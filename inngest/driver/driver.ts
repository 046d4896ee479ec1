import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Inngest, InngestFunction } from "inngest";
import { rowsOf, type Tx } from "@/db";
import type { Scopes } from "@/db/scope";
import { acceptEvents } from "./accept-events";
import { flushBatches, nextBatchDue } from "./batches";
import type { SdkEvent } from "./call-sdk";
import { systemClock, type Clock } from "./clock";
import type { DriverContext } from "./context";
import { fireCrons, nextCronDue } from "./crons";
import { executeRun } from "./executor";
import { createRegistry } from "./registry";
import { claimRuns } from "./store";

export type DriverOptions = {
  scopes: Pick<Scopes, "withEngine">;
  client: Inngest.Any;
  functions: readonly InngestFunction.Any[];
  clock?: Clock;
  leaseMs?: number;
  /** Runs executed side by side per tick. */
  parallel?: number;
  signingKey?: string | null;
  log?: DriverContext["log"];
};

export type Driver = {
  context: DriverContext;
  /** Applies delivered events inside the dispatcher's transaction (accept-events.ts). */
  accept(tx: Tx, events: SdkEvent[]): Promise<void>;
  /** One round: fire due crons and batches, lease runnable runs and run them. Returns how many ran. */
  tick(): Promise<number>;
  /** The earliest time something becomes due (sleep, retry, timeout, batch, cron), or null. */
  nextDueAt(): Promise<number | null>;
};

/**
 * The in-process Inngest driver: a single-node stand-in for an Inngest server that keeps runs,
 * step results, sleeps and waits in Postgres and executes functions through the SDK's own serve
 * handler (inngest/driver/README.md lists what it honours). Multi-process safe: work is taken
 * under leases, so several processes can run it and a dead one's runs are resumed.
 */
export function createDriver(options: DriverOptions): Driver {
  const context: DriverContext = {
    scopes: options.scopes,
    registry: createRegistry(options.client, options.functions),
    clock: options.clock ?? systemClock,
    owner: `${process.pid}:${randomUUID()}`,
    leaseMs: options.leaseMs ?? 60_000,
    signingKey: options.signingKey ?? null,
    log: options.log ?? (() => {}),
  };
  for (const spec of context.registry.specs.values()) {
    if (spec.ignored.length)
      context.log("info", { functionId: spec.id, ignored: spec.ignored }, "flow control not enforced by the embedded driver");
  }
  const parallel = options.parallel ?? 4;
  return {
    context,
    accept: async (tx, events) => void (await acceptEvents(tx, context.registry.specs.values(), events, context.clock.now())),
    async tick() {
      const now = context.clock.now();
      await fireCrons(context, now);
      await flushBatches(context, now);
      const runs = await context.scopes.withEngine((tx) =>
        claimRuns(tx, { now, owner: context.owner, leaseMs: context.leaseMs, max: parallel }),
      );
      await Promise.all(
        runs.map((run) =>
          executeRun(context, run).catch((error: unknown) =>
            context.log("error", { runId: run.id, reason: (error as Error).message }, "run execution failed; its lease will expire"),
          ),
        ),
      );
      return runs.length;
    },
    async nextDueAt() {
      const [row] = await context.scopes.withEngine(async (tx) =>
        // Epoch milliseconds: raw SQL hands timestamps back as driver-specific strings.
        rowsOf<{ at: string | number | null }>(
          await tx.execute(sql`select (extract(epoch from min(next_at)) * 1000)::float8 as at from engine_runs where next_at is not null`),
        ),
      );
      const times = [row?.at == null ? null : Number(row.at), await nextBatchDue(context), await nextCronDue(context)];
      const due = times.filter((t): t is number => t !== null);
      return due.length ? Math.min(...due) : null;
    },
  };
}
