import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { agents } from "@/db/schema";
import { EARLIEST_DAY, LATEST_DAY } from "../bounded-date";
import { quotaPeriod } from "../billing/quota-period";
import { ValidationError } from "../errors";
import type { ValidationKey } from "../i18n/server-messages";
import type { TenantContext } from "../request-context";
import { readUsage, type UsageFigures } from "./read-usage";
import { readUsageByDay } from "./read-usage-by-day";

/** A report covers at most this many days (a leap year): one statement over the daily roll-up stays cheap. */
export const MAX_REPORT_DAYS = 366;
const DAY = 86_400_000;

const day = z.iso
  .date({ error: "date" satisfies ValidationKey })
  .refine((value) => value >= EARLIEST_DAY && value <= LATEST_DAY, { message: "dateOutOfRange" satisfies ValidationKey });

export const usageReportInput = z.object({
  from: day.optional().describe("First UTC day (YYYY-MM-DD); default: the first day of this month"),
  to: day.optional().describe("Last UTC day, included (YYYY-MM-DD); default: today"),
  groupBy: z.enum(["day", "agent", "model"]).default("day").describe("One line per UTC day, per agent, or per provider and model"),
});
export type UsageReportInput = z.input<typeof usageReportInput>;

const figures = {
  runs: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  modelCalls: z.number().int(),
  toolCalls: z.number().int(),
  costMicros: z.number().int().describe("Cost in millionths of the currency unit"),
};

export const usageReportDto = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    groupBy: z.enum(["day", "agent", "model"]),
    totals: z.object(figures),
    lines: z.array(
      z.object({
        day: z.iso.date().optional(),
        agentId: z.string().optional(),
        agentName: z.string().nullable().optional(),
        provider: z.string().nullable().optional(),
        model: z.string().nullable().optional(),
        ...figures,
      }),
    ),
  })
  .meta({ id: "UsageReport" });
export type UsageReport = z.infer<typeof usageReportDto>;

const dayStart = (value: string) => new Date(`${value}T00:00:00.000Z`);
const FIGURES = ["runs", "inputTokens", "outputTokens", "modelCalls", "toolCalls", "costMicros"] as const satisfies (keyof UsageFigures)[];
const add = (into: UsageFigures, line: UsageFigures) => {
  for (const key of FIGURES) into[key] += line[key];
};
const zero = (): UsageFigures => ({ runs: 0, inputTokens: 0, outputTokens: 0, modelCalls: 0, toolCalls: 0, costMicros: 0 });

function assertRange(from: string, to: string) {
  if (from > to) {
    const message = "The first day of the range is after its last day.";
    throw new ValidationError(message, { to: message }, "usage_range_reversed");
  }
  const days = (dayStart(to).getTime() - dayStart(from).getTime()) / DAY + 1;
  if (days > MAX_REPORT_DAYS) {
    const message = "A usage report covers at most 366 days: narrow the range.";
    throw new ValidationError(message, { to: message }, "usage_range_too_long");
  }
}

/**
 * The tenant's usage over whole UTC days, `from` through `to` included, with totals and one line
 * per day (every day, zeros too), per agent (with its name, archived agents included) or per
 * provider and model. Read from the roll-ups plus the not-yet-rolled tail, the same figures the
 * quotas and the billing page count.
 */
export async function usageReport(ctx: TenantContext, raw: UsageReportInput, now: Date = new Date()): Promise<UsageReport> {
  const input = usageReportInput.parse(raw);
  const from = input.from ?? quotaPeriod(now).start.toISOString().slice(0, 10);
  const to = input.to ?? now.toISOString().slice(0, 10);
  assertRange(from, to);
  const period = { from: dayStart(from), to: new Date(dayStart(to).getTime() + DAY) };
  const totals = zero();
  if (input.groupBy === "day") {
    const days = await readUsageByDay(ctx, period);
    for (const d of days) add(totals, d);
    return { from, to, groupBy: "day", totals, lines: days };
  }
  const usage = await readUsage(ctx, period);
  const groups = new Map<string, UsageFigures & { agentId?: string; provider?: string | null; model?: string | null }>();
  for (const line of usage.lines) {
    const key = input.groupBy === "agent" ? line.agentId : `${line.provider ?? ""}\u0000${line.model ?? ""}`;
    const group =
      groups.get(key) ??
      (input.groupBy === "agent" ? { agentId: line.agentId, ...zero() } : { provider: line.provider, model: line.model, ...zero() });
    add(group, line);
    groups.set(key, group);
  }
  add(totals, usage.totals);
  let lines = [...groups.values()];
  if (input.groupBy === "agent") {
    const ids = lines.map((l) => l.agentId!);
    const named = ids.length
      ? await ctx.tx
          .select({ id: agents.id, name: agents.name })
          .from(agents)
          .where(and(eq(agents.tenantId, ctx.tenant.id), inArray(agents.id, ids)))
      : [];
    const names = new Map(named.map((a) => [a.id, a.name]));
    lines = lines.map((l) => ({ ...l, agentName: names.get(l.agentId!) ?? null }));
  }
  lines.sort((a, b) => b.costMicros - a.costMicros || b.runs - a.runs);
  return { from, to, groupBy: input.groupBy, totals, lines };
}
