import { headers } from "next/headers";
import { DomainError } from "@/server/errors";
import { baseUrlFrom } from "@/server/http/app-url";
import { requestMetaFromHeaders } from "@/server/http/request-meta";
import { getRateLimiter } from "@/server/ratelimit";
import { throttleAction, type ThrottledAction } from "@/server/auth/action-throttle";

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

export function fieldErrors(issues: { path: PropertyKey[]; message: string }[]) {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  return fields;
}

/** A domain refusal as form state; anything else is a fault and goes to the error boundary. */
export function domainState(error: unknown): FormState {
  if (error instanceof DomainError) return { error: error.code, message: error.message, fields: (error.details?.fields as Record<string, string>) ?? undefined };
  throw error;
}

/** The request's client IP and public base URL, as the request-meta helpers give them. */
export async function requestFacts() {
  const h = await headers();
  return { ip: requestMetaFromHeaders(h).ip, baseUrl: baseUrlFrom(h) };
}

/** Null when the attempt may go ahead, else the "too many attempts" state. */
export async function throttled(action: ThrottledAction, ip: string | null, subject?: string): Promise<FormState> {
  const gate = await throttleAction(getRateLimiter(), action, ip, subject);
  return gate.allowed ? null : { error: "rate_limited" };
}
