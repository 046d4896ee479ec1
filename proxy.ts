import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/server/env";
import { contentSecurityPolicy, servedOverTls, STRICT_TRANSPORT_SECURITY } from "@/server/http/security-headers";

/**
 * Next.js Proxy (the renamed middleware), on every page request:
 *   - a Content-Security-Policy with a fresh nonce, set on the request too so that Next.js
 *     stamps the nonce on the scripts and styles it renders (server/http/security-headers.ts);
 *   - behind TLS, Strict-Transport-Security.
 * Not for `/api/*` (JSON, no scripts; `Cache-Control: no-store` comes from next.config.ts and the
 * handlers), so the API's hot path pays nothing for it; nor for static assets.
 */
export function proxy(request: NextRequest) {
  const tls = servedOverTls(request.headers);
  const nonce = randomBytes(16).toString("base64");
  const policy = contentSecurityPolicy(nonce, { dev: env.NODE_ENV === "development", tls });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  if (tls) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" }],
};
