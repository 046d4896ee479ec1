import type { InngestFunction } from "inngest";
import { deadLetterCapture } from "./dead-letter-capture";
import { workflowRun } from "./workflow-run";
import { retentionPurge } from "./retention-purge";
import { usageRollup } from "./usage-rollup";
import { webhookDeliveryFunctions } from "./webhook-delivery";
import { incidentAutoResponse } from "./incident-auto-response";
import { stripeFunctions } from "./stripe-event";
import { meterUsage } from "./meter-usage";
import { impersonationExpiry } from "./impersonation-expiry";

/**
 * Every function the app serves at /api/inngest (one file each in this folder). The in-process
 * driver and `serve()` both read this list.
 */
export const functions: InngestFunction.Any[] = [
  deadLetterCapture,
  workflowRun,
  usageRollup,
  retentionPurge,
  incidentAutoResponse,
  ...webhookDeliveryFunctions,
  ...stripeFunctions,
  meterUsage,
  impersonationExpiry,
];
