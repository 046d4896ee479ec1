import { list, noSuch, raise, type Json, type Obj } from "./fake-stripe-wire";

/** What the fake Stripe server holds, per resource, in Stripe's shapes; and the lookups every resource uses. */

export type StripeStore = {
  customers: Map<string, Obj>;
  products: Map<string, Obj>;
  prices: Map<string, Obj>;
  sessions: Map<string, Obj>;
  portalSessions: Map<string, Obj>;
  subscriptions: Map<string, Obj>;
  invoices: Map<string, Obj>;
  meters: Map<string, Obj>;
  /** Accepted meter events, one per identifier. */
  meterEvents: Obj[];
};

export const DAY = 86_400;

export function createStore(): StripeStore {
  return {
    customers: new Map(),
    products: new Map(),
    prices: new Map(),
    sessions: new Map(),
    portalSessions: new Map(),
    subscriptions: new Map(),
    invoices: new Map(),
    meters: new Map(),
    meterEvents: [],
  };
}

/** One of `map`'s objects, or Stripe's 404 for it. */
export const get = (map: Map<string, Obj>, what: string, id: string) => map.get(id) ?? raise(noSuch(what, id));

/** A customer named by `param`, or Stripe's 404 naming that parameter. */
export const customerOf = (store: StripeStore, id: string, param = "customer") =>
  store.customers.get(id) ?? raise(noSuch("customer", id, param));

/** A list answer: the first `limit` (default 10, at most 100), saying whether there are more. */
export const listOf = (path: string, items: Obj[], limit: Json | undefined) => {
  const n = Math.min(Number(limit ?? 10) || 10, 100);
  return list(path, items.slice(0, n), items.length > n);
};
