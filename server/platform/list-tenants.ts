import { sql } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Tx } from "@/db";
import { TENANT_STATUSES } from "@/db/schema";
import { quotaPeriod } from "../billing/quota-period";
import type { PlatformContext } from "../request-context";
import { operatorActor } from "./operator";
import { unrolledUsage } from "../usage/usage-tail";

export const TENANT_SORTS = ["name", "created", "usage", "mrr"] as const;

export const listTenantsInput = z.object({
  /** Part of the name or the slug (case-insensitive); blank = all. */
  q: z.string().trim().max(100).optional(),
  sort: z.enum(TENANT_SORTS).default("created"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page: z.number().int().min(1).max(100_000).default(1),
  limit: z.number().int().min(1).max(200).default(25),
});

export const platformTenantDto = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  planId: z.string(),
  planName: z.string(),
  status: z.enum(TENANT_STATUSES),
  members: z.number().int(),
  runs: z.number().int(),
  tokens: z.number().int(),
  /** Monthly recurring revenue in the plan's minor unit (see the MRR note below). */
  mrrCents: z.number().int(),
  currency: z.string(),
  lastActivityAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type PlatformTenant = z.infer<typeof platformTenantDto>;

export const tenantPageDto = z.object({
  items: z.array(platformTenantDto),
  total: z.number().int(),
  page: z.number().int(),
  pageCount: z.number().int(),
});

/** Whitelisted ORDER BY expressions (never built from input text); `id` breaks ties so pages are stable. */
const ORDER: Record<(typeof TENANT_SORTS)[number], string> = {
  name: "lower(name)",
  created: "created_at",
  usage: "runs",
  mrr: "mrr_cents",
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Every organisation for the platform console, one page, in ONE statement (no per-row queries):
 * members, usage this quota period (daily roll-up for whole days, hourly for today, plus the
 * not-yet-rolled tail of `usage.recorded` events, as server/usage/read-usage.ts counts), MRR and
 * last activity (newest outbox event: every audited change appends one too).
 *
 * MRR assumption: a tenant contributes its plan's list `price_monthly_cents` when it is active
 * and the plan is paid; suspended and deleted tenants contribute 0. Discounts, taxes, annual
 * billing and a Stripe subscription that is past due are not modelled (the subscription row is
 * shown on the tenant page).
 *
 * Offset pagination: the sort may be by a computed figure (usage, MRR), which a keyset cursor on
 * a moving number would not survive; the console's list is small and read by people.
 */
export async function listTenants(ctx: PlatformContext, input: z.input<typeof listTenantsInput>): Promise<z.infer<typeof tenantPageDto>> {
  const { q, sort, dir, page, limit } = listTenantsInput.parse(input);
  const now = new Date();
  const period = quotaPeriod(now);
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  const todayIso = today.toISOString();
  const pattern = q ? `%${escapeLike(q)}%` : null;
  const order = sql.raw(`${ORDER[sort]} ${dir === "asc" ? "asc" : "desc"} nulls last, id ${dir === "asc" ? "asc" : "desc"}`);
  const reason = q ? `platform console: list organisations matching "${q.slice(0, 100)}"` : "platform console: list organisations";
  return ctx.scopes.withPlatform(reason, operatorActor(ctx), async (tx) => {
    const result = await tx.execute(sql`
      with usage as (
        select tenant_id, sum(runs)::bigint as runs, sum(tokens)::bigint as tokens from (
          select tenant_id, runs, input_tokens + output_tokens as tokens from usage_daily
            where bucket_start >= ${start}::timestamptz and bucket_start < ${todayIso}::timestamptz
          union all
          select tenant_id, runs, input_tokens + output_tokens from usage_hourly
            where bucket_start >= greatest(${todayIso}::timestamptz, ${start}::timestamptz) and bucket_start < ${end}::timestamptz
          union all
          select tenant_id, 1, coalesce((p->>'inputTokens')::bigint, 0) + coalesce((p->>'outputTokens')::bigint, 0)
            from ${unrolledUsage({ from: period.start, to: period.end })} tail
        ) parts group by tenant_id
      ), listed as (
        select t.id, t.name, t.slug, t.plan_id, p.name as plan_name, t.status, t.created_at,
          (select count(*) from memberships m where m.tenant_id = t.id)::int as members,
          coalesce(u.runs, 0)::bigint as runs, coalesce(u.tokens, 0)::bigint as tokens,
          (case when t.status = 'active' and p.price_monthly_cents > 0 then p.price_monthly_cents else 0 end)::int as mrr_cents,
          p.currency,
          (select max(e.occurred_at) from events e where e.tenant_id = t.id) as last_activity_at
        from tenants t join plans p on p.id = t.plan_id left join usage u on u.tenant_id = t.id
        where ${pattern}::text is null or t.name ilike ${pattern} or t.slug ilike ${pattern}
      )
      select *, count(*) over ()::int as total from listed order by ${order} limit ${limit} offset ${(page - 1) * limit}`);
    type Row = {
      id: string;
      name: string;
      slug: string;
      plan_id: string;
      plan_name: string;
      status: PlatformTenant["status"];
      created_at: string | Date;
      members: number;
      runs: string | number;
      tokens: string | number;
      mrr_cents: number;
      currency: string;
      last_activity_at: string | Date | null;
      total: number;
    };
    const rows = rowsOf<Row>(result);
    const iso = (v: string | Date) => new Date(v).toISOString();
    // A page past the end has no rows to carry the total: it is still a page of an existing list.
    const total = rows[0]?.total ?? (page > 1 ? await countTenants(tx, pattern) : 0);
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        slug: r.slug,
        planId: r.plan_id,
        planName: r.plan_name,
        status: r.status,
        members: Number(r.members),
        runs: Number(r.runs),
        tokens: Number(r.tokens),
        mrrCents: Number(r.mrr_cents),
        currency: r.currency,
        lastActivityAt: r.last_activity_at ? iso(r.last_activity_at) : null,
        createdAt: iso(r.created_at),
      })),
      total,
      page,
      pageCount: Math.max(1, Math.ceil(total / limit)),
    };
  });
}

async function countTenants(tx: Tx, pattern: string | null) {
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(
      sql`select count(*)::int as n from tenants t where ${pattern}::text is null or t.name ilike ${pattern} or t.slug ilike ${pattern}`,
    ),
  );
  return row?.n ?? 0;
}
