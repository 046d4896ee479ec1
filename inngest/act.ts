import { scopes } from "@/db";
import { env } from "@/server/env";
import type { EventType } from "@/server/events/catalogue";
import type { DomainContext, RequestMeta, TenantContext } from "@/server/request-context";
import type { Permission } from "@/server/tenancy/permissions";
import { actInTenant } from "@/server/tenancy/tenant-context";
import type { EventEnvelope } from "./events";

type TriggerEvent<T extends EventType = EventType> = { id?: string; data: EventEnvelope<T> };

/**
 * The lineage a function's own changes carry: the trigger's correlation goes on, and the trigger
 * is their cause — so the event explorer can walk from a request to everything it set off.
 */
export function metaForEvent(event: TriggerEvent, runId: string): RequestMeta {
  return {
    requestId: `inngest:${runId}`,
    ip: null,
    userAgent: null,
    correlationId: event.data.correlationId,
    ...(event.id ? { causationId: event.id } : {}),
    ...(event.data.traceId ? { traceId: event.data.traceId } : {}),
  };
}

export function systemDeps(meta: RequestMeta): DomainContext {
  return { scopes, meta, appUrl: (env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "") };
}

/**
 * Runs `work` in the event's tenant as the installation (`job` is the audit actor), in one
 * transaction: what it records is attributed to the job and caused by the event. In a suspended
 * organisation it is refused (`tenant_suspended`: the function holds, inngest/hold.ts) unless the
 * job keeps the platform's books and says so (`runsWhileSuspended`).
 */
export function actForEvent<R>(
  event: TriggerEvent,
  runId: string,
  job: string,
  permission: Permission,
  work: (ctx: TenantContext) => Promise<R>,
  options: { runsWhileSuspended?: true } = {},
): Promise<R> {
  const deps = systemDeps(metaForEvent(event, runId));
  return actInTenant(deps, { kind: "system", tenantId: event.data.tenantId, job, ...options }, { permission }, work);
}
