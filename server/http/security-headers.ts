import { env } from "../env";
import { forwardedProto } from "./client-address";

/**
 * The response headers `proxy.ts` adds. The static ones (nosniff, Referrer-Policy,
 * X-Frame-Options, Permissions-Policy) are in next.config.ts.
 */

/** Two years, subdomains included: what the HSTS preload list asks for. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * Whether the browser reached us over TLS: APP_URL says https, or a trusted proxy says it
 * terminated TLS. A client's own `X-Forwarded-Proto` does not count (client-address.ts).
 */
export function servedOverTls(headers: Headers): boolean {
  return env.APP_URL?.startsWith("https:") === true || forwardedProto(headers) === "https";
}

/** Where a form may send the browser: us, and the sign-in providers we redirect to. */
function formTargets(): string[] {
  const targets = ["'self'"];
  if (env.AUTH_GITHUB_ID) targets.push("https://github.com");
  if (env.AUTH_GOOGLE_ID) targets.push("https://accounts.google.com");
  if (env.AUTH_OIDC_ISSUER) targets.push(new URL(env.AUTH_OIDC_ISSUER).origin);
  return targets;
}

/**
 * A strict, nonce-based policy (the Next.js CSP guide's shape): scripts and styles only with
 * this request's nonce — Next.js adds it to its own tags, having read it from the request's
 * Content-Security-Policy header — or loaded by such a script ('strict-dynamic'). Nothing may
 * frame us. `'unsafe-eval'` only in development, where React rebuilds server stacks with eval.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean; tls: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formTargets().join(" ")}`,
    "frame-ancestors 'none'",
    ...(options.tls ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
