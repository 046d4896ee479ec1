import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { vetAddress } from "../tools/net/ip-policy";
import { ProviderError } from "./errors";

/**
 * Where a model call may connect. A provider's base URL is tenant data, and the call carries the
 * tenant's key and reads the answer back (an error body's message reaches the tenant), so in
 * production it is an SSRF door: `public-only` resolves the host and refuses the call when any
 * address is private, loopback, link-local (cloud metadata) or reserved — the same address
 * policy as the http_request tool (server/agents/tools/net/ip-policy.ts).
 *
 * Residual risk, accepted: fetch resolves the name again when it connects, so a DNS answer that
 * changes within that instant (rebinding with a zero TTL) is not caught here; the tool pins its
 * connection to the vetted address, which global fetch cannot. Outside production (`any`),
 * developers' local servers (Ollama, vLLM on localhost) and the test fakes are reachable.
 */
export type AddressPolicy = "public-only" | "any";

export type Resolve = (hostname: string) => Promise<{ address: string }[]>;

const systemResolve: Resolve = (hostname) => lookup(hostname, { all: true, verbatim: true });

export async function assertReachable(
  provider: string,
  url: string,
  policy: AddressPolicy,
  resolve: Resolve = systemResolve,
): Promise<void> {
  if (policy === "any") return;
  const hostname = new URL(url).hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string }[];
  if (isIP(hostname)) addresses = [{ address: hostname }];
  else {
    try {
      addresses = await resolve(hostname);
    } catch {
      throw new ProviderError("network", `Could not reach ${provider}: ${hostname} could not be resolved`, { retryable: true });
    }
  }
  for (const { address } of addresses) {
    const verdict = vetAddress(address);
    if (!verdict.allowed) {
      throw new ProviderError("network", `Refused to call ${provider} at ${hostname}: it resolves to a ${verdict.reason}`, {
        retryable: false,
      });
    }
  }
}
