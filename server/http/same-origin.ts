import { env } from "../env";
import { ForbiddenError } from "../errors";
import { requestOrigin } from "./app-url";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery: a page on another site — or a sibling port of the same host, which
 * is "same-site" and gets our lax cookies — posting to an API door with the victim's session
 * cookie. A state-changing request that relies on cookies must come from our own origin:
 *   - `Sec-Fetch-Site` (every current browser sends it) must be `same-origin` (or `none`: the
 *     user's own action, such as a bookmark);
 *   - failing that, `Origin` must be ours (APP_URL's, or the request's own — see requestOrigin);
 *   - a request with neither is not from a browser (curl, a server), so carries no ambient
 *     credentials to abuse.
 * Requests with `Authorization` are exempt: a browser never attaches it on its own, and such a
 * request does not fall back to the cookie (server/trpc/context.ts).
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method) || req.headers.has("authorization")) return;
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) {
    if (site === "same-origin" || site === "none") return;
    throw crossSite();
  }
  const origin = req.headers.get("origin");
  if (origin === null) return;
  const ours = [requestOrigin(req.headers), env.APP_URL ? new URL(env.APP_URL).origin : null];
  if (!ours.includes(origin)) throw crossSite();
}

function crossSite() {
  return new ForbiddenError("This request came from another site. Use the portal, or an API key for programs.", "cross_site_request");
}
