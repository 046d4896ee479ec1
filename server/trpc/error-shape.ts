import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";
import { pgErrorCode } from "../db-errors";
import { ConflictError, DomainError, ValidationError, type ErrorKind } from "../errors";
import { DEFAULT_LOCALE, type Locale } from "../i18n/config";
import { isErrorCode, serverTranslator } from "../i18n/server-messages";
import { fieldMessages, validationMessage } from "../i18n/validation-message";

/** The envelope every REST error body is, and what tRPC clients find in `error.data.error`. */
export type ErrorEnvelope = { code: string; message: string; details?: Record<string, unknown> };

const TRPC_CODE: Record<ErrorKind, TRPC_ERROR_CODE_KEY> = {
  validation: "BAD_REQUEST",
  unauthorized: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  quota_exceeded: "PAYMENT_REQUIRED",
  rate_limited: "TOO_MANY_REQUESTS",
  payload_too_large: "PAYLOAD_TOO_LARGE",
  unsupported_media_type: "UNSUPPORTED_MEDIA_TYPE",
};

/** Turns what a verb threw into a TRPCError with the right code, keeping the domain error as cause. */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) {
    // tRPC wraps anything thrown in a resolver or middleware as INTERNAL_SERVER_ERROR: look inside.
    if (error.code !== "INTERNAL_SERVER_ERROR" || !error.cause || error.cause instanceof TRPCError) return error;
    return toTRPCError(error.cause);
  }
  if (error instanceof DomainError) return new TRPCError({ code: TRPC_CODE[error.kind], message: error.message, cause: error });
  // A unique violation no verb anticipated is still the client's conflict, not our crash.
  const pgCode = pgErrorCode(error);
  if (pgCode === "23505") {
    const conflict = new ConflictError("This conflicts with something that already exists.");
    return new TRPCError({ code: "CONFLICT", message: conflict.message, cause: conflict });
  }
  // Text Postgres cannot store (a NUL character, in a column or in JSON) is bad input too.
  if (pgCode === "22021" || pgCode === "22P05") {
    const invalid = new ValidationError(
      "The input contains a character that cannot be stored (such as U+0000).",
      undefined,
      "invalid_characters",
    );
    return new TRPCError({ code: "BAD_REQUEST", message: invalid.message, cause: invalid });
  }
  return new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: "Internal server error",
    cause: error instanceof Error ? error : undefined,
  });
}

function zodDetails(error: ZodError, locale: Locale): Record<string, unknown> {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: validationMessage(issue, locale),
    code: issue.code,
  }));
  return { issues, fields: fieldMessages(error.issues, locale) };
}

const GENERIC: Partial<Record<TRPC_ERROR_CODE_KEY, ErrorEnvelope>> = {
  PARSE_ERROR: { code: "invalid_json", message: "The request body is not valid JSON." },
  UNSUPPORTED_MEDIA_TYPE: { code: "unsupported_media_type", message: "Send the body as application/json." },
  METHOD_NOT_SUPPORTED: { code: "method_not_allowed", message: "This method is not allowed here." },
  NOT_FOUND: { code: "not_found", message: "Not found." },
  UNAUTHORIZED: { code: "unauthorized", message: "Sign in or send a valid API key." },
  FORBIDDEN: { code: "forbidden", message: "You do not have permission to do this." },
  PAYLOAD_TOO_LARGE: { code: "payload_too_large", message: "The request body is too large." },
  TOO_MANY_REQUESTS: { code: "rate_limited", message: "Too many requests." },
};

/**
 * The one mapper from any error to the client-facing envelope. Domain errors speak for
 * themselves; zod input errors list every field path; anything unexpected becomes a generic 500
 * naming the request id (the full error is logged server-side, never sent).
 */
export function errorEnvelope(error: TRPCError, requestId: string | undefined, locale: Locale = DEFAULT_LOCALE): ErrorEnvelope {
  return localiseEnvelope(baseEnvelope(error, requestId, locale), locale);
}

/**
 * Our codes are catalogued (messages/<locale>/errors.json): outside English the message is the
 * catalogue's, and a field that repeated the message repeats the translation.
 */
export function localiseEnvelope(envelope: ErrorEnvelope, locale: Locale): ErrorEnvelope {
  if (locale === DEFAULT_LOCALE || !isErrorCode(envelope.code)) return envelope;
  const message = serverTranslator(locale)(`errors.${envelope.code}`);
  const fields = envelope.details?.fields as Record<string, string> | undefined;
  if (!fields || envelope.code === "validation_failed") return { ...envelope, message };
  const translated = Object.fromEntries(Object.entries(fields).map(([path, text]) => [path, text === envelope.message ? message : text]));
  return { ...envelope, message, details: { ...envelope.details, fields: translated } };
}

function baseEnvelope(error: TRPCError, requestId: string | undefined, locale: Locale): ErrorEnvelope {
  const cause = error.cause;
  if (cause instanceof DomainError) {
    return { code: cause.code, message: cause.message, ...(cause.details ? { details: cause.details } : {}) };
  }
  if (cause instanceof ZodError) {
    return { code: "validation_failed", message: "The input is not valid.", details: zodDetails(cause, locale) };
  }
  if (error.code === "INTERNAL_SERVER_ERROR") {
    return {
      code: "internal_error",
      message: `Something went wrong on our side${requestId ? ` (request ${requestId})` : ""}. Try again; if it persists, quote the request id.`,
      ...(requestId ? { details: { requestId } } : {}),
    };
  }
  const generic = GENERIC[error.code];
  if (generic)
    return generic.code === "not_found" && error.message && error.message !== "Not found"
      ? { ...generic, message: error.message }
      : generic;
  return { code: error.code.toLowerCase(), message: error.message };
}
