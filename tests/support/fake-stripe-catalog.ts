import { StripeError, metadataOf, now, optStr, str, stripeId, type Obj } from "./fake-stripe-wire";
import { get, listOf, type StripeStore } from "./fake-stripe-store";

/** The fake's catalogue: products and their prices (lookup keys unique, transferable as Stripe does). */

export function createProduct(store: StripeStore, body: Obj): Obj {
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

export function updateProduct(store: StripeStore, id: string, body: Obj): Obj {
  const product = get(store.products, "product", id!);
  if (typeof body.name === "string") product.name = body.name;
  if (body.active !== undefined) product.active = body.active === "true";
  product.metadata = { ...(product.metadata as Obj), ...metadataOf(body) };
  product.updated = now();
  return product;
}

export function createPrice(store: StripeStore, body: Obj): Obj {
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

export function updatePrice(store: StripeStore, id: string, body: Obj): Obj {
  const price = get(store.prices, "price", id!);
  if (body.active !== undefined) price.active = body.active === "true";
  if (typeof body.nickname === "string") price.nickname = body.nickname;
  price.metadata = { ...(price.metadata as Obj), ...metadataOf(body) };
  return price;
}

export function listPrices(store: StripeStore, path: string, body: Obj): Obj {
  const keys = Array.isArray(body.lookup_keys) ? (body.lookup_keys as string[]) : null;
  const items = [...store.prices.values()].filter(
    (p) =>
      (!keys || keys.includes(String(p.lookup_key))) &&
      (body.active === undefined || String(p.active) === body.active) &&
      (body.product === undefined || p.product === body.product),
  );
  return listOf(path, items, body.limit);
}
