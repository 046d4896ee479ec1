import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Scopes } from "@/db/scope";
import { meterReports, plans, subscriptions, tenants } from "@/db/schema";
import { METER_EVENT_NAME, isBillingConfigured, stripe } from "./config";

/** One run's metered usage, from its `usage.recorded` event. */
export type MeteredRun = { runId: string; tokens: number; occurredAt: Date };

const BILLED_STATUSES = ["active", "trialing", "past_due"] as const;

/**
 * Writes a meter_reports row per run (identifier `<tenant>:<run>`, value = the run's tokens) for a
 * tenant that pays through Stripe (a customer, a paid plan, a live subscription). The identifier is
 * unique per tenant, so a redelivered or replayed event adds nothing. Returns the rows written.
 */
export async function recordMeterUsage(scopes: Pick<Scopes, "withTenant">, tenantId: string, runs: MeteredRun[]): Promise<number> {
  if (!isBillingConfigured() || runs.length === 0) return 0;
  return scopes.withTenant(tenantId, async (tx) => {
    const [billed] = await tx
      .select({ customer: subscriptions.stripeCustomerId })
      .from(subscriptions)
      .innerJoin(tenants, eq(tenants.id, subscriptions.tenantId))
      .innerJoin(plans, eq(plans.id, tenants.planId))
      .where(
        and(eq(subscriptions.tenantId, tenantId), inArray(subscriptions.status, [...BILLED_STATUSES]), sql`${plans.priceMonthlyCents} > 0`),
      );
    if (!billed?.customer) return 0;
    const rows = runs
      .filter((run) => run.tokens > 0)
      .map((run) => ({
        tenantId,
        identifier: `${tenantId}:${run.runId}`,
        eventName: METER_EVENT_NAME,
        stripeCustomerId: billed.customer!,
        value: run.tokens,
        occurredAt: run.occurredAt,
      }));
    if (rows.length === 0) return 0;
    const inserted = await tx.insert(meterReports).values(rows).onConflictDoNothing().returning({ id: meterReports.id });
    return inserted.length;
  });
}

/** Stripe's answer to an identifier it has already counted: the report happened before. */
const alreadyCounted = (error: unknown) => (error as { code?: string }).code === "resource_already_exists";

/**
 * Sends the tenant's unreported meter rows to Stripe (`POST /v1/billing/meter_events`, the
 * identifier making a resend count once), in batches of `batch`, each call outside any
 * transaction. A row Stripe accepted is marked reported; one that failed keeps `reported_at` null
 * with its attempt count and error, and the call throws so the step is retried — a retry sends
 * only what is still unreported.
 */
export async function reportMeterUsage(scopes: Pick<Scopes, "withTenant">, tenantId: string, batch = 100) {
  if (!isBillingConfigured()) return { reported: 0, failed: 0 };
  const pending = await scopes.withTenant(tenantId, (tx) =>
    tx
      .select()
      .from(meterReports)
      .where(and(eq(meterReports.tenantId, tenantId), isNull(meterReports.reportedAt)))
      .orderBy(asc(meterReports.createdAt))
      .limit(batch),
  );
  const client = stripe();
  const done: string[] = [];
  const failed: { id: string; error: string }[] = [];
  for (const row of pending) {
    try {
      await client.billing.meterEvents.create({
        event_name: row.eventName,
        identifier: row.identifier,
        payload: { stripe_customer_id: row.stripeCustomerId, value: String(row.value) },
        timestamp: Math.floor(row.occurredAt.getTime() / 1000),
      });
      done.push(row.id);
    } catch (error) {
      if (alreadyCounted(error)) done.push(row.id);
      else failed.push({ id: row.id, error: ((error as Error).message ?? "error").slice(0, 300) });
    }
  }
  await scopes.withTenant(tenantId, async (tx) => {
    if (done.length) {
      await tx
        .update(meterReports)
        .set({ reportedAt: sql`now()`, attempts: sql`${meterReports.attempts} + 1`, lastError: null })
        .where(inArray(meterReports.id, done));
    }
    for (const f of failed) {
      await tx
        .update(meterReports)
        .set({ attempts: sql`${meterReports.attempts} + 1`, lastError: f.error })
        .where(eq(meterReports.id, f.id));
    }
  });
  if (failed.length) throw new Error(`${failed.length} meter event(s) not accepted by Stripe; will retry`);
  return { reported: done.length, failed: 0 };
}
