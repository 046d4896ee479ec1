import type { Inngest, InngestFunction } from "inngest";
import { serve } from "inngest/edge";
import { evaluate, parseExpression, valueAt, type Expression } from "./expression";
import { durationMs } from "./time-string";

/**
 * What the driver knows about each function: exactly what an Inngest server learns at sync — the
 * SDK's own function configs (`getConfig`, the body of a sync request, spec 4.3) — plus the serve
 * handler that executes them. Reading the configs rather than our source keeps the driver honest:
 * a function that works here declares itself the way Inngest Cloud would read it.
 */
export type Trigger = { event: string; expr: Expression | null } | { cron: string };

export type FunctionSpec = {
  /** Composite id (`<app id>-<function id>`): the `fnId` query parameter. */
  id: string;
  triggers: Trigger[];
  /** Total attempts per step / function call: `retries` + 1. */
  maxAttempts: number;
  concurrency: { keyPath: string[] | null; limit: number } | null;
  cancel: { event: string; expr: Expression | null }[];
  batch: { maxSize: number; timeoutMs: number; keyPath: string[] | null } | null;
  /** `priority.run`: seconds a run starts ahead of (or behind) runs enqueued at the same time. */
  priority: ((event: Record<string, unknown>) => number) | null;
  throttle: RateSpec | null;
  rateLimit: RateSpec | null;
  /** `debounce` (debounce.ts): the wait after the last event, and the longest wait after the first. */
  debounce: { keyPath: string[] | null; periodMs: number; timeoutMs: number | null } | null;
  /** Flow-control options in the config the driver does not enforce (logged once at start). */
  ignored: string[];
};

export type Registry = {
  specs: Map<string, FunctionSpec>;
  handler: (req: Request) => Promise<Response>;
};

type RawConfig = {
  id: string;
  triggers?: { event?: string; expression?: string; cron?: string }[];
  steps?: Record<string, { retries?: { attempts?: number } }>;
  concurrency?: { key?: string; limit: number } | { key?: string; limit: number }[] | number;
  cancel?: { event: string; if?: string }[];
  batchEvents?: { maxSize: number; timeout: string; key?: string; if?: string };
  priority?: { run?: string };
  throttle?: { limit: number; period: string; key?: string; burst?: number };
  rateLimit?: { limit: number; period: string; key?: string };
  debounce?: { period: string; key?: string; timeout?: string };
  [other: string]: unknown;
};

const KNOWN = new Set([
  "id",
  "name",
  "triggers",
  "steps",
  "concurrency",
  "cancel",
  "batchEvents",
  "priority",
  "throttle",
  "rateLimit",
  "debounce",
]);

/** Splits `cond ? then : else` at its top level (quotes skipped; a nested ternary belongs to `else`). */
function splitTernary(source: string): [string, string, string] | null {
  let quote: string | null = null;
  let question = -1;
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "?") {
      if (question < 0) question = i;
      else depth++;
    } else if (c === ":" && question >= 0) {
      if (depth === 0) return [source.slice(0, question), source.slice(question + 1, i), source.slice(i + 1)];
      depth--;
    }
  }
  return null;
}

type Pick = (event: Record<string, unknown>) => number;

function priorityValue(text: string): Pick {
  const ternary = splitTernary(text);
  if (ternary) {
    const test = parseExpression(ternary[0]);
    const [yes, no] = [priorityValue(ternary[1]), priorityValue(ternary[2])];
    return (event) => (evaluate(test, { event }) ? yes(event) : no(event));
  }
  const t = text.trim();
  if (/^-?\d+$/.test(t)) return () => Number(t);
  const path = keyPathOf(t)!;
  return (event) => Number(valueAt({ event }, path));
}

/**
 * `priority.run` in the forms the driver evaluates: an integer, a dotted path under `event`, or
 * `<comparison> ? <value> : <value>` where a value may itself be such a ternary (CEL's
 * right-associative chain: `a ? 300 : b ? 120 : 0`), comparisons in the restricted expression
 * form. Clamped to ±600 s as Inngest does; anything that is not a number counts as 0.
 */
function priorityOf(source: string | undefined): FunctionSpec["priority"] {
  if (!source) return null;
  const pick = priorityValue(source);
  return (event) => {
    const seconds = pick(event);
    return Number.isFinite(seconds) ? Math.max(-600, Math.min(600, Math.trunc(seconds))) : 0;
  };
}

/**
 * `throttle` (runs over the limit start later) and `rateLimit` (runs over the limit are not
 * started): both GCRA per function and key value, as Inngest's queue applies them — `limit` runs
 * per `period`, evenly spaced (one every period / limit), plus `burst` extra at once (throttle only).
 */
export type RateSpec = { keyPath: string[] | null; limit: number; periodMs: number; burst: number };

function rateOf(raw: { limit: number; period: string; key?: string; burst?: number } | undefined, what: string): RateSpec | null {
  if (!raw || !(raw.limit > 0)) return null;
  const periodMs = durationMs(raw.period);
  if (!periodMs) throw new Error(`Unsupported ${what}.period "${raw.period}"`);
  return { keyPath: keyPathOf(raw.key), limit: raw.limit, periodMs, burst: Math.max(0, raw.burst ?? 0) };
}

function debounceOf(raw: RawConfig["debounce"]): FunctionSpec["debounce"] {
  if (!raw) return null;
  const periodMs = durationMs(raw.period);
  const timeoutMs = raw.timeout ? durationMs(raw.timeout) : null;
  if (!periodMs || (raw.timeout && !timeoutMs)) throw new Error(`Unsupported debounce "${JSON.stringify(raw)}"`);
  return { keyPath: keyPathOf(raw.key), periodMs, timeoutMs };
}

function keyPathOf(key: string | undefined): string[] | null {
  if (!key) return null;
  const path = key.trim().split(".");
  if (path[0] !== "event" || path.some((p) => !/^[A-Za-z_$][\w$-]*$/.test(p))) {
    throw new Error(`Unsupported key "${key}": the driver evaluates dotted paths under event.`);
  }
  return path;
}

export function specOf(config: RawConfig): FunctionSpec {
  const rawConcurrency = Array.isArray(config.concurrency) ? config.concurrency[0] : config.concurrency;
  const concurrency =
    typeof rawConcurrency === "number"
      ? { keyPath: null, limit: rawConcurrency }
      : rawConcurrency
        ? { keyPath: keyPathOf(rawConcurrency.key), limit: rawConcurrency.limit }
        : null;
  const ignored = Object.keys(config).filter((k) => !KNOWN.has(k) && config[k] !== undefined);
  if (Array.isArray(config.concurrency) && config.concurrency.length > 1) ignored.push("concurrency[1..]");
  if (config.batchEvents?.if) ignored.push("batchEvents.if");
  return {
    id: config.id,
    triggers: (config.triggers ?? []).map((t) =>
      t.cron ? { cron: t.cron } : { event: t.event!, expr: t.expression ? parseExpression(t.expression) : null },
    ),
    maxAttempts: (config.steps?.step?.retries?.attempts ?? 3) + 1,
    concurrency: concurrency && concurrency.limit > 0 ? concurrency : null,
    cancel: (config.cancel ?? []).map((c) => ({ event: c.event, expr: c.if ? parseExpression(c.if) : null })),
    batch: config.batchEvents
      ? {
          maxSize: config.batchEvents.maxSize,
          timeoutMs: durationMs(config.batchEvents.timeout) ?? 1_000,
          keyPath: keyPathOf(config.batchEvents.key),
        }
      : null,
    priority: priorityOf(config.priority?.run),
    throttle: rateOf(config.throttle, "throttle"),
    rateLimit: rateOf(config.rateLimit ? { ...config.rateLimit, burst: 0 } : undefined, "rateLimit"),
    debounce: debounceOf(config.debounce),
    ignored,
  };
}

/** The serve handler (the SDK's own, in process) and the specs of every function it serves. */
export function createRegistry(client: Inngest.Any, functions: readonly InngestFunction.Any[]): Registry {
  const handler = serve({ client, functions: [...functions] });
  const specs = new Map<string, FunctionSpec>();
  const base = new URL("http://embedded.invalid/api/inngest");
  for (const fn of functions) {
    const configs = (fn as unknown as { getConfig(o: { baseUrl: URL; appPrefix: string }): RawConfig[] }).getConfig({
      baseUrl: base,
      appPrefix: client.id,
    });
    for (const config of configs) specs.set(config.id, specOf(config));
  }
  return { specs, handler };
}

/** The value of a `key` path for `event`, as a string (one bucket per distinct value). */
export function keyValueOf(keyPath: string[] | null, event: Record<string, unknown>): string {
  const value = keyPath ? valueAt({ event }, keyPath) : "";
  return typeof value === "string" ? value : JSON.stringify(value ?? null);
}

/** The concurrency bucket a run of `spec` triggered by `event` counts against (null: unlimited). */
export function concurrencyOf(spec: FunctionSpec, event: Record<string, unknown>): { key: string; limit: number } | null {
  if (!spec.concurrency) return null;
  const { keyPath, limit } = spec.concurrency;
  const value = keyPath ? valueAt({ event }, keyPath) : "";
  return { key: `${spec.id}:${typeof value === "string" ? value : JSON.stringify(value ?? null)}`, limit };
}
