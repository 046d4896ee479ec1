/**
 * A real OpenID Provider for the single sign-on journeys: panva's `oidc-provider` (the certified
 * implementation), in process on 127.0.0.1, with its built-in login and consent pages. The app
 * talks to it exactly as to a company's IdP — discovery, authorization code + PKCE, token
 * endpoint with client_secret_basic, ID Token, userinfo — so nothing of Auth.js's OIDC path is
 * mocked. Its defaults are kept where they matter: like a strictly conforming IdP it returns the
 * e-mail and name claims from userinfo only, not in the ID Token (OIDC Core 5.4).
 *
 * Test accounts: the login name is the e-mail address (any password is accepted). The provider
 * vouches for the address (`email_verified: true`) unless the login name contains "unverified".
 * The name is the address's first part in words: `ada.lovelace-…@example.test` → "Ada Lovelace".
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import Provider, { type Configuration } from "oidc-provider";

export type OidcProviderOptions = {
  port: number;
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
};

/** What the provider says about the person who logged in as `login`. */
export function testAccountClaims(login: string) {
  const email = login.trim().toLowerCase();
  const label = email.split("@")[0]!.split("-")[0]!;
  const name = label
    .split(/[._]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(" ");
  return { sub: email, email, email_verified: !email.includes("unverified"), name: name || email };
}

// The provider announces each quick-start default it falls back to (in-memory store, dev login
// pages): intended for a throwaway test IdP, so these lines would only bury real errors.
const QUICK_START_NOTICE = /^oidc-provider WARNING: a quick start development-only/;

function quietly<T>(build: () => T): T {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === "string" && QUICK_START_NOTICE.test(args[0])) return;
    warn(...args);
  };
  try {
    return build();
  } finally {
    console.warn = warn;
  }
}

export async function startOidcProvider(options: OidcProviderOptions): Promise<{ close(): Promise<void> }> {
  // A fresh signing key per run (instead of the library's published development key): nothing outlives a run.
  const signingKey = {
    ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }),
    kid: "e2e",
    use: "sig",
    alg: "RS256",
  };

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        // What Auth.js sends when a provider sets no `client.token_endpoint_auth_method`.
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    async findAccount(_ctx, login) {
      const claims = testAccountClaims(login);
      return { accountId: claims.sub, claims: () => claims };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // As strict as a production IdP: a client that skipped PKCE would be refused, not waved through.
    pkce: { methods: ["S256"], required: () => true },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    // Explicit lifetimes, also so the provider does not log a notice about each default per request.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    features: { devInteractions: { enabled: true } },
  };
  const provider = quietly(() => new Provider(options.issuer, configuration));

  // The dev pages import a Google web font; an IdP under test should make no outside requests.
  provider.use(async (ctx, next) => {
    await next();
    if (typeof ctx.body === "string" && ctx.type === "text/html") ctx.body = ctx.body.replace(/@import url\(https:[^)]*\);/g, "");
  });

  const server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
