/** Only same-site paths may be redirected to after sign-in (no open redirects). */
export function safeCallbackPath(value: unknown, fallback = "/orgs"): string {
  if (typeof value !== "string") return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value.slice(0, 500);
}
