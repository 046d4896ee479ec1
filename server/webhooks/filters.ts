import { z } from "zod";
import type { WebhookFilter } from "@/db/schema";

/**
 * Optional conditions on an event's payload, all of which must hold for an endpoint to receive
 * it: `agentId == X`, `severity in [high, critical]`, `facts.role exists`. A small declarative
 * structure (a dotted path into the payload, an operator, a JSON scalar or a list of them),
 * evaluated here by plain comparison — no expression language, nothing evaluated.
 */

const scalar = z.union([z.string().max(200), z.number(), z.boolean(), z.null()]);
const field = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,4}$/, "webhookFilterField")
  .describe("A dotted path into the event's payload, e.g. `agentId` or `facts.role`");

export const webhookFilterInput = z.discriminatedUnion("op", [
  z.strictObject({ field, op: z.literal("eq"), value: scalar }),
  z.strictObject({ field, op: z.literal("neq"), value: scalar }),
  z.strictObject({ field, op: z.literal("in"), value: z.array(scalar).min(1).max(20) }),
  z.strictObject({ field, op: z.literal("exists") }),
]);

export const webhookFiltersInput = z
  .array(webhookFilterInput)
  .max(10)
  .default([])
  .describe("Conditions on the payload, all of which must hold (eq, neq, in, exists)");

/** The value at a dotted path, or undefined; only own properties of plain objects are walked. */
function valueAt(payload: unknown, path: string): unknown {
  let current: unknown = payload;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object" || Array.isArray(current) || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export function matchesFilter(payload: unknown, filter: WebhookFilter): boolean {
  const value = valueAt(payload, filter.field);
  switch (filter.op) {
    case "exists":
      return value !== undefined && value !== null;
    case "eq":
      return value === filter.value;
    case "neq":
      return value !== filter.value;
    case "in":
      return Array.isArray(filter.value) && filter.value.some((candidate) => candidate === value);
  }
}

export function matchesFilters(payload: unknown, filters: readonly WebhookFilter[]): boolean {
  return filters.every((filter) => matchesFilter(payload, filter));
}
