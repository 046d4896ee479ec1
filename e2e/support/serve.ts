/**
 * The web server Playwright starts: a fresh Postgres database (migrated by the owner, with the
 * production shape's two login roles — the shared fixture, tests/support/databases.ts), the
 * Upstash bridge in front of the local Redis, a local OpenID Provider for single sign-on, and the
 * production build on E2E_BASE_URL, connected as those logins. On exit, it cleans up.
 *
 * Billing runs against the local Stripe-speaking server (stripeApiBase(), E2E_PORT + 3): the
 * catalogue is synced into it (`npm run stripe:sync`'s own code, as the owner) before the app
 * starts, and it POSTs its signed webhooks to the app's /api/webhooks/stripe.
 */
import { spawn } from "node:child_process";
import Stripe from "stripe";
import { openDatabase } from "@/db/client";
import { stripeConnection } from "@/server/billing/stripe/connection";
import { syncCatalogue } from "@/server/billing/stripe/sync-catalogue";
import { startUpstashBridge } from "@/tools/upstash-bridge/bridge";
import { startFakeStripe } from "@/tests/support/fake-stripe-server";
import { dropPostgresTestDatabase, preparePostgresTestDatabase } from "@/tests/support/databases";
import {
  adminDatabaseUrl,
  baseUrl,
  E2E_AUTH_SECRET,
  E2E_KEK,
  E2E_BRIDGE_TOKEN,
  E2E_OIDC_CLIENT_ID,
  E2E_OIDC_CLIENT_SECRET,
  E2E_OIDC_NAME,
  e2eDatabaseName,
  oidcIssuer,
  redisUrl,
  stripeApiBase,
} from "./env";
import { startOidcProvider } from "./oidc-provider";

async function main() {
  const dbName = e2eDatabaseName();
  const urls = await preparePostgresTestDatabase({ name: dbName, adminUrl: adminDatabaseUrl() });

  const bridgePort = Number(process.env.E2E_BRIDGE_PORT ?? 3101);
  const bridge = await startUpstashBridge({ redisUrl: redisUrl(), token: E2E_BRIDGE_TOKEN, port: bridgePort, host: "127.0.0.1" });

  // The provider is up before the app, which reads its discovery document on the first sign-in.
  const oidc = await startOidcProvider({
    port: Number(new URL(oidcIssuer()).port),
    issuer: oidcIssuer(),
    clientId: E2E_OIDC_CLIENT_ID,
    clientSecret: E2E_OIDC_CLIENT_SECRET,
    redirectUri: `${baseUrl()}/api/auth/callback/oidc`,
  });

  const stripe = await startFakeStripe({ port: Number(new URL(stripeApiBase()).port), webhookUrl: `${baseUrl()}/api/webhooks/stripe` });
  const owner = await openDatabase({ driver: "postgres", url: urls.owner, max: 1 });
  try {
    await syncCatalogue(new Stripe(stripe.secretKey, { ...stripeConnection(stripe.url), maxNetworkRetries: 0 }), owner.db);
  } finally {
    await owner.close();
  }

  const port = new URL(baseUrl()).port;
  const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // The production role shape: the app never holds the owner's login.
      DATABASE_URL: urls.app,
      PLATFORM_DATABASE_URL: urls.platform,
      AUTH_SECRET: E2E_AUTH_SECRET,
      AGENTRY_KEK: E2E_KEK,
      APP_URL: baseUrl(),
      UPSTASH_REDIS_REST_URL: bridge.url,
      UPSTASH_REDIS_REST_TOKEN: E2E_BRIDGE_TOKEN,
      AUTH_OIDC_ISSUER: oidcIssuer(),
      AUTH_OIDC_ID: E2E_OIDC_CLIENT_ID,
      AUTH_OIDC_SECRET: E2E_OIDC_CLIENT_SECRET,
      AUTH_OIDC_NAME: E2E_OIDC_NAME,
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_API_BASE: stripe.url,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
    },
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    server.kill("SIGTERM");
    await Promise.all([bridge.close(), oidc.close(), stripe.close()]);
    if (!process.env.E2E_KEEP_DB) {
      await dropPostgresTestDatabase(dbName, { adminUrl: adminDatabaseUrl() }).catch((error: unknown) => {
        console.error(`could not drop the e2e database ${dbName}: ${(error as Error).message}`);
      });
    }
    process.exit(code);
  };
  process.on("SIGTERM", () => void stop(0));
  process.on("SIGINT", () => void stop(0));
  server.on("exit", (code) => void stop(code ?? 1));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
