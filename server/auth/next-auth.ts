import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { headers } from "next/headers";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { scopes, withUser } from "@/db";
import { env } from "../env";
import { ConflictError } from "../errors";
import { logger } from "../obs/logger";
import { getRateLimiter } from "../ratelimit";
import { requestMetaFromHeaders } from "../http/request-meta";
import { authLogger } from "./auth-logger";
import { safeAuthRedirect } from "../http/safe-redirect";
import { authenticatePassword } from "./authenticate-password";
import { BrowserOriginRequest } from "./browser-origin-request";
import { emailSchema } from "./email";
import { findOrCreateOAuthUser } from "./oauth-user";
import { signInGate } from "./sign-in-throttle";
import { createSession, revokeSession, SESSION_TTL_SECONDS, validateSession } from "./sessions";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; isPlatformAdmin: boolean; emailVerified: boolean };
    sessionId: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    sid?: string;
    admin?: boolean;
    verified?: boolean;
  }
}

class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}
class TooManyAttempts extends CredentialsSignin {
  override code = "rate_limited";
}

const credentialsInput = z.object({ email: emailSchema, password: z.string().min(1).max(200) });

async function currentMeta() {
  try {
    return requestMetaFromHeaders(await headers());
  } catch {
    return { requestId: "none", ip: null, userAgent: null };
  }
}

function oauthProviders(): NextAuthConfig["providers"] {
  const providers: NextAuthConfig["providers"] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    providers.push(Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }));
  }
  if (env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET && env.AUTH_OIDC_ISSUER) {
    providers.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
      // Read the profile from userinfo, not the ID Token: with the code flow OIDC Core (5.4) puts
      // the email/profile claims at the userinfo endpoint, and conforming IdPs leave them out of
      // the ID Token — every sign-in then failed with "no e-mail". The ID Token is still verified.
      idToken: false,
    });
  }
  return providers;
}

/** The OAuth/OIDC providers this installation enables, for the sign-in page. */
export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((p) => {
    const provider = typeof p === "function" ? p() : p;
    return { id: provider.id, name: provider.name };
  });
}

export const authConfig: NextAuthConfig = {
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_TTL_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = credentialsInput.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const { email, password } = parsed.data;
        const gate = await signInGate(getRateLimiter(), email, (await currentMeta()).ip);
        if (!gate.allowed) throw new TooManyAttempts();
        if (gate.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, gate.delayMs));
        const user = await withUser(null, (tx) => authenticatePassword(tx, email, password));
        if (!user) throw new InvalidCredentials();
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    /** Every redirect Auth.js makes (sign-in, sign-out, OAuth callback) stays on the app. */
    redirect({ url, baseUrl }) {
      return safeAuthRedirect(url, baseUrl);
    },
    /**
     * OAuth/OIDC: decide who this is before anything else, so a refusal can say why (a redirect
     * with our own error code) instead of Auth.js's generic "Configuration". The resolved id is
     * written onto `user`, the object Auth.js hands to `jwt` next.
     */
    async signIn({ user, account, profile }) {
      if (!account || account.provider === "credentials") return true;
      try {
        const linked = await findOrCreateOAuthUser(
          { scopes, meta: await currentMeta() },
          {
            provider: account.provider,
            providerAccountId: account.providerAccountId,
            email: user.email ?? null,
            // Only OIDC's `email_verified` claim vouches for an address; GitHub's does not.
            emailVerified: profile?.email_verified === true,
            name: user.name ?? null,
          },
        );
        user.id = linked.id;
        return true;
      } catch (error) {
        if (error instanceof ConflictError) return `/sign-in?error=${encodeURIComponent(error.code)}`;
        throw error;
      }
    },
    async jwt({ token, user }) {
      if (user) {
        // A fresh sign-in (the user is resolved by now): open a session row.
        const meta = await currentMeta();
        const userId = user.id!;
        const live = await withUser(userId, async (tx) => validateSession(tx, await createSession(tx, userId, meta)));
        if (!live) return null;
        return {
          ...token,
          uid: live.id,
          sid: live.sessionId,
          email: live.email,
          name: live.name,
          admin: live.isPlatformAdmin,
          verified: live.emailVerified,
        };
      }
      if (!token.sid) return null;
      const live = await withUser(token.uid ?? null, (tx) => validateSession(tx, token.sid!));
      if (!live) return null;
      return { ...token, uid: live.id, email: live.email, name: live.name, admin: live.isPlatformAdmin, verified: live.emailVerified };
    },
    session({ session, token }) {
      return {
        ...session,
        sessionId: token.sid!,
        user: {
          id: token.uid!,
          email: token.email!,
          name: token.name ?? "",
          isPlatformAdmin: token.admin === true,
          emailVerified: token.verified === true,
        },
      };
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sid && token.uid) await withUser(token.uid, (tx) => revokeSession(tx, token.sid!));
    },
  },
  logger: authLogger(logger),
};

const nextAuth = NextAuth(authConfig);
export const { auth, signIn, signOut } = nextAuth;

export const handlers = {
  GET: (request: NextRequest) => nextAuth.handlers.GET(new BrowserOriginRequest(request)),
  POST: (request: NextRequest) => nextAuth.handlers.POST(new BrowserOriginRequest(request)),
};
