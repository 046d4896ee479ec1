import { randomBytes } from "node:crypto";

/**
 * Stripe's wire format, the parts the fake server (fake-stripe-server.ts) needs: form bodies in
 * bracket notation (`line_items[0][price]=price_1`, `metadata[tenantId]=…`, `lookup_keys[]=a`),
 * ids with Stripe's prefixes, list envelopes and error bodies.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Obj = { [key: string]: Json };

/** `a[b][0][c]=x` → `{ a: { b: [ { c: "x" } ] } }`; numeric and empty keys make arrays (as Stripe reads them). */
export function parseForm(body: string): Obj {
  const root: Obj = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const head = rawKey.match(/^[^[]+/)?.[0];
    if (!head) continue;
    const path = [head, ...[...rawKey.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!)];
    let node: Obj | Json[] = root;
    path.forEach((key, i) => {
      const last = i === path.length - 1;
      const nextIsArray = !last && /^\d*$/.test(path[i + 1]!);
      const container = node as Record<string, Json> & Json[];
      const slot: string | number = Array.isArray(node) ? (key === "" ? node.length : Number(key)) : key;
      if (last) container[slot as never] = value;
      else {
        container[slot as never] ??= (nextIsArray ? [] : {}) as never;
        node = container[slot as never] as Obj | Json[];
      }
    });
  }
  return root;
}

export const now = () => Math.floor(Date.now() / 1000);

/** An id shaped like Stripe's: `cus_` + 14 base62-ish characters (test mode ids for sessions). */
export function stripeId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url").replace(/[-_]/g, "x").slice(0, 16)}`;
}

export const list = (url: string, data: Json[], hasMore = false): Obj => ({ object: "list", data, has_more: hasMore, url });

export class StripeError extends Error {
  constructor(
    readonly status: number,
    readonly type: "invalid_request_error" | "idempotency_error" | "api_error" | "authentication_error",
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
  body(): Obj {
    const error: Obj = { type: this.type, message: this.message };
    if (this.code) error.code = this.code;
    if (this.param) error.param = this.param;
    return { error };
  }
}

export const missing = (param: string) =>
  new StripeError(400, "invalid_request_error", `Missing required param: ${param}.`, "parameter_missing", param);
export const noSuch = (what: string, id: string, param = "id") =>
  new StripeError(404, "invalid_request_error", `No such ${what}: '${id}'`, "resource_missing", param);

/** Throws `error` where an expression is wanted (`map.get(id) ?? raise(noSuch(…))`). */
export function raise(error: StripeError): never {
  throw error;
}

export function str(body: Obj, key: string): string {
  const value = body[key];
  if (typeof value !== "string" || value === "") throw missing(key);
  return value;
}

export const optStr = (body: Obj, key: string) => (typeof body[key] === "string" ? (body[key] as string) : null);
export const metadataOf = (body: Obj): Obj => (body.metadata && typeof body.metadata === "object" ? (body.metadata as Obj) : {});

/** The settings tests give the app for Stripe (e2e passes the same through serve.ts). */
export const FAKE_STRIPE_SECRET_KEY = "sk_test_fake_agentry";
export const FAKE_STRIPE_WEBHOOK_SECRET = "whsec_fake_agentry";
export const TEST_APP_URL = "http://app.agentry.test";

/**
 * Points the app's Stripe settings at a free loopback port (for the fake server to listen on) and
 * sets APP_URL. Call from `vi.hoisted`: the environment is read once, at import. Imports nothing
 * of the app, so it can run before the app's modules load.
 */
export async function pointStripeAtFreeLoopbackPort(): Promise<number> {
  const { createServer } = await import("node:net");
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
    probe.on("error", reject);
  });
  process.env.STRIPE_SECRET_KEY = FAKE_STRIPE_SECRET_KEY;
  process.env.STRIPE_WEBHOOK_SECRET = FAKE_STRIPE_WEBHOOK_SECRET;
  process.env.STRIPE_API_BASE = `http://127.0.0.1:${port}`;
  process.env.APP_URL = TEST_APP_URL;
  return port;
}
