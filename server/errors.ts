/**
 * Typed domain errors. Verbs in `server/` throw these; one mapper (`server/trpc/error-shape.ts`)
 * turns them into tRPC codes, REST statuses and the `{ error: { code, message, details } }`
 * envelope. Messages are written for the person reading them; they never carry secrets, SQL or
 * another tenant's data.
 */

export type ErrorKind =
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "quota_exceeded"
  | "rate_limited"
  | "payload_too_large"
  | "unsupported_media_type";

export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;
  /** Machine-readable, stable: clients switch on it. */
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

export class ValidationError extends DomainError {
  readonly kind = "validation";
  /** `fields`: path → message, so forms can show each next to its input. */
  constructor(message: string, fields?: Record<string, string>, code = "validation_failed") {
    super(code, message, fields ? { fields } : undefined);
  }
}

export class UnauthorizedError extends DomainError {
  readonly kind = "unauthorized";
  constructor(message = "Sign in or send a valid API key.", code = "unauthorized") {
    super(code, message);
  }
}

export class ForbiddenError extends DomainError {
  readonly kind = "forbidden";
  constructor(message = "You do not have permission to do this.", code = "forbidden", details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

/** Also what "another tenant's id" gets: never a 403 that would confirm it exists. */
export class NotFoundError extends DomainError {
  readonly kind = "not_found";
  constructor(what: string, code = "not_found") {
    super(code, `${what} was not found.`);
  }
}

export class ConflictError extends DomainError {
  readonly kind = "conflict";
  constructor(message: string, code = "conflict", details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

/**
 * HTTP 402. `details` is the contract clients read: which quota (the tenant's plan, or the calling
 * API key's own budget), the limit, what is used, when the period resets, and where to raise it.
 */
export type QuotaDetails = {
  metric: "runs" | "tokens" | "cost" | "agents" | "seats";
  scope: "tenant" | "api_key";
  limit: number;
  used: number;
  /** ISO time the period's usage resets; null for standing counts (agents, seats). */
  resetsAt: string | null;
  /** The tenant's billing page (tenant quotas) or its API keys page (a key's budget). */
  upgradeUrl: string;
};

export class QuotaExceededError extends DomainError {
  readonly kind = "quota_exceeded";
  constructor(message: string, details: QuotaDetails, code = "quota_exceeded") {
    super(code, message, details);
  }
}

export type RateLimitScope = "api_key" | "tenant" | "sign_in" | "user" | "ip" | "create_tenant" | "workflow";
const SCOPE_LABEL: Record<RateLimitScope, string> = {
  api_key: "this API key",
  tenant: "this organisation",
  sign_in: "this sign in",
  user: "your account",
  ip: "your network address",
  create_tenant: "creating organisations",
  workflow: "this workflow's webhook",
};

export class RateLimitedError extends DomainError {
  readonly kind = "rate_limited";
  readonly retryAfterSeconds: number;
  constructor(scope: RateLimitScope, limit: number, retryAfterSeconds: number) {
    super(
      "rate_limited",
      `Too many requests: the limit is ${limit} per minute for ${SCOPE_LABEL[scope]}. Retry after ${retryAfterSeconds} s.`,
      {
        scope,
        limit,
        retryAfterSeconds,
      },
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A body in another format than JSON (a form post, multipart, text/plain…). */
export class UnsupportedMediaTypeError extends DomainError {
  readonly kind = "unsupported_media_type";
  constructor(received: string | null) {
    super(
      "unsupported_media_type",
      received
        ? `Send the body as JSON (Content-Type: application/json), not ${received.slice(0, 80)}.`
        : "Send the body as JSON (Content-Type: application/json).",
    );
  }
}

export class PayloadTooLargeError extends DomainError {
  readonly kind = "payload_too_large";
  constructor(maxBytes: number) {
    super("payload_too_large", `The request body is larger than ${maxBytes} bytes.`, { maxBytes });
  }
}

export const HTTP_STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  quota_exceeded: 402,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
};
