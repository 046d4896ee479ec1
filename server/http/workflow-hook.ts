import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { workflows } from "@/db/schema";
import { DomainError, RateLimitedError, UnauthorizedError, ValidationError } from "../errors";
import type { RateLimiter } from "../ratelimit";
import { ipGate, passGates, type Gate } from "../ratelimit/gates";
import { clientIp } from "./client-address";
import type { RequestContextFactory } from "./trpc-context";
import { readBodyWithLimit } from "./read-body";
import { localeFromHeaders } from "../i18n/server-messages";
import { logger } from "../obs/logger";
import { actInTenant } from "../tenancy/tenant-context";
import { errorEnvelope, toTRPCError } from "../trpc/error-shape";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { openHookSecret, verifyHook } from "../workflows/hook-secret";
import { MAX_RUN_INPUT_BYTES, startWorkflowRun } from "../workflows/start-workflow-run";

/** `/api/v1/workflows/{workflowId}/hooks/{tenantId}`: the tenant is in the path because nothing else names it before the signature is checked. */
export const WORKFLOW_HOOK_PATH = /^\/api\/v1\/workflows\/([^/]+)\/hooks\/([^/]+)\/?$/;

export const HOOK_JOB = "workflow-hook";
const uuid = z.uuid();

function json(status: number, body: unknown, requestId: string, extra: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", "x-request-id": requestId, ...extra } });
}

/**
 * Per-minute allowances of the door (the project's limiter, server/ratelimit). Per client address,
 * counted before anything is read, so a flood of junk costs no database work; per workflow,
 * counted only once the signature holds, so nobody without the secret can spend a workflow's
 * allowance and lock its sender out. A sender over either gets 429 with Retry-After.
 */
export const HOOK_LIMITS = { perIp: 300, perWorkflow: 120 } as const;

async function gate(limiter: RateLimiter, gates: Gate[], scope: "ip" | "workflow", limit: number) {
  const result = await passGates(limiter, gates);
  if (!result.allowed) throw new RateLimitedError(scope, limit, result.retryAfterSeconds);
}

/** One answer for an unknown workflow, another tenant's, an archived one and a bad signature: the door tells nothing apart. */
const refused = () =>
  new UnauthorizedError(
    "The signature is missing, stale or wrong. Sign `<timestamp>.<body>` with the workflow's secret (HMAC-SHA256) and send X-Agentry-Timestamp and X-Agentry-Signature: v1=<hex>.",
    "invalid_signature",
  );

/**
 * Starts a run from another system's webhook. Authenticated by the workflow's own secret (HMAC
 * over timestamp and body, compared in constant time, five minutes' tolerance), not by an API key.
 * Everything is checked before anything is written: a refused request starts nothing. The JSON
 * body is the run's input; `Idempotency-Key` makes a redelivered hook the same run.
 */
export function workflowHookHandler(createContext: RequestContextFactory) {
  return async (req: Request): Promise<Response> => {
    const { domain, limiter } = createContext(req.headers, new Headers());
    const requestId = domain.meta.requestId;
    try {
      if (req.method !== "POST") return json(405, { error: { code: "method_not_allowed", message: "Use POST." } }, requestId);
      await gate(limiter, ipGate("workflow-hook", clientIp(req.headers), HOOK_LIMITS.perIp), "ip", HOOK_LIMITS.perIp);
      const [, workflowId, tenantId] = WORKFLOW_HOOK_PATH.exec(new URL(req.url).pathname) ?? [];
      if (!uuid.safeParse(workflowId).success || !uuid.safeParse(tenantId).success) throw refused();
      const body = (await readBodyWithLimit(req, MAX_RUN_INPUT_BYTES)) ?? "";
      const row = await domain.scopes.withTenant(
        tenantId!,
        async (tx) =>
          (
            await tx
              .select()
              .from(workflows)
              .where(and(eq(workflows.tenantId, tenantId!), eq(workflows.id, workflowId!)))
              .limit(1)
          )[0],
        { readOnly: true },
      );
      const signed =
        row?.status === "active" &&
        verifyHook(openHookSecret(row), req.headers.get("x-agentry-timestamp"), req.headers.get("x-agentry-signature"), body);
      if (!signed) throw refused();
      await gate(
        limiter,
        [{ bucket: `workflow-hook:wf:${workflowId}`, perMinute: HOOK_LIMITS.perWorkflow }],
        "workflow",
        HOOK_LIMITS.perWorkflow,
      );
      let input: unknown;
      try {
        input = body.trim() ? JSON.parse(body) : {};
      } catch {
        throw new ValidationError("The body must be a JSON object (it becomes the run's input).", undefined, "invalid_json");
      }
      if (!input || typeof input !== "object" || Array.isArray(input)) {
        throw new ValidationError("The body must be a JSON object (it becomes the run's input).", undefined, "invalid_json");
      }
      const run = await actInTenant(domain, { kind: "system", tenantId: tenantId!, job: HOOK_JOB }, { permission: "workflow:run" }, (ctx) =>
        startWorkflowRun(
          ctx,
          { id: workflowId!, input: input as Record<string, unknown> },
          {
            idempotencyKey: req.headers.get("idempotency-key")?.slice(0, 200),
            trigger: "webhook",
          },
        ),
      );
      return json(202, run, requestId);
    } catch (error) {
      const trpcError = toTRPCError(error);
      const status = getHTTPStatusCodeFromError(trpcError);
      if (status >= 500) logger.error({ err: trpcError.cause ?? error, requestId }, "workflow hook failed");
      else if (error instanceof DomainError && error.code === "invalid_signature") logger.warn({ requestId }, "workflow hook refused");
      const retry: Record<string, string> = error instanceof RateLimitedError ? { "retry-after": String(error.retryAfterSeconds) } : {};
      return json(status, { error: errorEnvelope(trpcError, requestId, localeFromHeaders(req.headers)) }, requestId, retry);
    }
  };
}
