import { and, eq, sql } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints, type WebhookDeliveryStatus } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import type { TenantContext } from "../request-context";
import { postWebhook, type PostOutcome } from "./network";
import { delayMs, isSuccess, RETRY_DELAYS, shouldDisable } from "./policy";
import { openSigningSecret, signedHeaders } from "./secret";

/** Runs work in the delivery's tenant, in one short transaction (the Inngest function passes `actForEvent`). */
export type InTenant = <R>(work: (ctx: TenantContext) => Promise<R>) => Promise<R>;

export type AttemptResult = { status: WebhookDeliveryStatus | "gone"; retry: boolean; responseStatus: number | null };

const USER_AGENT = "Agentry-Webhooks/1.0";
const clean = (text: string) => text.replace(/\u0000/g, "");

/**
 * Attempt number `attempt` (1-based) of a delivery: read it and its endpoint, sign and POST
 * outside any transaction, then record the outcome and the endpoint's health in a second one.
 * The secret never leaves this function (it is not a step output). Repeating an attempt that
 * was already recorded (a retried step) sends nothing again and returns what was recorded.
 */
export async function attemptDelivery(
  inTenant: InTenant,
  input: { deliveryId: string; attempt: number; maxAttempts: number; now?: () => Date },
): Promise<AttemptResult> {
  const now = input.now ?? (() => new Date());
  const loaded = await inTenant(async (ctx) => {
    const [row] = await ctx.tx
      .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
      .from(webhookDeliveries)
      .innerJoin(
        webhookEndpoints,
        and(eq(webhookEndpoints.tenantId, webhookDeliveries.tenantId), eq(webhookEndpoints.id, webhookDeliveries.endpointId)),
      )
      .where(and(eq(webhookDeliveries.tenantId, ctx.tenant.id), eq(webhookDeliveries.id, input.deliveryId)));
    if (!row) return { kind: "gone" as const };
    const { delivery, endpoint } = row;
    if (delivery.attempts >= input.attempt || delivery.status !== "pending") return { kind: "recorded" as const, delivery };
    if (endpoint.status !== "active") {
      await ctx.tx
        .update(webhookDeliveries)
        .set({ status: "failed", error: "The endpoint is disabled.", nextAttemptAt: null, completedAt: now() })
        .where(eq(webhookDeliveries.id, delivery.id));
      return { kind: "stopped" as const };
    }
    return { kind: "send" as const, delivery, url: endpoint.url, secret: openSigningSecret(endpoint) };
  });
  if (loaded.kind === "gone") return { status: "gone", retry: false, responseStatus: null };
  if (loaded.kind === "stopped") return { status: "failed", retry: false, responseStatus: null };
  if (loaded.kind === "recorded") {
    const { delivery } = loaded;
    return { status: delivery.status, retry: delivery.status === "pending", responseStatus: delivery.responseStatus };
  }

  const { delivery } = loaded;
  const sentAt = now();
  const headers = { ...signedHeaders(loaded.secret, delivery.messageId, delivery.requestBody, sentAt), "user-agent": USER_AGENT };
  const outcome: PostOutcome = await postWebhook(delivery.tenantId, loaded.url, headers, delivery.requestBody);
  const ok = outcome.kind === "response" && isSuccess(outcome.status);
  const last = input.attempt >= input.maxAttempts;
  const status: WebhookDeliveryStatus = ok ? "succeeded" : !last ? "pending" : delivery.kind === "event" ? "dead" : "failed";
  const finished = now();

  await inTenant(async (ctx) => {
    await ctx.tx
      .update(webhookDeliveries)
      .set({
        status,
        attempts: input.attempt,
        lastAttemptAt: sentAt,
        requestHeaders: { ...headers, "content-type": "application/json" },
        responseStatus: outcome.kind === "response" ? outcome.status : null,
        responseBody: outcome.kind === "response" ? clean(outcome.body) : null,
        latencyMs: outcome.latencyMs,
        error: ok ? null : outcome.kind === "response" ? `HTTP ${outcome.status}` : `${outcome.code}: ${outcome.message}`,
        nextAttemptAt: status === "pending" ? new Date(finished.getTime() + delayMs(RETRY_DELAYS[input.attempt - 1]!)) : null,
        completedAt: status === "pending" ? null : finished,
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    await recordHealth(ctx, delivery.endpointId, ok, finished);
  });
  return { status, retry: status === "pending", responseStatus: outcome.kind === "response" ? outcome.status : null };
}

/** The endpoint's failure streak after an attempt, and the switch-off when it has failed for long enough. */
async function recordHealth(ctx: TenantContext, endpointId: string, ok: boolean, at: Date): Promise<void> {
  if (ok) {
    await ctx.tx
      .update(webhookEndpoints)
      .set({ failureStreak: 0, failingSince: null, lastSuccessAt: at })
      .where(eq(webhookEndpoints.id, endpointId));
    return;
  }
  const [endpoint] = await ctx.tx
    .update(webhookEndpoints)
    .set({
      failureStreak: sql`${webhookEndpoints.failureStreak} + 1`,
      failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${at.toISOString()}::timestamptz)`,
    })
    .where(eq(webhookEndpoints.id, endpointId))
    .returning();
  if (!endpoint || endpoint.status !== "active" || !shouldDisable(endpoint.failureStreak, endpoint.failingSince, at)) return;
  await ctx.tx
    .update(webhookEndpoints)
    .set({ status: "disabled", disabledReason: "failures", disabledAt: at, updatedAt: at })
    .where(eq(webhookEndpoints.id, endpointId));
  await recordChange(ctx, "webhook.endpoint_disabled", {
    targetId: endpointId,
    facts: { reason: "failures", failureStreak: endpoint.failureStreak, failingSince: endpoint.failingSince?.toISOString() ?? null },
  });
}
