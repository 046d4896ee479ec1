import { vetTarget, type VettedTarget } from "../agents/tools/net/vet-target";
import { pinnedRequest } from "../agents/tools/net/pinned-request";
import { ToolError, type Resolver, type TestNetworkOptIn, type ToolContext } from "../agents/tools/types";

/**
 * How a webhook leaves the building: through the http_request tool's SSRF defences (imported,
 * not copied). Every target — the endpoint's URL and each redirect — is vetted: no credentials,
 * and EVERY address its name resolves to public (no loopback, private, link-local/metadata,
 * reserved); the socket is then pinned to the vetted address, so DNS rebinding changes nothing.
 * The tool's allow-list is the one thing that does not apply: an endpoint's own host is the list.
 */

/**
 * The test harness's loosening (a resolver, http and loopback for a local receiver) — set only by
 * test code, never by tenant data or the environment, and ignored in production by the tool's own
 * `testNetworkOf` (NODE_ENV=production drops `testNetwork`).
 */
type Harness = { resolver?: Resolver; testNetwork?: TestNetworkOptIn };
let harness: Harness = {};

export function setWebhookTestNetwork(next: Harness | null): void {
  harness = next ?? {};
}

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** What is kept of a receiver's answer: enough to debug, bounded so a receiver cannot fill our disk. */
export const RESPONSE_EXCERPT_BYTES = 2048;
const MAX_REDIRECTS = 3;

export type PostOutcome =
  | { kind: "response"; status: number; body: string; truncated: boolean; latencyMs: number }
  | { kind: "refused" | "error"; code: string; message: string; latencyMs: number };

function toolContext(tenantId: string, hostname: string, signal: AbortSignal): ToolContext {
  return {
    tenantId,
    search: async () => [],
    allowedHosts: [hostname],
    signal,
    ...(harness.resolver ? { resolver: harness.resolver } : {}),
    ...(harness.testNetwork ? { testNetwork: harness.testNetwork } : {}),
  };
}

function hostOf(raw: string): string {
  try {
    return new URL(raw).hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  } catch {
    return "";
  }
}

/** Vets a URL as a delivery would (used at creation too, so a private target is refused up front). */
export function vetWebhookUrl(tenantId: string, url: string, signal: AbortSignal = AbortSignal.timeout(WEBHOOK_TIMEOUT_MS)) {
  return vetTarget(url, toolContext(tenantId, hostOf(url), signal));
}

/**
 * POSTs `body` with `headers` to `url`. Only 307 and 308 are followed (they keep the method and
 * body, so the signature still holds), each re-vetted; any other 3xx is the receiver's answer.
 * One deadline for the whole exchange; the response body is read up to the excerpt size.
 */
export async function postWebhook(tenantId: string, url: string, headers: Record<string, string>, body: string): Promise<PostOutcome> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(WEBHOOK_TIMEOUT_MS);
  const payload = Buffer.from(body, "utf8");
  let target: VettedTarget;
  try {
    target = await vetWebhookUrl(tenantId, url, signal);
    for (let redirects = 0; ; redirects++) {
      const response = await pinnedRequest(target, {
        method: "POST",
        body: payload,
        contentType: "application/json",
        headers,
        maxBytes: RESPONSE_EXCERPT_BYTES,
        signal,
        readBody: (status) => status !== 307 && status !== 308,
      });
      if ((response.status === 307 || response.status === 308) && response.location && redirects < MAX_REDIRECTS) {
        const next = new URL(response.location, target.url).toString();
        target = await vetWebhookUrl(tenantId, next, signal);
        continue;
      }
      return {
        kind: "response",
        status: response.status,
        body: response.body.toString("utf8"),
        truncated: response.truncated,
        latencyMs: latency(),
      };
    }
  } catch (error) {
    if (error instanceof ToolError) {
      const refused = error.code === "ssrf_blocked" || error.code === "host_not_allowed" || error.code === "invalid_url";
      return { kind: refused ? "refused" : "error", code: error.code, message: error.message, latencyMs: latency() };
    }
    if (signal.aborted)
      return { kind: "error", code: "timeout", message: `No answer within ${WEBHOOK_TIMEOUT_MS} ms.`, latencyMs: latency() };
    const code = (error as NodeJS.ErrnoException).code ?? "network_error";
    return { kind: "error", code, message: `The request failed (${code}).`, latencyMs: latency() };
  }
}
