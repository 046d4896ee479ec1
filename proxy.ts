import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/server/env";
import { contentSecurityPolicy, servedOverTls, STRICT_TRANSPORT_SECURITY } from "@/server/http/security-headers";

/**
 * Next.js Proxy (the renamed middleware), on every request but static assets:
 *   - pages get a Content-Security-Policy with a fresh nonce, set on the request too so that
 *     Next.js stamps the nonce on the scripts and styles it renders (server/http/security-headers.ts);
 *   - `/api/*` answers are never cached (`Cache-Control: no-store`): they carry tenant data;
 *   - behind TLS, Strict-Transport-Security.
 */
export function proxy(request: NextRequest) {
  const tls = servedOverTls(request.headers);
  let response: NextResponse;
  if (request.nextUrl.pathname.startsWith("/api/")) {
    response = NextResponse.next();
    response.headers.set("Cache-Control", "no-store");
  } else {
    const nonce = randomBytes(16).toString("base64");
    const policy = contentSecurityPolicy(nonce, { dev: env.NODE_ENV === "development", tls });
    const headers = new Headers(request.headers);
    headers.set("content-security-policy", policy);
    response = NextResponse.next({ request: { headers } });
    response.headers.set("Content-Security-Policy", policy);
  }
  if (tls) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
