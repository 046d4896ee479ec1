import { asc, eq } from "drizzle-orm";
import Stripe from "stripe";
import type { Database } from "@/db";
import { plans } from "@/db/schema";
import { METERED_PRICE_LOOKUP_KEY, METER_EVENT_NAME, priceLookupKey } from "./keys";

/**
 * The metered price per token, in cents (a decimal string, as Stripe takes it): $2 per million
 * tokens. Changing it makes the sync create a new metered price (prices are immutable).
 */
export const TOKEN_UNIT_AMOUNT_DECIMAL = "0.0002";
const TOKENS_PRODUCT_ID = "agentry_tokens";
const productIdOf = (planId: string) => `agentry_plan_${planId}`;

export type SyncReport = { created: string[]; updated: string[]; unchanged: string[] };

const isMissing = (error: unknown) => (error as { code?: string }).code === "resource_missing";

/** The product with our fixed id (so re-running finds it), created or renamed as the catalogue says. */
async function ensureProduct(client: Stripe, id: string, name: string, metadata: Record<string, string>, report: SyncReport) {
  const existing = await client.products.retrieve(id).catch((error: unknown) => (isMissing(error) ? null : Promise.reject(error)));
  if (!existing) {
    await client.products.create({ id, name, metadata });
    report.created.push(`product ${id}`);
  } else if (existing.name !== name || !existing.active) {
    await client.products.update(id, { name, active: true });
    report.updated.push(`product ${id}`);
  } else report.unchanged.push(`product ${id}`);
  return id;
}

/**
 * The price under `lookupKey` if it still says what we sell, else a new one that takes the lookup
 * key over (`transfer_lookup_key`) with the old one deactivated: Stripe's prices are immutable, and
 * the lookup key is how every process (Checkout, this command) finds the current one.
 */
async function ensurePrice(
  client: Stripe,
  lookupKey: string,
  wanted: Omit<Stripe.PriceCreateParams, "lookup_key" | "transfer_lookup_key">,
  matches: (price: Stripe.Price) => boolean,
  report: SyncReport,
): Promise<Stripe.Price> {
  const [current] = (await client.prices.list({ lookup_keys: [lookupKey], limit: 1 })).data;
  if (current && current.active && matches(current)) {
    report.unchanged.push(`price ${lookupKey}`);
    return current;
  }
  const price = await client.prices.create({ ...wanted, lookup_key: lookupKey, transfer_lookup_key: true });
  if (current?.active) await client.prices.update(current.id, { active: false });
  report[current ? "updated" : "created"].push(`price ${lookupKey}`);
  return price;
}

/**
 * `npm run stripe:sync`: makes Stripe match the plan catalogue — a product and a monthly price per
 * paid plan (lookup key `agentry_<plan>_monthly`), the billing meter `agentry_tokens` and its
 * metered price — and writes each plan's product and price ids back. Idempotent: a second run finds
 * everything by its fixed product id, lookup key and meter event name, and changes nothing.
 * `owner` is the migration role's connection: the runtime roles may not write the catalogue.
 */
export async function syncCatalogue(client: Stripe, owner: Database): Promise<SyncReport> {
  const report: SyncReport = { created: [], updated: [], unchanged: [] };
  const catalogue = await owner.select().from(plans).orderBy(asc(plans.sortOrder));
  for (const plan of catalogue.filter((p) => p.priceMonthlyCents > 0)) {
    const product = await ensureProduct(client, productIdOf(plan.id), `Agentry ${plan.name}`, { planId: plan.id }, report);
    const price = await ensurePrice(
      client,
      priceLookupKey(plan.id),
      {
        product,
        currency: plan.currency,
        unit_amount: plan.priceMonthlyCents,
        recurring: { interval: "month" },
        metadata: { planId: plan.id },
      },
      (p) =>
        p.product === product &&
        p.unit_amount === plan.priceMonthlyCents &&
        p.currency === plan.currency &&
        p.recurring?.interval === "month",
      report,
    );
    if (plan.stripeProductId !== product || plan.stripePriceId !== price.id) {
      await owner.update(plans).set({ stripeProductId: product, stripePriceId: price.id }).where(eq(plans.id, plan.id));
      report.updated.push(`plan ${plan.id}`);
    }
  }
  const meters = await client.billing.meters.list({ status: "active", limit: 100 });
  let meter = meters.data.find((m) => m.event_name === METER_EVENT_NAME);
  if (!meter) {
    meter = await client.billing.meters.create({
      display_name: "Agentry tokens",
      event_name: METER_EVENT_NAME,
      default_aggregation: { formula: "sum" },
      customer_mapping: { event_payload_key: "stripe_customer_id", type: "by_id" },
      value_settings: { event_payload_key: "value" },
    });
    report.created.push(`meter ${METER_EVENT_NAME}`);
  } else report.unchanged.push(`meter ${METER_EVENT_NAME}`);
  const tokens = await ensureProduct(client, TOKENS_PRODUCT_ID, "Agentry tokens", { meter: METER_EVENT_NAME }, report);
  const meterId = meter.id;
  await ensurePrice(
    client,
    METERED_PRICE_LOOKUP_KEY,
    {
      product: tokens,
      currency: "usd",
      unit_amount_decimal: Stripe.Decimal.from(TOKEN_UNIT_AMOUNT_DECIMAL),
      recurring: { interval: "month", usage_type: "metered", meter: meterId },
    },
    // The SDK hands decimals back as its Decimal type: compare their values.
    (p) =>
      p.product === tokens && Number(String(p.unit_amount_decimal)) === Number(TOKEN_UNIT_AMOUNT_DECIMAL) && p.recurring?.meter === meterId,
    report,
  );
  return report;
}
