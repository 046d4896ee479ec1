import { sql, type SQL } from "drizzle-orm";
import type { EventPayload } from "../events/catalogue";
import type { PlaybookRule } from "./rules";

export type ThreatPayload = EventPayload<"guard.threat_detected">;

/** What a rule acts on, and which earlier threats count towards its threshold (a condition on `events.payload`). */
export type RuleMatch = { targetType: "incident" | "agent" | "api_key"; targetId: string; counts: SQL; detector?: string };

const p = (field: string) => sql`(payload ->> ${field})`;

/**
 * Whether a threat concerns a rule at all, and if so its target and what else counts with it.
 * The same test decides for the event in hand and, as SQL, for the window's earlier events:
 *
 * - notify_admins: a high or critical threat, per incident;
 * - quarantine_agent: a critical finding in an agent's output, per agent;
 * - suspend_api_key: an injection attempt the guard blocked in an input sent with an API key, per key;
 * - tighten_policy: a flag on an agent, per agent and detector.
 */
export function matchRule(rule: PlaybookRule, t: ThreatPayload): RuleMatch | null {
  switch (rule) {
    case "notify_admins":
      if (t.severity !== "high" && t.severity !== "critical") return null;
      return {
        targetType: "incident",
        targetId: t.incidentId,
        counts: sql`${p("incidentId")} = ${t.incidentId} and ${p("severity")} in ('high', 'critical')`,
      };
    case "quarantine_agent":
      if (!t.agentId || t.direction !== "output" || t.severity !== "critical") return null;
      return {
        targetType: "agent",
        targetId: t.agentId,
        counts: sql`${p("agentId")} = ${t.agentId} and ${p("direction")} = 'output' and ${p("severity")} = 'critical'`,
      };
    case "suspend_api_key":
      if (!t.apiKeyId || t.direction !== "input" || t.action !== "block" || t.detector !== "injection") return null;
      return {
        targetType: "api_key",
        targetId: t.apiKeyId,
        counts: sql`${p("apiKeyId")} = ${t.apiKeyId} and ${p("direction")} = 'input' and ${p("action")} = 'block' and ${p("detector")} = 'injection'`,
      };
    case "tighten_policy":
      if (!t.agentId || t.action !== "flag") return null;
      return {
        targetType: "agent",
        targetId: t.agentId,
        detector: t.detector,
        counts: sql`${p("agentId")} = ${t.agentId} and ${p("action")} = 'flag' and ${p("detector")} = ${t.detector}`,
      };
  }
}
