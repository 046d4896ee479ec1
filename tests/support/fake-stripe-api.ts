import {
  StripeError,
  list,
  metadataOf,
  missing,
  noSuch,
  now,
  optStr,
  parseForm,
  str,
  stripeId,
  type Json,
  type Obj,
} from "./fake-stripe-wire";

/**
 * The resources of the fake Stripe server (fake-stripe-server.ts): what each endpoint stores and
 * answers, in Stripe's shapes (`object`, prefixed ids, `created` in seconds, lists).
 */

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

const DAY = 86_400;

export function createStripeApi(origin: () => string) {
  const store: StripeStore = {
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

  const get = (map: Map<string, Obj>, what: string, id: string) => map.get(id) ?? raise(noSuch(what, id));
  const customer = (id: string, param = "customer") => store.customers.get(id) ?? raise(noSuch("customer", id, param));
  const listOf = (path: string, items: Obj[], limit: Json | undefined) => {
    const n = Math.min(Number(limit ?? 10) || 10, 100);
    return list(path, items.slice(0, n), items.length > n);
  };

  function createPrice(body: Obj): Obj {
    const product = str(body, "product");
    get(store.products, "product", product);
    const recurring = (body.recurring ?? null) as Obj | null;
    const lookupKey = optStr(body, "lookup_key");
    if (lookupKey) {
      const holder = [...store.prices.values()].find((p) => p.lookup_key === lookupKey);
      if (holder && body.transfer_lookup_key !== "true") {
        throw new StripeError(
          400,
          "invalid_request_error",
          `A price (\`${String(holder.id)}\`) already uses that lookup key.`,
          "lookup_key_in_use",
          "lookup_key",
        );
      }
      if (holder) holder.lookup_key = null;
    }
    const price: Obj = {
      id: stripeId("price"),
      object: "price",
      active: body.active !== "false",
      billing_scheme: "per_unit",
      created: now(),
      currency: str(body, "currency").toLowerCase(),
      livemode: false,
      lookup_key: lookupKey,
      metadata: metadataOf(body),
      nickname: optStr(body, "nickname"),
      product,
      recurring: recurring
        ? {
            interval: String(recurring.interval ?? "month"),
            interval_count: Number(recurring.interval_count ?? 1),
            meter: (recurring.meter as string | undefined) ?? null,
            usage_type: String(recurring.usage_type ?? "licensed"),
          }
        : null,
      type: recurring ? "recurring" : "one_time",
      unit_amount: body.unit_amount === undefined ? null : Number(body.unit_amount),
      unit_amount_decimal:
        (body.unit_amount_decimal as string | undefined) ?? (body.unit_amount === undefined ? null : String(body.unit_amount)),
    };
    store.prices.set(String(price.id), price);
    return price;
  }

  function createSession(body: Obj): Obj {
    if (str(body, "mode") !== "subscription")
      throw new StripeError(400, "invalid_request_error", "Only subscription mode is faked.", "parameter_invalid_string", "mode");
    customer(str(body, "customer"));
    const items = (Array.isArray(body.line_items) ? body.line_items : []) as Obj[];
    if (items.length === 0) throw missing("line_items");
    items.forEach((item, i) => {
      const price = store.prices.get(String(item.price)) ?? raise(noSuch("price", String(item.price), `line_items[${i}][price]`));
      if (!price.active)
        throw new StripeError(
          400,
          "invalid_request_error",
          `The price specified is inactive.`,
          "price_inactive",
          `line_items[${i}][price]`,
        );
    });
    const id = stripeId("cs_test");
    const session: Obj = {
      id,
      object: "checkout.session",
      cancel_url: optStr(body, "cancel_url"),
      client_reference_id: optStr(body, "client_reference_id"),
      created: now(),
      currency: "usd",
      customer: String(body.customer),
      expires_at: now() + DAY,
      livemode: false,
      metadata: metadataOf(body),
      mode: "subscription",
      payment_status: "unpaid",
      status: "open",
      subscription: null,
      success_url: str(body, "success_url"),
      url: `${origin()}/c/pay/${id}`,
      // Not part of Stripe's answer (line items are fetched separately); the fake keeps them to complete the session.
      _line_items: items,
      _subscription_metadata: metadataOf((body.subscription_data ?? {}) as Obj),
    };
    store.sessions.set(id, session);
    return session;
  }

  const view = (session: Obj): Obj => Object.fromEntries(Object.entries(session).filter(([k]) => !k.startsWith("_")));

  function createMeterEvent(body: Obj): Obj {
    const eventName = str(body, "event_name");
    if (![...store.meters.values()].some((m) => m.event_name === eventName && m.status === "active")) {
      throw new StripeError(
        400,
        "invalid_request_error",
        `No active meter for event_name '${eventName}'.`,
        "resource_missing",
        "event_name",
      );
    }
    const payload = (body.payload ?? {}) as Obj;
    customer(String(payload.stripe_customer_id ?? ""), "payload[stripe_customer_id]");
    if (!/^\d+$/.test(String(payload.value ?? "")))
      throw new StripeError(
        400,
        "invalid_request_error",
        "payload[value] must be a whole number.",
        "parameter_invalid_integer",
        "payload[value]",
      );
    const identifier = optStr(body, "identifier") ?? stripeId("mev");
    if (store.meterEvents.some((e) => e.identifier === identifier)) {
      throw new StripeError(
        400,
        "invalid_request_error",
        `An event with identifier '${identifier}' already exists.`,
        "resource_already_exists",
        "identifier",
      );
    }
    const event: Obj = {
      object: "billing.meter_event",
      created: now(),
      event_name: eventName,
      identifier,
      livemode: false,
      payload,
      timestamp: Number(body.timestamp ?? now()),
    };
    store.meterEvents.push(event);
    return event;
  }

  /** What paying on the Checkout page makes: an active subscription and its first, paid invoice. */
  function complete(sessionId: string) {
    const session = get(store.sessions, "checkout.session", sessionId);
    if (session.status !== "open")
      throw new StripeError(400, "invalid_request_error", "This Checkout session is no longer open.", "checkout_session_not_open");
    const start = now();
    const subId = stripeId("sub");
    const prices = (session._line_items as Obj[]).map((item) => ({
      price: store.prices.get(String(item.price))!,
      quantity: item.quantity === undefined ? null : Number(item.quantity),
    }));
    const invoiceId = stripeId("in");
    const subscription: Obj = {
      id: subId,
      object: "subscription",
      cancel_at_period_end: false,
      canceled_at: null,
      created: start,
      currency: "usd",
      customer: String(session.customer),
      items: list(
        `/v1/subscription_items?subscription=${subId}`,
        prices.map(({ price, quantity }) => ({
          id: stripeId("si"),
          object: "subscription_item",
          created: start,
          current_period_start: start,
          current_period_end: start + 30 * DAY,
          price,
          quantity,
          subscription: subId,
        })),
      ),
      latest_invoice: invoiceId,
      livemode: false,
      metadata: session._subscription_metadata as Obj,
      start_date: start,
      status: "active",
    };
    const amount = prices.reduce(
      (sum, { price, quantity }) =>
        sum +
        (price.recurring && (price.recurring as Obj).usage_type === "licensed" ? Number(price.unit_amount ?? 0) * (quantity ?? 1) : 0),
      0,
    );
    const invoice: Obj = {
      id: invoiceId,
      object: "invoice",
      amount_due: amount,
      amount_paid: amount,
      amount_remaining: 0,
      billing_reason: "subscription_create",
      created: start,
      currency: "usd",
      customer: String(session.customer),
      hosted_invoice_url: `${origin()}/i/${invoiceId}`,
      invoice_pdf: `${origin()}/i/${invoiceId}/pdf`,
      livemode: false,
      number: `FAKE-${String(store.invoices.size + 1).padStart(4, "0")}`,
      parent: {
        type: "subscription_details",
        quote_details: null,
        subscription_details: { metadata: subscription.metadata as Obj, subscription: subId },
      },
      period_end: start,
      period_start: start,
      status: "paid",
    };
    store.subscriptions.set(subId, subscription);
    store.invoices.set(invoiceId, invoice);
    Object.assign(session, { status: "complete", payment_status: "paid", subscription: subId });
    return { session: view(session), subscription, invoice };
  }

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
        return customer(id!, "id");
      case "POST /products": {
        const id = optStr(body, "id") ?? stripeId("prod");
        if (store.products.has(id))
          throw new StripeError(400, "invalid_request_error", `Product already exists.`, "resource_already_exists", "id");
        const product: Obj = {
          id,
          object: "product",
          active: true,
          created: now(),
          livemode: false,
          metadata: metadataOf(body),
          name: str(body, "name"),
          updated: now(),
        };
        store.products.set(id, product);
        return product;
      }
      case "GET /products/:id":
        return get(store.products, "product", id!);
      case "POST /products/:id": {
        const product = get(store.products, "product", id!);
        if (typeof body.name === "string") product.name = body.name;
        if (body.active !== undefined) product.active = body.active === "true";
        product.metadata = { ...(product.metadata as Obj), ...metadataOf(body) };
        product.updated = now();
        return product;
      }
      case "GET /products":
        return listOf(path, [...store.products.values()], body.limit);
      case "POST /prices":
        return createPrice(body);
      case "GET /prices/:id":
        return get(store.prices, "price", id!);
      case "POST /prices/:id": {
        const price = get(store.prices, "price", id!);
        if (body.active !== undefined) price.active = body.active === "true";
        if (typeof body.nickname === "string") price.nickname = body.nickname;
        price.metadata = { ...(price.metadata as Obj), ...metadataOf(body) };
        return price;
      }
      case "GET /prices": {
        const keys = Array.isArray(body.lookup_keys) ? (body.lookup_keys as string[]) : null;
        const items = [...store.prices.values()].filter(
          (p) =>
            (!keys || keys.includes(String(p.lookup_key))) &&
            (body.active === undefined || String(p.active) === body.active) &&
            (body.product === undefined || p.product === body.product),
        );
        return listOf(path, items, body.limit);
      }
      case "POST /checkout/sessions":
        return view(createSession(body));
      case "GET /checkout/sessions/:id":
        return view(get(store.sessions, "checkout.session", id!));
      case "POST /billing_portal/sessions": {
        const cus = str(body, "customer");
        customer(cus);
        const id = stripeId("bps");
        const session: Obj = {
          id,
          object: "billing_portal.session",
          created: now(),
          customer: cus,
          livemode: false,
          return_url: optStr(body, "return_url"),
          url: `${origin()}/p/session/${id}`,
        };
        store.portalSessions.set(id, session);
        return session;
      }
      case "GET /subscriptions/:id":
        return get(store.subscriptions, "subscription", id!);
      case "GET /subscriptions":
        return listOf(
          path,
          [...store.subscriptions.values()].filter((s) => body.customer === undefined || s.customer === body.customer),
          body.limit,
        );
      case "POST /billing/meters": {
        const eventName = str(body, "event_name");
        if ([...store.meters.values()].some((m) => m.event_name === eventName)) {
          throw new StripeError(
            400,
            "invalid_request_error",
            `A meter with event_name '${eventName}' already exists.`,
            "resource_already_exists",
            "event_name",
          );
        }
        const meter: Obj = {
          id: stripeId("mtr"),
          object: "billing.meter",
          created: now(),
          customer_mapping: (body.customer_mapping as Obj | undefined) ?? { event_payload_key: "stripe_customer_id", type: "by_id" },
          default_aggregation: (body.default_aggregation as Obj | undefined) ?? raise(missing("default_aggregation")),
          display_name: str(body, "display_name"),
          event_name: eventName,
          livemode: false,
          status: "active",
          value_settings: (body.value_settings as Obj | undefined) ?? { event_payload_key: "value" },
        };
        store.meters.set(String(meter.id), meter);
        return meter;
      }
      case "GET /billing/meters":
        return listOf(
          path,
          [...store.meters.values()].filter((m) => body.status === undefined || m.status === body.status),
          body.limit,
        );
      case "POST /billing/meter_events":
        return createMeterEvent(body);
      default:
        throw new StripeError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
    }
  }

  return {
    store,
    route,
    complete,
    /** GET parameters arrive in the query string, POST ones in the body: both in bracket notation. */
    parseBody: (method: string, url: URL, raw: string): Obj => (method === "GET" ? parseForm(url.search.slice(1)) : parseForm(raw)),
  };
}

function raise(error: StripeError): never {
  throw error;
}
