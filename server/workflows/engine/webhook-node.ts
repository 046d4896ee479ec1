import { pinnedRequest } from "../../agents/tools/net/pinned-request";
import { vetTarget } from "../../agents/tools/net/vet-target";
import { ToolError, type Resolver, type TestNetworkOptIn } from "../../agents/tools/types";
import type { WorkflowNode } from "../definition";
import type { NodeOutcome } from "./outcomes";

const MAX_RESPONSE_BYTES = 64 * 1024;

/** What tests may loosen (loopback, http); ignored in production like the tool's own opt-in. */
export type WebhookNetwork = { testNetwork?: TestNetworkOptIn; resolver?: Resolver };

/**
 * POSTs to the node's URL through the http_request tool's vetting: https only, every resolved
 * address public, the socket pinned to the vetted address, no redirects followed. The
 * Idempotency-Key header is the same on every attempt of this node in this run, so a receiver
 * that honours it acts once however often we retry.
 */
export async function runWebhookNode(
  tenantId: string,
  ids: { workflowId: string; workflowRunId: string },
  node: Extract<WorkflowNode, { kind: "webhook" }>,
  text: string,
  network: WebhookNetwork = {},
): Promise<NodeOutcome> {
  const signal = AbortSignal.timeout(node.timeoutSeconds * 1000);
  const toolCtx = {
    tenantId,
    search: async () => [],
    // The node's own host is what was configured; the vetting that matters here is the addresses.
    allowedHosts: [new URL(node.url).hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "")],
    signal,
    ...network,
  };
  try {
    const target = await vetTarget(node.url, toolCtx);
    const body = Buffer.from(JSON.stringify({ workflowId: ids.workflowId, workflowRunId: ids.workflowRunId, nodeId: node.id, text }));
    const response = await pinnedRequest(target, {
      method: "POST",
      body,
      contentType: "application/json",
      maxBytes: MAX_RESPONSE_BYTES,
      signal,
      readBody: () => true,
      headers: { "idempotency-key": `${ids.workflowRunId}:${node.id}` },
    });
    const responseText = response.body.toString("utf8");
    let json: unknown;
    try {
      json = /json/i.test(response.contentType ?? "") ? JSON.parse(responseText) : undefined;
    } catch {
      json = undefined;
    }
    const output = { status: response.status, ...(json !== undefined ? { json } : { text: responseText.slice(0, 4000) }) };
    if (response.status >= 200 && response.status < 300) return { state: "completed", output };
    return { state: "failed", output, error: { code: "webhook_status", message: `The endpoint answered ${response.status}.` } };
  } catch (error) {
    if (error instanceof ToolError) return { state: "failed", error: { code: error.code, message: error.message } };
    if (signal.aborted) return { state: "failed", error: { code: "timeout", message: `No answer within ${node.timeoutSeconds} s.` } };
    return { state: "failed", error: { code: "network_error", message: "The request failed." } };
  }
}
