import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { logger } from "../../../obs/logger";
import { ToolError, type Resolver, type TestNetworkOptIn, type ToolContext } from "../types";
import { vetAddress } from "./ip-policy";

export type VettedTarget = { url: URL; hostname: string; address: string; family: 4 | 6 };

const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** The test harness's loosening, honoured only outside production (never from tenant data or env). */
export function testNetworkOf(toolCtx: Pick<ToolContext, "testNetwork">): TestNetworkOptIn {
  if (!toolCtx.testNetwork || process.env.NODE_ENV === "production") return {};
  return toolCtx.testNetwork;
}

function refuse(toolCtx: ToolContext, code: "ssrf_blocked" | "host_not_allowed" | "invalid_url", host: string, reason: string): never {
  // The host and why, never the URL: its path or query may carry a token.
  logger.warn({ tenantId: toolCtx.tenantId, tool: "http_request", code, host: host.slice(0, 253), reason }, "http_request refused");
  throw new ToolError(
    code,
    code === "host_not_allowed" ? `${host} is not on this organisation's allow-list for http_request.` : `Refused: ${reason}.`,
  );
}

/**
 * Every check a URL must pass before a connection is opened (and again for every redirect
 * target): scheme, no credentials, host on the tenant's allow-list, and EVERY address the name
 * resolves to public. The caller connects to the returned address, not to the name again, so a
 * DNS answer that changes between the check and the connection (rebinding) changes nothing.
 */
export async function vetTarget(raw: string, toolCtx: ToolContext): Promise<VettedTarget> {
  const network = testNetworkOf(toolCtx);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    refuse(toolCtx, "invalid_url", "(unparsable)", "not a valid absolute URL");
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && network.allowHttp)) {
    refuse(toolCtx, "ssrf_blocked", hostname || url.protocol, `only https:// URLs may be requested, not ${url.protocol}`);
  }
  if (url.username || url.password) refuse(toolCtx, "invalid_url", hostname, "credentials in the URL are not allowed");
  if (!hostname) refuse(toolCtx, "invalid_url", "(none)", "the URL has no host");

  // The WHATWG parser has already turned 2130706433, 0x7f.1, 017700000001 into 127.0.0.1.
  if (isIP(hostname) !== 0) {
    const verdict = vetAddress(hostname, { allowLoopback: network.allowLoopback });
    if (!verdict.allowed) refuse(toolCtx, "ssrf_blocked", hostname, `${hostname} is a ${verdict.reason}`);
    refuse(toolCtx, "host_not_allowed", hostname, "IP addresses are never on the allow-list");
  }
  if (!toolCtx.allowedHosts.includes(hostname)) refuse(toolCtx, "host_not_allowed", hostname, "not on the allow-list");

  let addresses: { address: string; family: 4 | 6 }[];
  try {
    addresses = await (toolCtx.resolver ?? systemResolver)(hostname);
  } catch {
    throw new ToolError("network_error", `${hostname} could not be resolved.`);
  }
  if (addresses.length === 0) throw new ToolError("network_error", `${hostname} could not be resolved.`);
  for (const { address } of addresses) {
    const verdict = vetAddress(address, { allowLoopback: network.allowLoopback });
    if (!verdict.allowed) refuse(toolCtx, "ssrf_blocked", hostname, `${hostname} resolves to ${address}, a ${verdict.reason}`);
  }
  const chosen = addresses.find((a) => a.family === 4) ?? addresses[0]!;
  return { url, hostname, address: chosen.address, family: chosen.family };
}
