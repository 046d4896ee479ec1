import { describe, expect, it } from "vitest";
import { isSubscribable, subscribes } from "@/server/webhooks/event-types";
import { matchesFilters, webhookFiltersInput } from "@/server/webhooks/filters";

describe("webhook subscriptions and filters (pure)", () => {
  it("matches exact types, families and everything — and a family only at its dot", () => {
    expect(subscribes(["run.completed"], "run.completed")).toBe(true);
    expect(subscribes(["run.completed"], "run.failed")).toBe(false);
    expect(subscribes(["run.*"], "run.failed")).toBe(true);
    expect(subscribes(["run.*"], "runs.other")).toBe(false);
    expect(subscribes(["*"], "agent.created")).toBe(true);
    expect(isSubscribable("run.*")).toBe(true);
    expect(isSubscribable("nope.*")).toBe(false);
    expect(isSubscribable("run.nope")).toBe(false);
  });

  it("evaluates eq, neq, in and exists on dotted paths, all of which must hold", () => {
    const payload = { agentId: "a1", severity: "high", facts: { role: "admin", count: 3 }, nothing: null };
    const parse = (f: unknown) => webhookFiltersInput.parse(f);
    expect(matchesFilters(payload, parse([{ field: "agentId", op: "eq", value: "a1" }]))).toBe(true);
    expect(matchesFilters(payload, parse([{ field: "agentId", op: "neq", value: "a1" }]))).toBe(false);
    expect(matchesFilters(payload, parse([{ field: "severity", op: "in", value: ["high", "critical"] }]))).toBe(true);
    expect(matchesFilters(payload, parse([{ field: "severity", op: "in", value: ["low"] }]))).toBe(false);
    expect(matchesFilters(payload, parse([{ field: "facts.count", op: "eq", value: 3 }]))).toBe(true);
    expect(matchesFilters(payload, parse([{ field: "facts.count", op: "eq", value: "3" }]))).toBe(false);
    expect(matchesFilters(payload, parse([{ field: "facts.role", op: "exists" }]))).toBe(true);
    expect(matchesFilters(payload, parse([{ field: "nothing", op: "exists" }]))).toBe(false);
    expect(matchesFilters(payload, parse([{ field: "facts.missing.deeper", op: "exists" }]))).toBe(false);
    expect(
      matchesFilters(
        payload,
        parse([
          { field: "agentId", op: "eq", value: "a1" },
          { field: "severity", op: "eq", value: "low" },
        ]),
      ),
    ).toBe(false);
    expect(matchesFilters(payload, parse([]))).toBe(true);
  });

  it("walks own properties only: a path through the prototype matches nothing", () => {
    const parse = (f: unknown) => webhookFiltersInput.parse(f);
    expect(matchesFilters({}, parse([{ field: "constructor.name", op: "exists" }]))).toBe(false);
    expect(matchesFilters({ a: [1, 2] }, parse([{ field: "a.length", op: "eq", value: 2 }]))).toBe(false);
  });

  it("refuses malformed filters: bad paths, unknown operators, too many, values on exists", () => {
    expect(webhookFiltersInput.safeParse([{ field: "a..b", op: "eq", value: 1 }]).success).toBe(false);
    expect(webhookFiltersInput.safeParse([{ field: "a", op: "regex", value: ".*" }]).success).toBe(false);
    expect(webhookFiltersInput.safeParse([{ field: "a", op: "exists", value: 1 }]).success).toBe(false);
    expect(webhookFiltersInput.safeParse([{ field: "a", op: "in", value: [] }]).success).toBe(false);
    expect(webhookFiltersInput.safeParse([{ field: "a", op: "eq", value: { $gt: 1 } }]).success).toBe(false);
    expect(webhookFiltersInput.safeParse(Array.from({ length: 11 }, () => ({ field: "a", op: "exists" }))).success).toBe(false);
  });
});
