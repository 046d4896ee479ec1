import { and, eq, gte, like, lte, type SQL } from "drizzle-orm";
import { z } from "zod";
import { ACTOR_TYPES, events } from "@/db/schema";
import { boundedDate } from "../bounded-date";
import { ValidationError } from "../errors";
import type { ValidationKey } from "../i18n/server-messages";
import { keyset, keysetPage, pageInput } from "../pagination";
import type { TenantContext } from "../request-context";
import { toEventDto, type EventDto } from "./event-dto";
import { isEventTypeFilter } from "./event-types";

/** A type or a family prefix from the catalogue: anything else could only ever match nothing, so it is refused. */
export const eventTypeFilter = z
  .string()
  .trim()
  .max(80)
  .refine(isEventTypeFilter, { message: "unknownEventType" satisfies ValidationKey });

export const listEventsInput = z.object({
  type: eventTypeFilter.optional().describe("An event type (run.completed) or a family prefix (run.)"),
  correlationId: z.string().trim().min(1).max(200).optional(),
  actorType: z.enum(ACTOR_TYPES).optional(),
  actorId: z.string().trim().min(1).max(200).optional(),
  from: boundedDate.optional().describe("Events at or after this instant"),
  to: boundedDate.optional().describe("Events at or before this instant"),
  ...pageInput,
});

export type ListEventsInput = z.infer<typeof listEventsInput>;

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A reversed range can match nothing: say so instead of answering an empty page that looks like "no events". */
export function assertRange(from: Date | undefined, to: Date | undefined): void {
  if (from && to && from > to) {
    const message = "The start of the time range is after its end.";
    throw new ValidationError(message, { to: message }, "event_range_reversed");
  }
}

/** The type filter as SQL: a family prefix (`run.`) matches every type in it, a full type only itself. */
export function typeCondition(type: string): SQL {
  return type.endsWith(".") ? like(events.type, `${escapeLike(type)}%`) : eq(events.type, type);
}

/**
 * The tenant's event stream, newest first. Ids are ULIDs, so the id alone is a unique,
 * time-ordered key: the cursor is the last id seen, and a page neither skips nor repeats events
 * appended meanwhile.
 */
export async function listEvents(ctx: TenantContext, input: ListEventsInput): Promise<{ items: EventDto[]; nextCursor: string | null }> {
  assertRange(input.from, input.to);
  const page = keyset([{ expr: events.id, type: "text" }], "desc", input.cursor);
  const where: (SQL | undefined)[] = [
    eq(events.tenantId, ctx.tenant.id),
    input.type ? typeCondition(input.type) : undefined,
    input.correlationId ? eq(events.correlationId, input.correlationId) : undefined,
    input.actorType ? eq(events.actorType, input.actorType) : undefined,
    input.actorId ? eq(events.actorId, input.actorId) : undefined,
    input.from ? gte(events.occurredAt, input.from) : undefined,
    input.to ? lte(events.occurredAt, input.to) : undefined,
    page.where,
  ];
  const rows = await ctx.tx
    .select()
    .from(events)
    .where(and(...where))
    .orderBy(...page.orderBy)
    .limit(input.limit + 1);
  return keysetPage(rows, input.limit, toEventDto, (row) => [row.id]);
}
