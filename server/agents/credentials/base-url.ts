import { BlockList, isIP } from "node:net";

/**
 * Which base URLs a tenant may point a provider key at. Our server sends the tenant's key there
 * and reads the answer, so the URL is an SSRF door as much as a setting:
 *
 * - `https://` always; `http://` only to a loopback host (localhost, 127.0.0.0/8, ::1) and only
 *   outside production — a developer's Ollama or vLLM on their own machine. In production a
 *   loopback or private host is refused whatever the scheme.
 * - No user name or password in the URL (the key goes in a header), no query, no fragment.
 * - In production, IP literals in private, loopback, link-local (cloud metadata), CGNAT or
 *   unique-local ranges are refused. A host name is checked here only by its spelling; the
 *   addresses it resolves to at call time are the HTTP client's to check (as the http_request
 *   tool does), since DNS can change after this check.
 */

export type BaseUrlProblem = "baseUrlInvalid" | "baseUrlHttps" | "baseUrlParts" | "baseUrlPrivate";

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const)
  PRIVATE.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
] as const)
  PRIVATE.addSubnet(net, bits, "ipv6");

function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

export function isLoopbackHost(hostname: string): boolean {
  const host = bareHost(hostname);
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1";
}

export function isPrivateHost(hostname: string): boolean {
  const host = bareHost(hostname);
  if (isLoopbackHost(host)) return true;
  const mapped = host.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/)?.[1];
  if (mapped) return PRIVATE.check(mapped, "ipv4");
  const family = isIP(host);
  if (family === 4) return PRIVATE.check(host, "ipv4");
  if (family === 6) return PRIVATE.check(host, "ipv6");
  return host.endsWith(".internal") || host.endsWith(".local");
}

export function baseUrlProblem(value: string, options: { production: boolean }): BaseUrlProblem | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "baseUrlInvalid";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "baseUrlHttps";
  if (url.username || url.password || url.search || url.hash) return "baseUrlParts";
  if (options.production && isPrivateHost(url.hostname)) return "baseUrlPrivate";
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) return "baseUrlHttps";
  return null;
}

/** The URL as stored: no trailing slash (the providers append their paths). */
export function normaliseBaseUrl(value: string): string {
  const url = new URL(value);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
