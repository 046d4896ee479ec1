import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { incidentActivity, incidents } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { emitEvent } from "../events/emit-event";
import type { Direction, Finding, Verdict } from "../guard/types";
import type { TenantContext } from "../request-context";
import { buildEvidence } from "./evidence";
import { incidentFingerprint, JOIN_WINDOW_MS } from "./fingerprint";
import { rankOf, worse } from "./severity";
import { incidentTitleKey } from "./title";

export type ReportGuardFindingsInput = {
  runId: string | null;
  agentId: string | null;
  apiKeyId: string | null;
  userId: string | null;
  direction: Direction;
  verdict: Verdict;
  /** The text the verdict was about, ALREADY redacted (`verdict.redacted`). */
  evidence: string;
  /**
   * Optional: the original text the verdict's offsets point into. When given, the evidence is
   * built from it with only personal data, secrets and canaries masked (whatever the policy
   * did), so a blocked injection stays readable for review. Never stored as given.
   */
  text?: string;
};

/** The finding an incident is about: the most severe, then the most certain. */
function primaryFinding(findings: readonly Finding[]): Finding {
  return findings.reduce((best, f) =>
    rankOf(f.severity) > rankOf(best.severity) || (f.severity === best.severity && f.score > best.score) ? f : best,
  );
}

/**
 * A flagged, redacted or blocked verdict opens an incident, or joins the open (or acknowledged)
 * one with the same fingerprint seen in the last 24 hours: severity becomes the worse of the two,
 * the count goes up, the run is remembered, and the occurrence is added to the timeline. Opening
 * is audited; occurrences are not (an attack wave would flood the chain) — they are the timeline.
 *
 * Two runs reporting the same fingerprint at once must not open two incidents: a transaction-level
 * advisory lock on (tenant, fingerprint) serialises them, so the second sees the first's row. Call
 * this in a short transaction of its own (never while waiting on a model): the lock and the
 * audit lock are held until commit.
 *
 * Returns null when there is nothing to report (the verdict allowed the text, or found nothing).
 */
export async function reportGuardFindings(
  ctx: TenantContext,
  input: ReportGuardFindingsInput,
): Promise<{ incidentId: string; joined: boolean } | null> {
  const { verdict } = input;
  if (verdict.action === "allow" || verdict.findings.length === 0) return null;
  const primary = primaryFinding(verdict.findings);
  const severity = verdict.findings.reduce((s, f) => worse(s, f.severity), primary.severity);
  const fingerprint = incidentFingerprint({ detector: primary.detector, findingType: primary.type, ...input });
  const evidence = buildEvidence(input);
  const now = new Date();

  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${ctx.tenant.id}/${fingerprint}`}, 6006))`);
  const [open] = await ctx.tx
    .select({ id: incidents.id, severity: incidents.severity })
    .from(incidents)
    .where(
      and(
        eq(incidents.tenantId, ctx.tenant.id),
        eq(incidents.fingerprint, fingerprint),
        inArray(incidents.status, ["open", "acknowledged"]),
        gt(incidents.lastSeenAt, new Date(now.getTime() - JOIN_WINDOW_MS)),
      ),
    )
    .orderBy(desc(incidents.lastSeenAt))
    .limit(1)
    .for("update");

  if (open) {
    await ctx.tx
      .update(incidents)
      .set({
        severity: worse(open.severity, severity),
        occurrences: sql`${incidents.occurrences} + 1`,
        ...(input.runId ? { lastRunId: input.runId } : {}),
        lastSeenAt: now,
        updatedAt: now,
        // The newest evidence: what the reviewer most likely needs to see.
        evidence,
      })
      .where(and(eq(incidents.tenantId, ctx.tenant.id), eq(incidents.id, open.id)));
    await ctx.tx.insert(incidentActivity).values({
      tenantId: ctx.tenant.id,
      incidentId: open.id,
      kind: "occurrence",
      runId: input.runId,
      ...authorOf(ctx),
      detail: { severity, action: verdict.action, direction: input.direction, evidence },
    });
    await emitEvent(ctx, "incident.updated", {
      incidentId: open.id,
      occurrence: true,
      severity: worse(open.severity, severity),
      runId: input.runId,
    });
    await emitThreat(ctx, input, { incidentId: open.id, joined: true, severity, detector: primary.detector, findingType: primary.type });
    return { incidentId: open.id, joined: true };
  }

  const [row] = await ctx.tx
    .insert(incidents)
    .values({
      tenantId: ctx.tenant.id,
      title: incidentTitleKey(primary.detector, primary.type),
      detector: primary.detector,
      findingType: primary.type,
      severity,
      direction: input.direction,
      action: verdict.action,
      fingerprint,
      agentId: input.agentId,
      apiKeyId: input.apiKeyId,
      userId: input.userId,
      firstRunId: input.runId,
      lastRunId: input.runId,
      evidence,
      createdAt: now,
      updatedAt: now,
      lastSeenAt: now,
    })
    .returning({ id: incidents.id });
  await ctx.tx.insert(incidentActivity).values({
    tenantId: ctx.tenant.id,
    incidentId: row!.id,
    kind: "opened",
    runId: input.runId,
    ...authorOf(ctx),
    detail: { severity, action: verdict.action, direction: input.direction, evidence },
  });
  await recordChange(ctx, "incident.opened", {
    targetId: row!.id,
    facts: {
      detector: primary.detector,
      findingType: primary.type,
      severity,
      action: verdict.action,
      direction: input.direction,
      agentId: input.agentId,
      apiKeyId: input.apiKeyId,
      runId: input.runId,
    },
  });
  await emitThreat(ctx, input, { incidentId: row!.id, joined: false, severity, detector: primary.detector, findingType: primary.type });
  return { incidentId: row!.id, joined: false };
}

/** `guard.threat_detected`: one per reported verdict, opened or joined — what the playbooks count. */
function emitThreat(
  ctx: TenantContext,
  input: ReportGuardFindingsInput,
  found: { incidentId: string; joined: boolean; severity: Finding["severity"]; detector: string; findingType: string },
) {
  return emitEvent(ctx, "guard.threat_detected", {
    ...found,
    runId: input.runId,
    agentId: input.agentId,
    apiKeyId: input.apiKeyId,
    direction: input.direction,
    action: input.verdict.action as "flag" | "redact" | "block",
    findings: input.verdict.findings.length,
  });
}

/** Who caused the activity, as the timeline shows it. */
export function authorOf(ctx: Pick<TenantContext, "principal">): { authorType: string; authorId: string | null } {
  const p = ctx.principal;
  switch (p.type) {
    case "user":
      return { authorType: "user", authorId: p.userId };
    case "api_key":
      return { authorType: "api_key", authorId: p.keyId };
    case "system":
      return { authorType: "system", authorId: p.job };
    case "platform":
      return { authorType: "platform", authorId: p.operatorId };
  }
}
