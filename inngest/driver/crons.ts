import { and, eq, lte, min } from "drizzle-orm";
import { engineCrons } from "@/db/schema/engine";
import { runFor } from "./accept-events";
import type { SdkEvent } from "./call-sdk";
import type { DriverContext } from "./context";
import { nextCronTime, parseCron } from "./cron";
import { insertRuns } from "./store";

function cronTriggers(ctx: DriverContext) {
  return [...ctx.registry.specs.values()].flatMap((spec) =>
    spec.triggers.flatMap((t) => ("cron" in t ? [{ spec, schedule: t.cron }] : [])),
  );
}

/**
 * Cron triggers: each (function, schedule) has a row holding its next due time; a due row is
 * taken `FOR UPDATE SKIP LOCKED`, starts one run whose event id names the tick (so two processes
 * cannot both start it) and moves on to the next tick after now — missed ticks are not replayed,
 * as on Inngest.
 */
export async function fireCrons(ctx: DriverContext, now: number): Promise<void> {
  const crons = cronTriggers(ctx);
  if (!crons.length) return;
  await ctx.scopes.withEngine(async (tx) => {
    await tx
      .insert(engineCrons)
      .values(
        crons.map((c) => ({ functionId: c.spec.id, schedule: c.schedule, nextAt: new Date(nextCronTime(parseCron(c.schedule), now)) })),
      )
      .onConflictDoNothing();
    const due = await tx
      .select()
      .from(engineCrons)
      .where(lte(engineCrons.nextAt, new Date(now)))
      .for("update", { skipLocked: true });
    for (const row of due) {
      const cron = crons.find((c) => c.spec.id === row.functionId && c.schedule === row.schedule);
      if (!cron) continue;
      const at = row.nextAt.getTime();
      const id = `cron:${row.schedule}:${new Date(at).toISOString()}`;
      const event: SdkEvent = { id, name: "inngest/scheduled.timer", data: { cron: row.schedule }, ts: at };
      await insertRuns(tx, [runFor(cron.spec, [event], id, now)]);
      await tx
        .update(engineCrons)
        .set({ nextAt: new Date(nextCronTime(parseCron(row.schedule), Math.max(at, now))) })
        .where(and(eq(engineCrons.functionId, row.functionId), eq(engineCrons.schedule, row.schedule)));
    }
  });
}

/** The next cron tick of any served function (for the test clock and the idle wait). */
export async function nextCronDue(ctx: DriverContext): Promise<number | null> {
  if (!cronTriggers(ctx).length) return null;
  const [row] = await ctx.scopes.withEngine((tx) => tx.select({ at: min(engineCrons.nextAt) }).from(engineCrons));
  return row?.at ? new Date(row.at).getTime() : null;
}
