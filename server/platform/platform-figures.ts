import { sql } from "drizzle-orm";
import { rowsOf } from "@/db";
import type { PlatformContext } from "../request-context";
import { operatorActor } from "./operator";

const DAYS = 30;
const DAY = 86_400_000;

export type PlatformFigures = Awaited<ReturnType<typeof readPlatformFigures>>;

/**
 * The installation at a glance, for the console's overview: tenants by plan and status, runs and
 * new incidents per UTC day over the last 30 days, open incidents, MRR (same assumption as the
 * tenants list: list price of active tenants on paid plans), and the event pipeline's health —
 * outbox lag (events not yet handed to the engine, and the oldest one's age), dead letters still
 * open, engine runs failed in the last 24 hours. A handful of aggregate queries in one platform
 * transaction (one audit row).
 */
export async function readPlatformFigures(ctx: PlatformContext, now: Date = new Date()) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = new Date(today - (DAYS - 1) * DAY);
  const todayIso = new Date(today).toISOString();
  return ctx.scopes.withPlatform("platform console: overview figures", operatorActor(ctx), async (tx) => {
    const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await tx.execute(query));
    const byPlanStatus = await q<{ plan_id: string; plan_name: string; status: string; n: number; mrr_cents: string }>(sql`
      select t.plan_id, p.name as plan_name, t.status, count(*)::int as n,
        sum(case when t.status = 'active' and p.price_monthly_cents > 0 then p.price_monthly_cents else 0 end)::text as mrr_cents
      from tenants t join plans p on p.id = t.plan_id group by t.plan_id, p.name, p.sort_order, t.status order by p.sort_order, t.status`);
    const runs = await q<{ day: string; runs: string }>(sql`
      select to_char(day, 'YYYY-MM-DD') as day, sum(runs)::text as runs from (
        select date_trunc('day', bucket_start at time zone 'UTC') as day, runs from usage_daily
          where bucket_start >= ${from.toISOString()}::timestamptz and bucket_start < ${todayIso}::timestamptz
        union all
        select date_trunc('day', bucket_start at time zone 'UTC'), runs from usage_hourly where bucket_start >= ${todayIso}::timestamptz
      ) d group by day`);
    const incidentDays = await q<{ day: string; n: number }>(sql`
      select to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD') as day, count(*)::int as n
      from incidents where created_at >= ${from.toISOString()}::timestamptz group by 1`);
    const [pipeline] = await q<{
      open_incidents: number;
      undelivered: number;
      oldest: string | Date | null;
      dead_letters: number;
      failed_runs: number;
    }>(sql`
      select (select count(*) from incidents where status = 'open')::int as open_incidents,
        (select count(*) from events where delivered_at is null)::int as undelivered,
        (select min(occurred_at) from events where delivered_at is null) as oldest,
        (select count(*) from dead_letters where status = 'open')::int as dead_letters,
        (select count(*) from engine_runs where status = 'failed' and updated_at >= now() - interval '24 hours')::int as failed_runs`);
    const runsByDay = new Map(runs.map((r) => [r.day, Number(r.runs)]));
    const incidentsByDay = new Map(incidentDays.map((r) => [r.day, r.n]));
    const days = Array.from({ length: DAYS }, (_, i) => new Date(from.getTime() + i * DAY).toISOString().slice(0, 10));
    const plans = new Map<
      string,
      { planId: string; planName: string; active: number; suspended: number; deleted: number; mrrCents: number }
    >();
    for (const r of byPlanStatus) {
      const entry = plans.get(r.plan_id) ?? { planId: r.plan_id, planName: r.plan_name, active: 0, suspended: 0, deleted: 0, mrrCents: 0 };
      entry[r.status as "active" | "suspended" | "deleted"] += r.n;
      entry.mrrCents += Number(r.mrr_cents);
      plans.set(r.plan_id, entry);
    }
    const byPlan = [...plans.values()];
    const oldest = pipeline?.oldest ? new Date(pipeline.oldest) : null;
    return {
      tenants: {
        total: byPlan.reduce((n, p) => n + p.active + p.suspended + p.deleted, 0),
        active: byPlan.reduce((n, p) => n + p.active, 0),
        suspended: byPlan.reduce((n, p) => n + p.suspended, 0),
        byPlan,
      },
      mrrCents: byPlan.reduce((n, p) => n + p.mrrCents, 0),
      daily: days.map((day) => ({ day, runs: runsByDay.get(day) ?? 0, incidents: incidentsByDay.get(day) ?? 0 })),
      openIncidents: pipeline?.open_incidents ?? 0,
      pipeline: {
        undelivered: pipeline?.undelivered ?? 0,
        oldestUndeliveredAgeSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : null,
        deadLettersOpen: pipeline?.dead_letters ?? 0,
        engineRunsFailed24h: pipeline?.failed_runs ?? 0,
      },
    };
  });
}
