import { applyRule, type RuleOutcome } from "@/server/playbooks/apply-rule";
import { PLAYBOOK_RULES } from "@/server/playbooks/rules";
import { actForEvent } from "../act";
import { inngest } from "../client";
import { stepWhileActive } from "../hold";
import { agentryEvent } from "../events";
import { PLAN_PRIORITY } from "../flow-control";

export const INCIDENT_AUTO_RESPONSE = "incident-auto-response";

/**
 * Automated incident response: every guard threat is held against the tenant's playbooks.
 * One step per rule, each one short transaction (count in the window, act, audit, timeline,
 * notify, event). One run per tenant at a time, so the counts of two threats arriving together
 * are taken one after the other and a threshold is crossed once. A repeated delivery of the
 * same event acts no second time (the response row is unique per rule and trigger event).
 */
export const incidentAutoResponse = inngest.createFunction(
  {
    id: INCIDENT_AUTO_RESPONSE,
    name: "Incident auto-response",
    triggers: [agentryEvent("guard.threat_detected")],
    concurrency: { key: "event.data.tenantId", limit: 1 },
    // No throttle: a security response must not queue behind a rate; priority only orders backlogs.
    priority: PLAN_PRIORITY,
    retries: 5,
  },
  async ({ event, step, runId }) => {
    const outcomes: RuleOutcome[] = [];
    for (const rule of PLAYBOOK_RULES) {
      outcomes.push(
        // Held while the organisation is suspended (../hold.ts): the response runs on reactivation.
        await stepWhileActive(step, `rule-${rule}`, () =>
          actForEvent(event, runId, INCIDENT_AUTO_RESPONSE, "playbook:manage", (ctx) =>
            applyRule(ctx, rule, { id: event.id!, payload: event.data.payload }),
          ),
        ),
      );
    }
    return outcomes;
  },
);
