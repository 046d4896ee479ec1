/**
 * Where a user may be sent after signing in, out or accepting an invitation: a path on this
 * app, never another site. The value is resolved the way a browser would resolve it (tabs and
 * newlines dropped, backslashes read as slashes, `..` collapsed) against a placeholder origin,
 * and kept only when it is still on that origin and is not protocol-relative (`//host`). What
 * comes back is the URL parser's own serialisation: percent-encoded, so no control or non-ASCII
 * character reaches a Location header (Next answers 500 to those).
 */
const PLACEHOLDER_ORIGIN = "http://app.invalid";
const MAX_LENGTH = 500;

export function safeCallbackPath(value: unknown, fallback = "/orgs"): string {
  if (typeof value !== "string" || value.length > 2 * MAX_LENGTH) return fallback;
  // Only paths: an absolute URL (even our own) or a scheme (javascript:) is not a callback.
  if (!value.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/a/..//evil.example` normalises to `//evil.example`: protocol-relative, another host.
  if (!path.startsWith("/") || path.startsWith("//") || path.length > MAX_LENGTH) return fallback;
  return path;
}

/**
 * Auth.js's `redirect` callback: a relative path, or an absolute URL on the app's own origin,
 * reduced to a safe path on that origin; anything else goes to the app's root.
 */
export function safeAuthRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let candidate = url;
  try {
    const absolute = new URL(url);
    if (absolute.origin !== base.origin) return base.origin;
    candidate = `${absolute.pathname}${absolute.search}${absolute.hash}`;
  } catch {
    // Not absolute: a path (checked below).
  }
  return `${base.origin}${safeCallbackPath(candidate, "/")}`;
}
