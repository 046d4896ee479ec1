/**
 * Why a model call failed, in the few kinds the runs engine and the circuit breaker act on.
 * Messages are for people and logs: they never carry the API key (see `scrubbed`), nor a
 * vendor's whole response body.
 */

export type ProviderErrorKind = "timeout" | "http" | "auth" | "bad_response" | "network";

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  /** Worth trying again later (or on the next model): timeouts, 429, 5xx, network. */
  readonly retryable: boolean;
  /** The vendor's HTTP status, when there was one. */
  readonly status: number | undefined;

  constructor(kind: ProviderErrorKind, message: string, options: { retryable?: boolean; status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ProviderError";
    this.kind = kind;
    this.status = options.status;
    this.retryable = options.retryable ?? (kind === "timeout" || kind === "network");
  }

  /** Safe to store in a run step or send to a client. */
  toJSON() {
    return { kind: this.kind, message: this.message, retryable: this.retryable, status: this.status ?? null };
  }
}

/** The status a vendor answered with → our kind (401/403 are the key's fault, 429/5xx are worth retrying). */
export function errorForStatus(provider: string, status: number, vendorMessage: string | null): ProviderError {
  const detail = vendorMessage ? `: ${vendorMessage}` : "";
  if (status === 401 || status === 403) {
    return new ProviderError("auth", `${provider} refused the API key (HTTP ${status})${detail}`, { status, retryable: false });
  }
  const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
  return new ProviderError("http", `${provider} answered HTTP ${status}${detail}`, { status, retryable });
}

const MAX_VENDOR_MESSAGE = 300;

/**
 * A vendor's error text, shortened and with the key masked: some vendors echo part of a wrong
 * key back ("Incorrect API key provided: sk-abc…"), and a proxy might echo all of it.
 */
export function scrubbed(text: string, secret: string | undefined): string {
  let out = text.replace(/\s+/g, " ").trim();
  if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  // Anything key-shaped that survived (a partial echo of another key, say).
  out = out.replace(/\b(sk|pk|rk|sess|key)[-_][A-Za-z0-9_-]{8,}/g, "[redacted]");
  return out.length > MAX_VENDOR_MESSAGE ? `${out.slice(0, MAX_VENDOR_MESSAGE)}…` : out;
}

/** The message inside a vendor's JSON error body (`{error:{message}}` for both OpenAI and Anthropic). */
export function vendorMessage(body: string, secret: string | undefined): string | null {
  if (!body.trim()) return null;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message =
      typeof parsed.error === "string" ? parsed.error : typeof parsed.error?.message === "string" ? parsed.error.message : parsed.message;
    if (typeof message === "string") return scrubbed(message, secret);
  } catch {
    // not JSON: a proxy's HTML page, say
  }
  return scrubbed(body, secret);
}
