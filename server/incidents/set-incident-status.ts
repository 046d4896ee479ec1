import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { guardFeedback, INCIDENT_STATUSES, incidentActivity, incidents } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError } from "../errors";
import { actingMemberId, type TenantContext } from "../request-context";
import { asEvidence, type IncidentDto, toIncidentDto } from "./dto";
import { findIncident } from "./get-incident";
import { authorOf } from "./report-finding";
import { canMove } from "./transitions";
import { commentText } from "./comment-text";

export const setIncidentStatusInput = z.object({
  id: z.uuid(),
  status: z.enum(INCIDENT_STATUSES),
  comment: commentText.optional().describe("Why (kept on the incident's timeline)"),
});
export type SetIncidentStatusInput = z.output<typeof setIncidentStatusInput>;

/**
 * Moves an incident along its lifecycle (see transitions.ts), with an optional reason on the
 * timeline, audited. Marking a false positive also keeps the redacted evidence in
 * `guard_feedback`, for tuning the guard later. Moving to the status it already has is a 409.
 */
export async function setIncidentStatus(ctx: TenantContext, input: SetIncidentStatusInput): Promise<IncidentDto> {
  const { incident, ...names } = await findIncident(ctx, input.id, true);
  const from = incident.status;
  if (from === input.status) throw new ConflictError(`The incident is already ${from.replace("_", " ")}.`, "incident_status_unchanged");
  if (!canMove(from, input.status)) {
    throw new ConflictError(`An incident cannot go from ${from} to ${input.status}.`, "incident_status_transition", {
      from,
      to: input.status,
    });
  }
  const now = new Date();
  const actor = actingMemberId(ctx.principal);
  const closing = input.status === "resolved" || input.status === "false_positive";
  const [row] = await ctx.tx
    .update(incidents)
    .set({ status: input.status, updatedAt: now, resolvedAt: closing ? now : null, resolvedBy: closing ? actor : null })
    .where(and(eq(incidents.tenantId, ctx.tenant.id), eq(incidents.id, incident.id)))
    .returning();
  let feedbackId: string | undefined;
  if (input.status === "false_positive") {
    const evidence = asEvidence(incident.evidence);
    const [feedback] = await ctx.tx
      .insert(guardFeedback)
      .values({
        tenantId: ctx.tenant.id,
        incidentId: incident.id,
        detector: incident.detector,
        findingType: incident.findingType,
        verdict: "false_positive",
        evidence: { ...evidence, comment: input.comment ?? null },
        createdBy: actor,
      })
      .returning({ id: guardFeedback.id });
    feedbackId = feedback!.id;
  }
  await ctx.tx.insert(incidentActivity).values({
    tenantId: ctx.tenant.id,
    incidentId: incident.id,
    kind: "status",
    ...authorOf(ctx),
    body: input.comment ?? null,
    detail: { from, to: input.status },
    createdAt: now,
  });
  await recordChange(ctx, "incident.status_changed", {
    targetId: incident.id,
    facts: { status: { from, to: input.status }, commented: Boolean(input.comment), ...(feedbackId ? { feedbackId } : {}) },
    personal: { comment: input.comment ?? null },
  });
  return toIncidentDto(row!, names);
}

/** Marking a false positive: the status change that also feeds the guard's tuning set. */
export function markFalsePositive(ctx: TenantContext, input: { id: string; comment?: string }) {
  return setIncidentStatus(ctx, { ...input, status: "false_positive" });
}
