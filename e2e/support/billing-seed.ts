/**
 * Billing and usage seeding for the e2e suites: agents, `usage.recorded` events through the real
 * outbox writer (the tail the usage readers count until the roll-up folds it in, after which the
 * figures are the same), a subscription and invoices as the Stripe processor would have stored them.
 */
import { randomUUID } from "node:crypto";
import { appendEvents } from "@/server/events/append-event";
import type { Seeder } from "./seed";

export async function seedAgent(seed: Seeder, tenantId: string, name: string, archived = false) {
  const id = randomUUID();
  await seed.ownerSql("insert into agents (id, tenant_id, name, canary, archived_at) values ($1, $2, $3, $4, $5)", [
    id,
    tenantId,
    name,
    `canary-${id.slice(0, 8)}`,
    archived ? new Date().toISOString() : null,
  ]);
  return id;
}

export type SeedUsage = { agentId: string; inputTokens: number; outputTokens: number; costMicros: number; model?: string; at?: Date };

export async function seedUsage(seed: Seeder, tenantId: string, runs: SeedUsage[]) {
  const ids = await seed.db.scopes.withTenant(tenantId, (tx) =>
    appendEvents(
      tx,
      runs.map((r) => ({
        tenantId,
        type: "usage.recorded",
        payload: {
          runId: randomUUID(),
          agentId: r.agentId,
          apiKeyId: null,
          provider: "openai",
          model: r.model ?? "gpt-4o-mini",
          inputTokens: r.inputTokens,
          outputTokens: r.outputTokens,
          modelCalls: 1,
          toolCalls: 0,
          costMicros: r.costMicros,
        },
        actor: { type: "system", id: "e2e" },
        meta: { requestId: `e2e-${randomUUID()}` },
      })),
    ),
  );
  for (const [i, r] of runs.entries()) {
    if (r.at) await seed.ownerSql("update events set occurred_at = $1 where id = $2", [r.at.toISOString(), ids[i]]);
  }
  return ids;
}

/** Stripe said the last payment failed: the tenant is past due, with a grace period. */
export async function seedPastDue(seed: Seeder, tenantId: string, failedAt: Date, graceUntil: Date) {
  await seed.ownerSql(
    `insert into subscriptions (tenant_id, stripe_customer_id, plan_id, status, payment_failed_at, grace_until)
     values ($1, $2, 'pro', 'past_due', $3, $4)`,
    [tenantId, `cus_${randomUUID().slice(0, 12)}`, failedAt.toISOString(), graceUntil.toISOString()],
  );
}

export async function seedInvoice(
  seed: Seeder,
  tenantId: string,
  invoice: { number: string; url: string; amount: number; issuedAt: Date },
) {
  await seed.ownerSql(
    `insert into invoices (tenant_id, stripe_invoice_id, number, status, currency, amount_due, amount_paid, hosted_invoice_url, invoice_pdf, issued_at)
     values ($1, $2, $3, 'paid', 'usd', $4, $4, $5, null, $6)`,
    [tenantId, `in_${randomUUID().slice(0, 12)}`, invoice.number, invoice.amount, invoice.url, invoice.issuedAt.toISOString()],
  );
}
