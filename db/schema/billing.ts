import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, smallint, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { plans } from "./plans";
import { tenants } from "./tenancy";
import { platformAccessPolicy, tenantIdColumn, tenantIsolationPolicies } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

/** Stripe's subscription statuses, plus `none`: a customer exists (Checkout started) but no subscription yet. */
export const SUBSCRIPTION_STATUSES = [
  "none",
  "incomplete",
  "incomplete_expired",
  "trialing",
  "active",
  "past_due",
  "canceled",
  "unpaid",
  "paused",
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/**
 * The tenant's billing truth, readable without calling Stripe: one row per tenant, written by the
 * Stripe webhook processor (and by Checkout, which creates the customer). `tenants.plan_id` is what
 * quotas read; this row says why (which subscription, which period, whether payment failed).
 *
 * `stripe_event_at` is the `created` time of the newest Stripe event applied: an older event
 * delivered late (Stripe does not order deliveries) changes nothing.
 */
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    stripeCustomerId: text(),
    stripeSubscriptionId: text(),
    /** The plan the subscription pays for (the catalogue's id), or null with no subscription. */
    planId: text().references(() => plans.id),
    status: text({ enum: SUBSCRIPTION_STATUSES }).notNull().default("none"),
    currentPeriodStart: timestamptz(),
    currentPeriodEnd: timestamptz(),
    cancelAtPeriodEnd: boolean().notNull().default(false),
    /** Dunning: when the last payment failed, and until when the paid plan is kept before the downgrade to Free. */
    paymentFailedAt: timestamptz(),
    graceUntil: timestamptz(),
    stripeEventAt: timestamptz(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("subscriptions_tenant_key").on(t.tenantId),
    unique("subscriptions_tenant_id_key").on(t.tenantId, t.id),
    // A webhook names a customer or a subscription, and the processor (platform path) finds its
    // tenant by it. Plain indexes: a global unique on a tenant table would tell one tenant, by a
    // 23505, that a value exists in another (the isolation suite forbids it); Stripe's ids are
    // unique already, and only the processor writes them.
    index("subscriptions_customer_idx").on(t.stripeCustomerId),
    index("subscriptions_subscription_idx").on(t.stripeSubscriptionId),
    check(
      "subscriptions_status_check",
      sql`${t.status} in ('none', 'incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused')`,
    ),
    ...tenantIsolationPolicies("subscriptions"),
  ],
);

/** Invoices as Stripe reported them (`invoice.*` webhooks): the billing page lists these, never Stripe live. Amounts in the currency's minor unit. */
export const invoices = pgTable(
  "invoices",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    stripeInvoiceId: text().notNull(),
    number: text(),
    status: text().notNull(),
    currency: text().notNull(),
    amountDue: bigint({ mode: "number" }).notNull(),
    amountPaid: bigint({ mode: "number" }).notNull(),
    hostedInvoiceUrl: text(),
    invoicePdf: text(),
    periodStart: timestamptz(),
    periodEnd: timestamptz(),
    issuedAt: timestamptz().notNull(),
    stripeEventAt: timestamptz(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("invoices_tenant_id_key").on(t.tenantId, t.id),
    unique("invoices_tenant_stripe_key").on(t.tenantId, t.stripeInvoiceId),
    index("invoices_tenant_issued_idx").on(t.tenantId, t.issuedAt),
    ...tenantIsolationPolicies("invoices"),
  ],
);

/**
 * Every Stripe webhook event received, verified, once: the primary key is Stripe's event id, so a
 * redelivery inserts nothing and is acknowledged without being processed again. Platform-only (the
 * customer may be unknown; the tenant is found while processing). `outcome` says what processing did.
 */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text().primaryKey(),
    type: text().notNull(),
    /** Stripe's `created` (seconds, as a time): the order events are applied in. */
    stripeCreatedAt: timestamptz().notNull(),
    livemode: boolean().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamptz().notNull().defaultNow(),
    processedAt: timestamptz(),
    /** `applied`, `ignored_stale`, `ignored_unknown_customer`, `ignored_type`, `failed: <message>`. */
    outcome: text(),
    /** The tenant it turned out to concern, once known (for operators, not isolation). */
    concernsTenantId: uuid(),
  },
  (t) => [
    index("stripe_events_unprocessed_idx")
      .on(t.receivedAt)
      .where(sql`processed_at is null`),
    platformAccessPolicy("stripe_events"),
  ],
);

/**
 * Usage reported to Stripe's billing meter: one row per unit reported (a run's tokens), whose
 * `identifier` (`<tenant id>:<run id>`) is Stripe's idempotency identifier for the meter event, so a report retried after a
 * timeout is counted once by Stripe too. Written when a run's usage is recorded; sent in batches.
 */
export const meterReports = pgTable(
  "meter_reports",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    identifier: text().notNull(),
    eventName: text().notNull(),
    stripeCustomerId: text().notNull(),
    value: bigint({ mode: "number" }).notNull(),
    occurredAt: timestamptz().notNull(),
    reportedAt: timestamptz(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("meter_reports_tenant_identifier_key").on(t.tenantId, t.identifier),
    index("meter_reports_pending_idx")
      .on(t.createdAt)
      .where(sql`reported_at is null`),
    ...tenantIsolationPolicies("meter_reports"),
  ],
);

export const QUOTA_METRICS = ["runs", "tokens", "agents", "seats"] as const;
export type QuotaMetric = (typeof QUOTA_METRICS)[number];

/**
 * Soft warnings sent: at most one per (metric, period, threshold), so the 80 % notice is sent once
 * a month however many runs cross it at the same time (the unique key settles the race).
 */
export const quotaNotices = pgTable(
  "quota_notices",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    metric: text({ enum: QUOTA_METRICS }).notNull(),
    periodStart: timestamptz().notNull(),
    /** Percent of the limit: 80 or 100. */
    threshold: smallint().notNull(),
    limit: bigint({ mode: "number" }).notNull(),
    used: bigint({ mode: "number" }).notNull(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("quota_notices_once_key").on(t.tenantId, t.metric, t.periodStart, t.threshold),
    check("quota_notices_threshold_check", sql`${t.threshold} in (80, 100)`),
    ...tenantIsolationPolicies("quota_notices"),
  ],
);

/**
 * A platform operator's read-only look into a tenant's portal: time-boxed, with the reason they
 * typed. Platform-only (the tenant's own audit log records it too, through recordChange).
 */
export const impersonations = pgTable(
  "impersonations",
  {
    id: uuid().primaryKey().defaultRandom(),
    operatorId: uuid()
      .notNull()
      .references(() => users.id),
    /** Named so the isolation suite does not take it for a tenant table: the wall here is the platform role. */
    targetTenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    reason: text().notNull(),
    startedAt: timestamptz().notNull().defaultNow(),
    expiresAt: timestamptz().notNull(),
    endedAt: timestamptz(),
  },
  (t) => [index("impersonations_operator_idx").on(t.operatorId, t.startedAt), platformAccessPolicy("impersonations")],
);

export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type InvoiceRow = typeof invoices.$inferSelect;
export type StripeEventRow = typeof stripeEvents.$inferSelect;
export type MeterReportRow = typeof meterReports.$inferSelect;
export type ImpersonationRow = typeof impersonations.$inferSelect;
