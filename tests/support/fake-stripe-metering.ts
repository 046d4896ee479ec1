import { StripeError, missing, now, optStr, raise, str, stripeId, type Obj } from "./fake-stripe-wire";
import { customerOf, type StripeStore } from "./fake-stripe-store";

/** Usage-based billing: meters (one per event name) and their events (one per identifier, as Stripe dedupes). */

export function createMeter(store: StripeStore, body: Obj): Obj {
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

export function createMeterEvent(store: StripeStore, body: Obj): Obj {
  const eventName = str(body, "event_name");
  if (![...store.meters.values()].some((m) => m.event_name === eventName && m.status === "active")) {
    throw new StripeError(400, "invalid_request_error", `No active meter for event_name '${eventName}'.`, "resource_missing", "event_name");
  }
  const payload = (body.payload ?? {}) as Obj;
  customerOf(store, String(payload.stripe_customer_id ?? ""), "payload[stripe_customer_id]");
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
