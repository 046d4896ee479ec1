/**
 * Which findings are "the same incident": one detector, one finding type, one source. The source
 * is the agent when there is one (an attack on an agent is one story whoever sends it), else the
 * API key, else the user — so a scripted key probing a tenant does not merge with another's.
 */
export function incidentFingerprint(input: {
  detector: string;
  findingType: string;
  agentId: string | null;
  apiKeyId: string | null;
  userId: string | null;
}): string {
  const source = input.agentId
    ? `agent:${input.agentId}`
    : input.apiKeyId
      ? `key:${input.apiKeyId}`
      : input.userId
        ? `user:${input.userId}`
        : "tenant";
  return `${input.detector}:${input.findingType}:${source}`;
}

/** An open or acknowledged incident last seen this long ago is stale: a new finding opens a new one. */
export const JOIN_WINDOW_MS = 24 * 60 * 60 * 1000;
