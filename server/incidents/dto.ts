import { z } from "zod";
import { INCIDENT_ACTIVITY_KINDS, INCIDENT_STATUSES, RISK_LEVELS, type Incident, type IncidentActivity } from "@/db/schema";
import type { IncidentEvidence } from "./evidence";

const DETECTOR_IDS = ["injection", "pii", "secrets", "harmful", "canary", "anomaly"] as const;
const SEVERITIES = ["low", "medium", "high", "critical"] as const;

export const evidenceFindingDto = z.object({
  detector: z.enum(DETECTOR_IDS),
  type: z.string(),
  start: z.number().int().nullable().describe("UTF-16 offset into the excerpt; null when outside it"),
  end: z.number().int().nullable(),
  score: z.number(),
  severity: z.enum(SEVERITIES),
  reason: z.string(),
});

export const incidentEvidenceDto = z
  .object({
    excerpt: z.string().nullable().describe("Redacted text around the findings (at most 2,048 characters)"),
    truncatedBefore: z.boolean(),
    truncatedAfter: z.boolean(),
    direction: z.enum(["input", "output"]),
    action: z.enum(["allow", "flag", "redact", "block"]),
    riskLevel: z.enum(RISK_LEVELS),
    trustScore: z.number(),
    findings: z.array(evidenceFindingDto),
  })
  .meta({ id: "IncidentEvidence" });

export const incidentDto = z
  .object({
    id: z.uuid(),
    title: z.string().describe("A catalogue key, `<detector>.<type>`"),
    detector: z.string(),
    findingType: z.string(),
    severity: z.enum(RISK_LEVELS),
    status: z.enum(INCIDENT_STATUSES),
    direction: z.string(),
    action: z.string(),
    agentId: z.uuid().nullable(),
    agentName: z.string().nullable(),
    apiKeyId: z.uuid().nullable(),
    apiKeyName: z.string().nullable(),
    userId: z.uuid().nullable(),
    userEmail: z.string().nullable(),
    firstRunId: z.uuid().nullable(),
    lastRunId: z.uuid().nullable(),
    occurrences: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    resolvedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Incident" });

export const incidentActivityDto = z
  .object({
    id: z.uuid(),
    kind: z.enum(INCIDENT_ACTIVITY_KINDS),
    runId: z.uuid().nullable(),
    authorType: z.string().nullable(),
    authorId: z.string().nullable(),
    authorLabel: z.string().nullable(),
    body: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "IncidentActivity" });

export const incidentDetailDto = incidentDto
  .extend({ evidence: incidentEvidenceDto, activity: z.array(incidentActivityDto) })
  .meta({ id: "IncidentDetail" });

export type IncidentDto = z.infer<typeof incidentDto>;
export type IncidentDetailDto = z.infer<typeof incidentDetailDto>;
export type IncidentActivityDto = z.infer<typeof incidentActivityDto>;

export type IncidentNames = { agentName: string | null; apiKeyName: string | null; userEmail: string | null };

export function toIncidentDto(row: Incident, names: IncidentNames): IncidentDto {
  return {
    id: row.id,
    title: row.title,
    detector: row.detector,
    findingType: row.findingType,
    severity: row.severity,
    status: row.status,
    direction: row.direction,
    action: row.action,
    agentId: row.agentId,
    agentName: names.agentName,
    apiKeyId: row.apiKeyId,
    apiKeyName: names.apiKeyName,
    userId: row.userId,
    userEmail: names.userEmail,
    firstRunId: row.firstRunId,
    lastRunId: row.lastRunId,
    occurrences: row.occurrences,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

export function toActivityDto(row: IncidentActivity, authorLabel: string | null): IncidentActivityDto {
  return {
    id: row.id,
    kind: row.kind,
    runId: row.runId,
    authorType: row.authorType,
    authorId: row.authorId,
    authorLabel,
    body: row.body,
    detail: row.detail ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export const asEvidence = (value: Record<string, unknown>) => value as unknown as IncidentEvidence;
