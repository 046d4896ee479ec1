import { z } from "zod";
import { scan } from "../guard";
import { policyOverrideSchema, resolvePolicy } from "../guard/policy";
import type { PolicyOverride, Verdict } from "../guard/types";
import { PayloadTooLargeError } from "../errors";
import type { TenantContext } from "../request-context";
import { agentPolicyOverride } from "./agent-policy";
import { getTenantPolicy } from "./get-tenant-policy";

/** The most text one scan takes, in UTF-8 bytes (the same bound as a run's input). */
export const SCAN_MAX_BYTES = 32 * 1024;

export const scanTextInput = z.object({
  // The bound is checked in the verb, to answer 413 rather than 400.
  text: z.string().describe("The text to scan (at most 32 KB of UTF-8)"),
  direction: z.enum(["input", "output"]).describe("`input`: a prompt on its way to a model; `output`: a model's answer"),
  agentId: z.uuid().optional().describe("Scan with this agent's effective policy"),
  policy: policyOverrideSchema.optional().describe("Overrides for this call only, applied last"),
});

/**
 * The guard on its own, for developers: the verdict for one text under the organisation's policy
 * (or an agent's, or with this call's overrides). Stateless: it opens no incident and stores
 * nothing — the text is neither logged nor kept.
 */
export async function scanText(ctx: TenantContext, input: z.output<typeof scanTextInput>): Promise<Verdict> {
  if (Buffer.byteLength(input.text, "utf8") > SCAN_MAX_BYTES) throw new PayloadTooLargeError(SCAN_MAX_BYTES);
  const tenant = await getTenantPolicy(ctx);
  const agent = input.agentId ? await agentPolicyOverride(ctx, input.agentId) : null;
  // Agent over tenant over default, then this call's overrides over all of them.
  const policy = resolvePolicy(resolvePolicy(tenant, agent), (input.policy as PolicyOverride | undefined) ?? null);
  return scan(input.text, { direction: input.direction, policy });
}
