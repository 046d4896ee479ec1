import type { PendingOp, StepMemo } from "@/db/schema/engine";
import { canonicalJson, signatureHeader } from "./signing";

/** An event as the SDK receives it (spec 1.3.4). */
export type SdkEvent = { id?: string; name: string; data: Record<string, unknown>; ts?: number; v?: string; user?: unknown };

/** One op of a 206 response (spec 5.1.1). */
export type SdkOp = {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: unknown;
  opts?: Record<string, unknown>;
};

export type CallOutcome =
  | { kind: "done"; output: unknown }
  | { kind: "ops"; ops: SdkOp[]; retryAfter: string | null }
  | { kind: "error"; error: unknown; noRetry: boolean; retryAfter: string | null; status: number };

export type CallInput = {
  functionId: string;
  /** A planned step to run, or null to let the SDK find the next ones ("step"). */
  stepId: string | null;
  runId: string;
  attempt: number;
  maxAttempts: number;
  events: SdkEvent[];
  steps: Record<string, StepMemo>;
  stack: string[];
};

export type CallDeps = { handler: (req: Request) => Promise<Response>; signingKey: string | null };

/** The call request body of spec 4.4 (no `fn_id`: that would switch the SDK to checkpointing against an API we do not have). */
export function callBody(input: CallInput) {
  return {
    event: input.events[0] ?? {},
    events: input.events,
    steps: input.steps,
    ctx: {
      run_id: input.runId,
      attempt: input.attempt,
      max_attempts: input.maxAttempts,
      disable_immediate_execution: false,
      use_api: false,
      stack: { stack: input.stack, current: Math.max(0, input.stack.length - 1) },
    },
  };
}

/**
 * One Call Request, made in process: a `Request` handed to the SDK's own serve handler, signed
 * the way an Inngest server signs (signing.ts says why), and its answer read per spec 4.4/5.1:
 * 200 = the function returned, 206 = ops to schedule, anything else = the call failed
 * (`X-Inngest-No-Retry`, `Retry-After` honoured).
 */
export async function callFunction(deps: CallDeps, input: CallInput): Promise<CallOutcome> {
  const body = canonicalJson(callBody(input));
  const url = new URL("http://embedded.invalid/api/inngest");
  url.searchParams.set("fnId", input.functionId);
  url.searchParams.set("stepId", input.stepId ?? "step");
  // `host`: the SDK resolves the URL against https://<host>, which must be a valid base.
  const headers: Record<string, string> = { "content-type": "application/json", host: url.host, "x-inngest-server-kind": "cloud" };
  if (deps.signingKey) headers["x-inngest-signature"] = signatureHeader(body, deps.signingKey, Date.now());
  let response: Response;
  try {
    response = await deps.handler(new Request(url, { method: "POST", headers, body }));
  } catch (error) {
    return { kind: "error", error: serialise(error), noRetry: false, retryAfter: null, status: 0 };
  }
  const text = await response.text();
  const parsed = parseJson(text);
  const retryAfter = response.headers.get("retry-after");
  if (response.status === 200) return { kind: "done", output: parsed };
  if (response.status === 206) return { kind: "ops", ops: Array.isArray(parsed) ? (parsed as SdkOp[]) : [parsed as SdkOp], retryAfter };
  return {
    kind: "error",
    error: parsed ?? { message: `HTTP ${response.status}` },
    noRetry: response.headers.get("x-inngest-no-retry") === "true",
    retryAfter,
    status: response.status,
  };
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 500) };
  }
}

function serialise(error: unknown) {
  return error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
}

export type { PendingOp };
