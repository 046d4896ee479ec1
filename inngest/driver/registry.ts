import type { Inngest, InngestFunction } from "inngest";
import { serve } from "inngest/edge";
import { parseExpression, valueAt, type Expression } from "./expression";
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
  batch: { maxSize: number; timeoutMs: number } | null;
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
  batchEvents?: { maxSize: number; timeout: string };
  [other: string]: unknown;
};

const KNOWN = new Set(["id", "name", "triggers", "steps", "concurrency", "cancel", "batchEvents"]);

function keyPathOf(key: string | undefined): string[] | null {
  if (!key) return null;
  const path = key.trim().split(".");
  if (path[0] !== "event" || path.some((p) => !/^[A-Za-z_$][\w$-]*$/.test(p))) {
    throw new Error(`Unsupported concurrency key "${key}": the driver evaluates dotted paths under event.`);
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
  return {
    id: config.id,
    triggers: (config.triggers ?? []).map((t) =>
      t.cron ? { cron: t.cron } : { event: t.event!, expr: t.expression ? parseExpression(t.expression) : null },
    ),
    maxAttempts: (config.steps?.step?.retries?.attempts ?? 3) + 1,
    concurrency: concurrency && concurrency.limit > 0 ? concurrency : null,
    cancel: (config.cancel ?? []).map((c) => ({ event: c.event, expr: c.if ? parseExpression(c.if) : null })),
    batch: config.batchEvents ? { maxSize: config.batchEvents.maxSize, timeoutMs: durationMs(config.batchEvents.timeout) ?? 1_000 } : null,
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

/** The concurrency bucket a run of `spec` triggered by `event` counts against (null: unlimited). */
export function concurrencyOf(spec: FunctionSpec, event: Record<string, unknown>): { key: string; limit: number } | null {
  if (!spec.concurrency) return null;
  const { keyPath, limit } = spec.concurrency;
  const value = keyPath ? valueAt({ event }, keyPath) : "";
  return { key: `${spec.id}:${typeof value === "string" ? value : JSON.stringify(value ?? null)}`, limit };
}
