import { z } from "zod";
import { incidentActivity } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import type { TenantContext } from "../request-context";
import { toActivityDto, type IncidentActivityDto } from "./dto";
import { findIncident } from "./get-incident";
import { authorOf } from "./report-finding";
import { commentText } from "./comment-text";

export const commentOnIncidentInput = z.object({ id: z.uuid(), body: commentText });

/** Adds a comment to the incident's timeline, audited (the text is personal data, kept outside the hash). */
export async function commentOnIncident(ctx: TenantContext, input: z.output<typeof commentOnIncidentInput>): Promise<IncidentActivityDto> {
  const { incident } = await findIncident(ctx, input.id);
  const [row] = await ctx.tx
    .insert(incidentActivity)
    .values({
      tenantId: ctx.tenant.id,
      incidentId: incident.id,
      kind: "comment",
      ...authorOf(ctx),
      body: input.body,
      createdAt: new Date(),
    })
    .returning();
  await recordChange(ctx, "incident.commented", {
    targetId: incident.id,
    facts: { activityId: row!.id, length: input.body.length },
    personal: { body: input.body },
  });
  return toActivityDto(
    row!,
    ctx.principal.type === "user" ? ctx.principal.email : ctx.principal.type === "api_key" ? ctx.principal.keyName : null,
  );
}
