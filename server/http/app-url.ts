import { env } from "../env";

/**
 * The public base URL for links we hand out (invitations, password resets): APP_URL when set,
 * otherwise the origin the request came in on.
 */
export function baseUrlFrom(headers: Headers): string {
  if (env.APP_URL) return env.APP_URL.replace(/\/$/, "");
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000";
  const proto = headers.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export function absoluteUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/$/, "")}${path}`;
}
