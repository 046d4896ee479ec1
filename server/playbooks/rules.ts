import { z } from "zod";
import { PLAYBOOK_RULES, type PlaybookRule } from "@/db/schema";

export { PLAYBOOK_RULES, type PlaybookRule };

/** One rule: whether it acts, after how many matching events, within how many minutes. */
export type RuleSettings = { enabled: boolean; threshold: number; windowMinutes: number };
export type PlaybookSettings = Record<PlaybookRule, RuleSettings>;
export type PlaybookOverride = Partial<Record<PlaybookRule, Partial<RuleSettings>>>;

export const MAX_THRESHOLD = 1000;
export const MAX_WINDOW_MINUTES = 24 * 60;

/**
 * The defaults every tenant runs until it edits them (a tenant without a row is protected too):
 *
 * - notify_admins: every high or critical threat notifies, once per incident (threshold 1).
 * - quarantine_agent: 3 critical findings in an agent's OUTPUT within 10 minutes — the agent is
 *   leaking or has been turned; stop it until a person looks.
 * - suspend_api_key: 5 BLOCKED injection attempts through one API key within 10 minutes — a
 *   caller probing the guard; suspend the key (reversibly) rather than let it keep trying.
 * - tighten_policy: 5 flags of one detector on one agent within 30 minutes — the agent's policy
 *   for that detector moves from flag to block (the agent's own override; undo restores it).
 */
export const DEFAULT_PLAYBOOKS: PlaybookSettings = Object.freeze({
  notify_admins: Object.freeze({ enabled: true, threshold: 1, windowMinutes: 60 }),
  quarantine_agent: Object.freeze({ enabled: true, threshold: 3, windowMinutes: 10 }),
  suspend_api_key: Object.freeze({ enabled: true, threshold: 5, windowMinutes: 10 }),
  tighten_policy: Object.freeze({ enabled: true, threshold: 5, windowMinutes: 30 }),
}) as PlaybookSettings;

// Messages are keys of messages/<locale>/validation.json.
const threshold = z
  .number("playbookThreshold")
  .int("playbookThreshold")
  .min(1, "playbookThreshold")
  .max(MAX_THRESHOLD, "playbookThreshold")
  .describe("Matching events within the window that trigger the action (1 to 1,000)");
const windowMinutes = z
  .number("playbookWindow")
  .int("playbookWindow")
  .min(1, "playbookWindow")
  .max(MAX_WINDOW_MINUTES, "playbookWindow")
  .describe("The window, in minutes (1 to 1,440)");

export const ruleSettingsSchema = z.strictObject({ enabled: z.boolean(), threshold, windowMinutes });
const ruleOverrideSchema = z.strictObject({
  enabled: z.boolean().optional(),
  threshold: threshold.optional(),
  windowMinutes: windowMinutes.optional(),
});

export const playbookSettingsSchema = z.strictObject(
  Object.fromEntries(PLAYBOOK_RULES.map((r) => [r, ruleSettingsSchema])) as Record<PlaybookRule, typeof ruleSettingsSchema>,
);
export const playbookOverrideSchema = z.strictObject(
  Object.fromEntries(PLAYBOOK_RULES.map((r) => [r, ruleOverrideSchema.optional()])) as Record<
    PlaybookRule,
    z.ZodOptional<typeof ruleOverrideSchema>
  >,
);

/** The stored overrides over the defaults, field by field; anything malformed in storage falls back to the default. */
export function resolvePlaybooks(override: PlaybookOverride | null | undefined): PlaybookSettings {
  const resolved = {} as PlaybookSettings;
  for (const rule of PLAYBOOK_RULES) {
    const merged = { ...DEFAULT_PLAYBOOKS[rule] };
    const o = override?.[rule];
    if (typeof o?.enabled === "boolean") merged.enabled = o.enabled;
    if (ruleSettingsSchema.shape.threshold.safeParse(o?.threshold).success) merged.threshold = o!.threshold!;
    if (ruleSettingsSchema.shape.windowMinutes.safeParse(o?.windowMinutes).success) merged.windowMinutes = o!.windowMinutes!;
    resolved[rule] = merged;
  }
  return resolved;
}

/** What differs from the defaults: what is stored, so a later change of a default reaches tenants that never touched it. */
export function overrideOf(settings: PlaybookSettings): PlaybookOverride {
  const out: PlaybookOverride = {};
  for (const rule of PLAYBOOK_RULES) {
    const diff: Partial<RuleSettings> = {};
    for (const field of ["enabled", "threshold", "windowMinutes"] as const) {
      if (settings[rule][field] !== DEFAULT_PLAYBOOKS[rule][field]) (diff as Record<string, unknown>)[field] = settings[rule][field];
    }
    if (Object.keys(diff).length > 0) out[rule] = diff;
  }
  return out;
}
