import type { DomainContext } from "../request-context";
import type { TenantAccess } from "../tenancy/tenant-context";
import { beginRun, type BeginResult, type StartRunInput } from "./begin-run";
import type { RunDto } from "./dto";
import { executeRun, type ExecuteOptions } from "./execute-run";
import { ignoreEvents, type RunSink } from "./run-events";

export type { StartRunInput } from "./begin-run";

export type RunOptions = { sink?: RunSink; signal?: AbortSignal; modelTimeouts?: ExecuteOptions["modelTimeouts"] };

/**
 * Runs an agent once: `beginRun` (one short transaction: checks, the run row, the input guard)
 * and, unless that settled it, `continueRun`. Errors before the run exists (unknown agent,
 * quarantined, idempotency conflict, too large) are thrown; once it exists the run is returned
 * in whatever state it ended, and `sink` saw each event.
 */
export async function startRun(deps: DomainContext, access: TenantAccess, input: StartRunInput, options: RunOptions = {}): Promise<RunDto> {
  return continueRun(deps, access, await beginRun(deps, access, input), input.stream, options);
}

/**
 * Everything after the first transaction (`executeRun`: the model and tools with no transaction
 * open, each step stored as it completes, the final state in one short transaction), telling
 * `sink` the run's id and input step first. Split from `startRun` so the streaming door can
 * refuse with a status code before its stream starts, then continue inside the stream.
 */
export async function continueRun(
  deps: DomainContext,
  access: TenantAccess,
  begun: BeginResult,
  stream: boolean,
  options: RunOptions = {},
): Promise<RunDto> {
  const sink = options.sink ?? ignoreEvents;
  if (begun.kind === "existing") return begun.run;
  const run = begun.kind === "blocked" ? begun.run : begun.prepared.run;
  sink({ type: "run", run: { id: run.id, agentId: run.agentId, conversationId: run.conversationId, status: run.status } });
  if (begun.kind === "blocked") {
    sink({ type: "step", step: begun.inputStep });
    return run;
  }
  sink({ type: "step", step: begun.prepared.inputStep });
  return executeRun(deps, access, begun.prepared, { stream, sink, signal: options.signal, modelTimeouts: options.modelTimeouts });
}
