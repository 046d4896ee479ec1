import { z } from "zod";
import { deadLetterDto, listDeadLetters, listDeadLettersInput } from "../../events/dead-letter-list";
import { discardDeadLetter, retryDeadLetter } from "../../events/dead-letter-resolve";
import { chainEventDto, eventDto } from "../../events/event-dto";
import { getEvent } from "../../events/get-event";
import { listEvents, listEventsInput } from "../../events/list-events";
import { previewReplay, replayEvents, replayInput } from "../../events/replay-events";
import { runEventChain } from "../../events/run-event-chain";
import { createTRPCRouter, tenantProcedure } from "../init";

/** Event ids are ULIDs, but any short id is accepted: an id that is not one simply is not found (404, like another tenant's). */
const eventId = z.string().trim().min(1).max(64);

export const eventsRouter = createTRPCRouter({
  list: tenantProcedure
    .meta({
      permission: "event:read",
      openapi: { method: "GET", path: "/events", tags: ["events"], summary: "List events, newest first", protect: true },
    })
    .input(listEventsInput)
    .output(z.object({ items: z.array(eventDto), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listEvents(ctx.tenantCtx, input)),

  get: tenantProcedure
    .meta({
      permission: "event:read",
      openapi: {
        method: "GET",
        path: "/events/{id}",
        tags: ["events"],
        summary: "Get one event with its cause and effects",
        protect: true,
      },
    })
    .input(z.object({ id: eventId }))
    .output(eventDto.extend({ cause: eventDto.nullable(), caused: z.array(eventDto), causedMore: z.boolean() }))
    .query(({ ctx, input }) => getEvent(ctx.tenantCtx, input)),

  runChain: tenantProcedure
    .meta({
      permission: "event:read",
      openapi: { method: "GET", path: "/runs/{id}/events", tags: ["events"], summary: "A run's causal chain of events", protect: true },
    })
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ runId: z.uuid(), items: z.array(chainEventDto), truncated: z.boolean() }))
    .query(({ ctx, input }) => runEventChain(ctx.tenantCtx, input)),

  previewReplay: tenantProcedure
    .meta({ permission: "event:replay" })
    .input(replayInput)
    .output(
      z.object({
        count: z.number().int(),
        max: z.number().int(),
        tooMany: z.boolean(),
        byType: z.array(z.object({ type: z.string(), count: z.number().int() })),
      }),
    )
    .query(({ ctx, input }) => previewReplay(ctx.tenantCtx, input)),

  replay: tenantProcedure
    .meta({
      permission: "event:replay",
      openapi: {
        method: "POST",
        path: "/events/replay",
        tags: ["events"],
        summary: "Replay stored events by time range and type",
        protect: true,
      },
    })
    .input(replayInput)
    .output(z.object({ count: z.number().int(), correlationId: z.string() }))
    .mutation(({ ctx, input }) => replayEvents(ctx.tenantCtx, input)),

  deadLetters: tenantProcedure
    .meta({
      permission: "event:read",
      openapi: {
        method: "GET",
        path: "/dead-letters",
        tags: ["events"],
        summary: "List dead letters, newest failure first",
        protect: true,
      },
    })
    .input(listDeadLettersInput)
    .output(z.object({ items: z.array(deadLetterDto), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listDeadLetters(ctx.tenantCtx, input)),

  retryDeadLetter: tenantProcedure
    .meta({ permission: "event:replay" })
    .input(z.object({ id: z.uuid() }))
    .output(deadLetterDto)
    .mutation(({ ctx, input }) => retryDeadLetter(ctx.tenantCtx, input)),

  discardDeadLetter: tenantProcedure
    .meta({ permission: "event:replay" })
    .input(z.object({ id: z.uuid() }))
    .output(deadLetterDto)
    .mutation(({ ctx, input }) => discardDeadLetter(ctx.tenantCtx, input)),
});
