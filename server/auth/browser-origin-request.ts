import { NextRequest } from "next/server";
import { requestOrigin } from "../http/app-url";

/**
 * A request as Auth.js must see it: on the origin the browser used. Next builds a route handler's
 * `request.url` from the address it listens on (`next start` → http://localhost:3000), not from
 * the Host header, while Auth.js's server-side `signIn()` builds its URLs from (X-Forwarded-)Host.
 * OAuth needs the two to agree — the token request must repeat the authorization request's
 * redirect_uri, and the redirect after the callback must land on the host holding the cookies —
 * so the handlers get the origin the browser used. `X-Forwarded-Host`/`-Proto` count only from a
 * trusted proxy (`requestOrigin`): from anyone else they are ignored. The URL is kept as given:
 * NextRequest's own `url` would turn 127.0.0.1 into "localhost", another host.
 * AUTH_URL, when set, still wins (next-auth applies it to `nextUrl` after this).
 */
export class BrowserOriginRequest extends NextRequest {
  readonly #href: string;
  constructor(request: NextRequest) {
    const { pathname, search } = new URL(request.url);
    const href = new URL(`${pathname}${search}`, requestOrigin(request.headers)).href;
    super(href, request);
    this.#href = href;
  }
  override get url() {
    return this.#href;
  }
}
