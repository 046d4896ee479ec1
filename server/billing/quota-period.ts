/**
 * The period quotas count in: the UTC calendar month. Every tenant's runs and tokens reset at the
 * same instant (00:00 UTC on the 1st), whatever their Stripe billing anchor: a quota is a promise
 * about the product, the invoice is Stripe's business (the billing page shows both periods).
 */
export type QuotaPeriod = { start: Date; end: Date };

export function quotaPeriod(now: Date = new Date()): QuotaPeriod {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, end };
}

/** The period of an API key's budget: the quota month, or the UTC day. */
export function budgetPeriod(kind: "day" | "month", now: Date = new Date()): QuotaPeriod {
  if (kind === "month") return quotaPeriod(now);
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { start, end: new Date(start.getTime() + 86_400_000) };
}
