import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { InngestFunction } from "inngest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { stripe } from "@/server/billing/stripe/config";
import { syncCatalogue } from "@/server/billing/stripe/sync-catalogue";
import { seedTenant } from "../support/callers";
import { startFakeStripe, type FakeStripe } from "../support/fake-stripe-server";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";

/**
 * The Stripe test world: a Postgres test database with the in-process Inngest driver, the fake
 * Stripe server on the port `pointStripeAtFreeLoopbackPort` chose (the SDK reaches it over HTTP),
 * the app's real webhook route served over HTTP (the fake POSTs its signed events there), and the
 * catalogue synced into the fake so plans have prices.
 */
export type StripeWorld = { engine: TestEngine; fake: FakeStripe; webhookUrl: string; stop(): Promise<void> };

/** Serves a Next route handler's POST on a loopback port, as Next would hand it a Request. */
async function serveRoute(handler: (req: Request) => Promise<Response>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
      handler(request)
        .then(async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch((error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/stripe`, server };
}

export async function startStripeWorld(port: number, functions: readonly InngestFunction.Any[]): Promise<StripeWorld> {
  const engine = await startTestEngine({ functions });
  const fake = await startFakeStripe({ port });
  const route = await serveRoute(POST);
  fake.setWebhookUrl(route.url);
  await syncCatalogue(stripe(), engine.db.db);
  return {
    engine,
    fake,
    webhookUrl: route.url,
    async stop() {
      await new Promise<void>((resolve) => route.server.close(() => resolve()));
      await fake.close();
      await engine.stop();
    },
  };
}

/** A Free tenant (its owner calls the portal's procedures). */
export const seedFreeTenant = (world: StripeWorld) => seedTenant(world.engine.db);

export async function tenantPlan(world: StripeWorld, tenantId: string): Promise<string> {
  const [row] = await world.engine.db.ownerSql(`select plan_id from tenants where id = $1`, [tenantId]);
  return String(row!.plan_id);
}

export async function subscriptionRow(world: StripeWorld, tenantId: string) {
  const [row] = await world.engine.db.ownerSql(`select * from subscriptions where tenant_id = $1`, [tenantId]);
  return row ?? null;
}

export async function stripeEventRow(world: StripeWorld, id: string) {
  const [row] = await world.engine.db.ownerSql(
    `select id, type, processed_at, outcome, concerns_tenant_id from stripe_events where id = $1`,
    [id],
  );
  return row ?? null;
}

export async function auditActions(world: StripeWorld, tenantId: string, prefix = "billing.") {
  const rows = await world.engine.db.ownerSql(
    `select action, actor_type, actor_id, diff from audit_log where tenant_id = $1 and action like $2 order by seq`,
    [tenantId, `${prefix}%`],
  );
  return rows as { action: string; actor_type: string; actor_id: string; diff: Record<string, unknown> }[];
}

/** Starts Checkout for `planId` as the tenant's owner and completes it on the fake (webhooks sent), then drains the engine. */
export async function upgrade(world: StripeWorld, seeded: Awaited<ReturnType<typeof seedFreeTenant>>, planId = "pro") {
  const { url } = await seeded.as(seeded.owner).billing.checkout({ planId });
  const sessionId = url.split("/").pop()!;
  const done = await world.fake.completeCheckout(sessionId);
  await world.engine.drain();
  return { sessionId, ...done };
}
