import { z } from "zod";
import { policyOverrideSchema } from "../guard/policy";

const DETECTOR_IDS = ["injection", "pii", "secrets", "harmful", "canary", "anomaly"] as const;
const ACTIONS = ["allow", "flag", "redact", "block"] as const;

const detectorPolicyDto = z.object({ action: z.enum(ACTIONS), threshold: z.number() });
const guardPolicyDto = z.object(
  Object.fromEntries(DETECTOR_IDS.map((d) => [d, detectorPolicyDto])) as Record<(typeof DETECTOR_IDS)[number], typeof detectorPolicyDto>,
);

export const policyViewDto = z
  .object({
    override: policyOverrideSchema.describe("The organisation's overrides; a detector left out keeps the default"),
    effective: guardPolicyDto.describe("The overrides applied to the defaults: what the guard enforces"),
    defaults: guardPolicyDto,
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "GuardPolicy" });

export const findingDto = z.object({
  detector: z.enum(DETECTOR_IDS),
  type: z.string().describe("What was found, e.g. dan_template, credit_card, aws_access_key"),
  start: z.number().int().describe("UTF-16 offset of the finding in the scanned text"),
  end: z.number().int(),
  score: z.number(),
  severity: z.enum(["low", "medium", "high", "critical"]),
  reason: z.string().describe("Why, as a short code, e.g. instruction_override"),
});

export const verdictDto = z
  .object({
    action: z.enum(ACTIONS).describe("The strongest action among findings at or above their detector's threshold"),
    findings: z.array(findingDto),
    riskLevel: z.enum(["none", "low", "medium", "high", "critical"]),
    trustScore: z.number().describe("0–100; 100 means no concern"),
    components: z.object(
      Object.fromEntries(DETECTOR_IDS.map((d) => [d, z.number()])) as Record<(typeof DETECTOR_IDS)[number], z.ZodNumber>,
    ),
    redacted: z.string().describe("The text with redacted and blocked findings masked"),
    latencyMs: z.number(),
  })
  .meta({ id: "GuardVerdict" });
