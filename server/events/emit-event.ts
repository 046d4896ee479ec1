import { actorOf } from "../audit/record-change";
import type { TenantContext } from "../request-context";
import { appendEvents } from "./append-event";
import type { DomainEventType, EventPayload } from "./catalogue";

/**
 * `emitEvent(ctx, "run.completed", payload)`: records a domain event (one that is not an audited
 * change) in the tenant's transaction. Audited changes need no call: `recordChange` writes their
 * event. Returns the event's id.
 */
export async function emitEvent<T extends DomainEventType>(
  ctx: Pick<TenantContext, "tx" | "tenant" | "principal" | "meta">,
  type: T,
  payload: EventPayload<T>,
): Promise<string> {
  const actor = actorOf(ctx.principal);
  const [id] = await appendEvents(ctx.tx, [
    { tenantId: ctx.tenant.id, type, payload, actor: { type: actor.type, id: actor.id }, meta: ctx.meta },
  ]);
  return id!;
}
