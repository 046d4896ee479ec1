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

export const missing = (param: string) => new StripeError(400, "invalid_request_error", `Missing required param: ${param}.`, "parameter_missing", param);
export const noSuch = (what: string, id: string, param = "id") =>
  new StripeError(404, "invalid_request_error", `No such ${what}: '${id}'`, "resource_missing", param);

export function str(body: Obj, key: string): string {
  const value = body[key];
  if (typeof value !== "string" || value === "") throw missing(key);
  return value;
}

export const optStr = (body: Obj, key: string) => (typeof body[key] === "string" ? (body[key] as string) : null);
export const metadataOf = (body: Obj): Obj => (body.metadata && typeof body.metadata === "object" ? (body.metadata as Obj) : {});
