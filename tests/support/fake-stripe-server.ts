import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { createStripeApi, type StripeStore } from "./fake-stripe-api";
import { FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET, StripeError, now, stripeId, type Obj } from "./fake-stripe-wire";

/**
 * A local server speaking the subset of Stripe's REST API Agentry uses, so tests and e2e run the
 * real `stripe` SDK over real HTTP (STRIPE_API_BASE points the SDK here): form-encoded bodies in
 * bracket notation, `Authorization: Bearer <secret key>`, Stripe's object shapes and list envelopes,
 * `{error:{type,code,message,param}}` with Stripe's statuses, and `Idempotency-Key` (the same key
 * replays the first answer; the same key with another body is a 400 `idempotency_error`).
 *
 * Endpoints (fake-stripe-api.ts): customers, products, prices (with `lookup_keys`), checkout
 * sessions, billing portal sessions, subscriptions, billing meters, meter events (deduped on
 * `identifier`). What Stripe would do by itself — a customer paying on the Checkout page — the
 * test does through `completeCheckout`, which makes the subscription and first invoice and POSTs
 * the webhooks, signed with the SDK's own `generateTestHeaderString`, to `webhookUrl`. The Checkout
 * page (`session.url`) has a "Pay" button doing the same, then redirecting to the success URL; e2e
 * can also call `POST /_fake/checkout/<id>/complete` with the secret key.
 */

export type FakeStripeOptions = { secretKey?: string; webhookSecret?: string; webhookUrl?: string; port?: number; host?: string };

export type Delivery = { event: Obj; status: number; body: string };

export type SendOptions = {
  /** The event's `created` (seconds): what the processor orders events by. */
  created?: number;
  /** The signature's timestamp (seconds); default now. An old one is a replay. */
  timestamp?: number;
  /** Sign with this secret instead (a wrong secret is a forged event). */
  secret?: string;
  previousAttributes?: Obj;
  /** Reuse this event id (a redelivery). */
  id?: string;
};

export type FakeStripe = {
  url: string;
  secretKey: string;
  webhookSecret: string;
  store: StripeStore;
  requests: { method: string; path: string; body: Obj; idempotencyKey: string | null }[];
  setWebhookUrl(url: string): void;
  /** Fail the next `count` requests to paths starting with `pathPrefix` with `status` (api_error). */
  failNext(pathPrefix: string, count: number, status?: number): void;
  clearFailures(): void;
  /** Pays the session; `send: false` leaves the webhooks to the test (to deliver them out of order). */
  completeCheckout(
    sessionId: string,
    options?: { send?: boolean },
  ): Promise<{ session: Obj; subscription: Obj; invoice: Obj; deliveries: Delivery[] }>;
  /** Builds an event and its `Stripe-Signature` header without sending it. */
  signEvent(type: string, object: Obj, options?: SendOptions): { event: Obj; payload: string; header: string };
  sendEvent(type: string, object: Obj, options?: SendOptions): Promise<Delivery>;
  /** POSTs an exact payload with a header (tampering, redelivery of the same bytes). */
  post(payload: string, header: string): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
};

const SDK = new Stripe("sk_test_signing_only");

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? FAKE_STRIPE_SECRET_KEY;
  const webhookSecret = options.webhookSecret ?? FAKE_STRIPE_WEBHOOK_SECRET;
  let webhookUrl = options.webhookUrl ?? null;
  const requests: FakeStripe["requests"] = [];
  const idempotent = new Map<string, { fingerprint: string; status: number; body: Obj }>();
  const failures: { prefix: string; count: number; status: number }[] = [];
  let origin = "";
  const api = createStripeApi(() => origin);

  async function post(payload: string, header: string) {
    if (!webhookUrl) throw new Error("the fake Stripe server has no webhook URL");
    const response = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": header },
      body: payload,
    });
    return { status: response.status, body: await response.text() };
  }

  function signEvent(type: string, object: Obj, send: SendOptions = {}) {
    const event: Obj = {
      id: send.id ?? stripeId("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: send.created ?? now(),
      data: { object, ...(send.previousAttributes ? { previous_attributes: send.previousAttributes } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    const payload = JSON.stringify(event, null, 2);
    const header = SDK.webhooks.generateTestHeaderString({
      payload,
      secret: send.secret ?? webhookSecret,
      timestamp: send.timestamp ?? now(),
    });
    return { event, payload, header };
  }

  async function sendEvent(type: string, object: Obj, send: SendOptions = {}): Promise<Delivery> {
    const { event, payload, header } = signEvent(type, object, send);
    return { event, ...(await post(payload, header)) };
  }

  async function completeCheckout(sessionId: string, complete: { send?: boolean } = {}) {
    const { session, subscription, invoice } = api.complete(sessionId);
    if (complete.send === false) return { session, subscription, invoice, deliveries: [] };
    const deliveries = [
      await sendEvent("checkout.session.completed", session),
      await sendEvent("customer.subscription.created", subscription),
      await sendEvent("invoice.paid", invoice),
    ];
    return { session, subscription, invoice, deliveries };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const url = new URL(req.url ?? "/", origin);
    const send = (status: number, body: Obj | string, type = "application/json") => {
      res.writeHead(status, { "content-type": type, "request-id": stripeId("req") });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    // The hosted Checkout page a browser lands on, and its Pay button (what the customer does at Stripe).
    const page = url.pathname.match(/^\/c\/pay\/([^/]+)(\/complete)?$/);
    if (page) {
      const session = api.store.sessions.get(page[1]!);
      if (!session) return send(404, "<h1>No such Checkout session</h1>", "text/html");
      if (!page[2])
        return send(
          200,
          `<!doctype html><title>Fake Stripe Checkout</title><h1>Fake Stripe Checkout</h1><form method="post" action="${url.pathname}/complete"><button>Pay</button></form>`,
          "text/html",
        );
      await completeCheckout(page[1]!);
      res.writeHead(303, { location: String(session.success_url) });
      return res.end();
    }
    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      const error = new StripeError(401, "authentication_error", "Invalid API Key provided.");
      return send(401, error.body());
    }
    const control = url.pathname.match(/^\/_fake\/checkout\/([^/]+)\/complete$/);
    if (control && req.method === "POST") {
      const done = await completeCheckout(control[1]!);
      return send(200, {
        subscription: done.subscription,
        deliveries: done.deliveries.map((d) => ({ type: String(d.event.type), status: d.status })),
      });
    }
    const body = api.parseBody(req.method ?? "GET", url, raw);
    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    requests.push({ method: req.method ?? "GET", path: url.pathname, body, idempotencyKey: key });
    const fingerprint = createHash("sha256").update(`${req.method} ${url.pathname}\n${raw}`).digest("hex");
    if (key && req.method === "POST") {
      const seen = idempotent.get(key);
      if (seen && seen.fingerprint !== fingerprint) {
        const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
        return send(400, new StripeError(400, "idempotency_error", message).body());
      }
      if (seen) {
        res.setHeader("idempotent-replayed", "true");
        return send(seen.status, seen.body);
      }
    }
    const failure = failures.find((f) => f.count > 0 && url.pathname.startsWith(f.prefix));
    let status = 200;
    let answer: Obj;
    if (failure) {
      failure.count -= 1;
      status = failure.status;
      answer = new StripeError(failure.status, "api_error", "The fake Stripe server was told to fail this request.").body();
    } else {
      try {
        answer = api.route(req.method ?? "GET", url, body);
      } catch (error) {
        if (!(error instanceof StripeError)) throw error;
        status = error.status;
        answer = error.body();
      }
    }
    // Stripe stores the answer of a keyed POST, errors included (except its own 5xx, which may be retried).
    if (key && req.method === "POST" && status < 500) idempotent.set(key, { fingerprint, status, body: answer });
    send(status, answer);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      handle(req, res, Buffer.concat(chunks).toString("utf8")).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify(new StripeError(500, "api_error", (error as Error).message).body()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  origin = `http://${options.host ?? "127.0.0.1"}:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    secretKey,
    webhookSecret,
    store: api.store,
    requests,
    setWebhookUrl: (url) => void (webhookUrl = url),
    failNext: (prefix, count, status = 500) => void failures.push({ prefix, count, status }),
    clearFailures: () => void failures.splice(0),
    completeCheckout,
    signEvent,
    sendEvent,
    post,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
