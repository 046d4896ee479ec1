import { AllModelsFailedError, ProviderError } from "@/server/agents/providers";
import { DomainError } from "../errors";

/**
 * What a failed or blocked run tells its caller: a stable code (clients switch on it; the portal
 * translates it through messages/<locale>/errors.json) and a sentence for people. Never a stack,
 * a SQL message, a vendor's raw body or a key: provider messages are scrubbed where they are made.
 */
export type RunError = { code: string; message: string };

/** Thrown inside the engine to end a run with this code (a cancelled client, a missing key). */
export class RunFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RunFailure";
  }
}

export const clientDisconnected = () => new RunFailure("client_disconnected", "The client disconnected before the run finished.");

/** `cause` as a RunError; `requestId` goes into the message of an unexpected failure so support can find the log line. */
export function runErrorOf(cause: unknown, requestId: string): RunError {
  if (cause instanceof RunFailure) return { code: cause.code, message: cause.message };
  if (cause instanceof AllModelsFailedError && cause.attempts.some((a) => a.reason === "unavailable")) {
    if (cause.attempts.every((a) => a.reason === "unavailable" || a.reason === "circuit_open")) {
      return {
        code: "model_unavailable",
        message: `No model could be called because of an error on our side (request ${requestId}). Try again; if it persists, quote the request id.`,
      };
    }
  }
  if (cause instanceof ProviderError) {
    if (cause.kind === "timeout") return { code: "model_timeout", message: `The model did not answer in time. ${cause.message}`.trim() };
    if (cause.kind === "auth") return { code: "model_auth_failed", message: cause.message };
    const prefix = cause instanceof AllModelsFailedError ? "" : "The model call failed: ";
    return { code: "model_failed", message: `${prefix}${cause.message}` };
  }
  if (cause instanceof DomainError) return { code: cause.code, message: cause.message };
  return {
    code: "internal_error",
    message: `Something went wrong on our side (request ${requestId}). Try again; if it persists, quote the request id.`,
  };
}
