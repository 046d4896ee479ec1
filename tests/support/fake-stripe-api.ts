import { StripeError, metadataOf, now, optStr, parseForm, stripeId, type Obj } from "./fake-stripe-wire";
import { createPrice, createProduct, listPrices, updatePrice, updateProduct } from "./fake-stripe-catalog";
import { complete, createPortalSession, createSession, view } from "./fake-stripe-checkout";
import { createMeter, createMeterEvent } from "./fake-stripe-metering";
import { createStore, customerOf, get, listOf, type StripeStore } from "./fake-stripe-store";

export type { StripeStore } from "./fake-stripe-store";

/**
 * The resources of the fake Stripe server (fake-stripe-server.ts): which endpoint does what, in
 * Stripe's shapes (`object`, prefixed ids, `created` in seconds, lists). The resources live in
 * their own files: catalogue (products, prices), checkout (sessions, subscriptions, invoices,
 * portal), metering (meters, meter events); the store and its lookups in fake-stripe-store.ts.
 */
export function createStripeApi(origin: () => string) {
  const store: StripeStore = createStore();

  function route(method: string, url: URL, body: Obj): Obj {
    const path = url.pathname;
    const match = path.match(
      /^\/v1\/(checkout\/sessions|billing_portal\/sessions|billing\/meters|billing\/meter_events|[a-z_]+)(?:\/([^/]+))?$/,
    );
    const id = match?.[2];
    const key = match ? `${method} /${match[1]}${id ? "/:id" : ""}` : "";
    switch (key) {
      case "POST /customers": {
        const created: Obj = {
          id: stripeId("cus"),
          object: "customer",
          created: now(),
          email: optStr(body, "email"),
          livemode: false,
          metadata: metadataOf(body),
          name: optStr(body, "name"),
        };
        store.customers.set(String(created.id), created);
        return created;
      }
      case "GET /customers/:id":
        return customerOf(store, id!, "id");
      case "POST /products":
        return createProduct(store, body);
      case "GET /products/:id":
        return get(store.products, "product", id!);
      case "POST /products/:id":
        return updateProduct(store, id!, body);
      case "GET /products":
        return listOf(path, [...store.products.values()], body.limit);
      case "POST /prices":
        return createPrice(store, body);
      case "GET /prices/:id":
        return get(store.prices, "price", id!);
      case "POST /prices/:id":
        return updatePrice(store, id!, body);
      case "GET /prices":
        return listPrices(store, path, body);
      case "POST /checkout/sessions":
        return view(createSession(store, origin, body));
      case "GET /checkout/sessions/:id":
        return view(get(store.sessions, "checkout.session", id!));
      case "POST /billing_portal/sessions":
        return createPortalSession(store, origin, body);
      case "GET /subscriptions/:id":
        return get(store.subscriptions, "subscription", id!);
      case "GET /subscriptions":
        return listOf(
          path,
          [...store.subscriptions.values()].filter((s) => body.customer === undefined || s.customer === body.customer),
          body.limit,
        );
      case "POST /billing/meters":
        return createMeter(store, body);
      case "GET /billing/meters":
        return listOf(
          path,
          [...store.meters.values()].filter((m) => body.status === undefined || m.status === body.status),
          body.limit,
        );
      case "POST /billing/meter_events":
        return createMeterEvent(store, body);
      default:
        throw new StripeError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
    }
  }

  return {
    store,
    route,
    complete: (sessionId: string) => complete(store, origin, sessionId),
    /** GET parameters arrive in the query string, POST ones in the body: both in bracket notation. */
    parseBody: (method: string, url: URL, raw: string): Obj => (method === "GET" ? parseForm(url.search.slice(1)) : parseForm(raw)),
  };
}
