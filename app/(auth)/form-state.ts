import { headers } from "next/headers";
import type { z } from "zod";
import { DomainError } from "@/server/errors";
import { requestMetaFromHeaders } from "@/server/http/request-meta";
import { getRateLimiter } from "@/server/ratelimit";
import { throttleAction, type ThrottledAction } from "@/server/auth/action-throttle";
import { resolveLocale } from "@/server/i18n/request";
import { fieldMessages } from "@/server/i18n/validation-message";
import { localiseEnvelope } from "@/server/trpc/error-shape";

/** What a form action answers: error codes (translated by the page) and per-field codes. */
export type FormState = {
  error?: string;
  fields?: Record<string, string>;
  message?: string;
  done?: boolean;
  /** What the user typed (never passwords), so a refused form keeps it. */
  values?: Record<string, string>;
} | null;

export const formText = (form: FormData, name: string) => String(form.get(name) ?? "").slice(0, 300);

/** Each field's first problem, in the reader's language. */
export async function fieldErrors(issues: z.core.$ZodIssue[], field?: string) {
  return fieldMessages(issues, await resolveLocale(), (issue) => field ?? String(issue.path[0] ?? "form"));
}

/** A domain refusal as form state, in the reader's language; anything else is a fault and goes to the error boundary. */
export async function domainState(error: unknown): Promise<FormState> {
  if (!(error instanceof DomainError)) throw error;
  const envelope = localiseEnvelope({ code: error.code, message: error.message, details: error.details }, await resolveLocale());
  return { error: envelope.code, message: envelope.message, fields: (envelope.details?.fields as Record<string, string>) ?? undefined };
}

/** The request's client IP, as the request-meta helpers give it (for throttling before any context is built). */
export async function requestFacts() {
  return { ip: requestMetaFromHeaders(await headers()).ip };
}

/** Null when the attempt may go ahead, else the "too many attempts" state. */
export async function throttled(action: ThrottledAction, ip: string | null, subject?: string): Promise<FormState> {
  const gate = await throttleAction(getRateLimiter(), action, ip, subject);
  return gate.allowed ? null : { error: "rate_limited" };
}
