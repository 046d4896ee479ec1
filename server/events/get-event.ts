import { and, asc, eq } from "drizzle-orm";
import { events } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { toEventDto, type EventDto } from "./event-dto";

/** How many events the detail lists under "caused" (a fan-out beyond is rare; the chain page shows all). */
export const CAUSED_LIMIT = 100;

export type EventDetailDto = EventDto & { cause: EventDto | null; caused: EventDto[]; causedMore: boolean };

/** Fetch-or-throw: another tenant's id and a missing one are the same 404. */
export async function findEvent(ctx: TenantContext, id: string) {
  const [row] = await ctx.tx
    .select()
    .from(events)
    .where(and(eq(events.tenantId, ctx.tenant.id), eq(events.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("Event", "event_not_found");
  return row;
}

/**
 * One event with its lineage resolved: the event that caused it (when it is in this tenant's
 * stream — a cause may have been purged, or be an id from outside) and the events it caused.
 */
export async function getEvent(ctx: TenantContext, { id }: { id: string }): Promise<EventDetailDto> {
  const row = await findEvent(ctx, id);
  const [cause] = row.causationId
    ? await ctx.tx
        .select()
        .from(events)
        .where(and(eq(events.tenantId, ctx.tenant.id), eq(events.id, row.causationId)))
        .limit(1)
    : [];
  const caused = await ctx.tx
    .select()
    .from(events)
    .where(and(eq(events.tenantId, ctx.tenant.id), eq(events.causationId, row.id)))
    .orderBy(asc(events.id))
    .limit(CAUSED_LIMIT + 1);
  return {
    ...toEventDto(row),
    cause: cause ? toEventDto(cause) : null,
    caused: caused.slice(0, CAUSED_LIMIT).map(toEventDto),
    causedMore: caused.length > CAUSED_LIMIT,
  };
}
