import type { IncidentStatus } from "@/db/schema";

/**
 * Where an incident may go from each status. Acknowledging says "someone is on it"; resolving and
 * false positive close it; a closed incident may be reopened (the fix did not hold, or the
 * false-positive call was wrong), and an acknowledged one may go back to open.
 */
export const TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  open: ["acknowledged", "resolved", "false_positive"],
  acknowledged: ["open", "resolved", "false_positive"],
  resolved: ["open"],
  false_positive: ["open"],
};

export const canMove = (from: IncidentStatus, to: IncidentStatus) => TRANSITIONS[from].includes(to);
