import type { DomainContext } from "../request-context";
import type { TenantAccess } from "../tenancy/tenant-context";
import { beginRun, type StartRunInput } from "./begin-run";
import type { RunDto } from "./dto";
import { executeRun, type ExecuteOptions } from "./execute-run";
import { ignoreEvents, type RunSink } from "./run-events";

export type { StartRunInput } from "./begin-run";

/**
 * Runs an agent once: `beginRun` (one short transaction: checks, the run row, the input guard)
 * and, unless that settled it, `executeRun` (the model and tools with no transaction open, each
 * step stored as it completes, the final state in one short transaction). Errors before the run
 * exists (unknown agent, quarantined, idempotency conflict, too large) are thrown; once it exists
 * the run is returned in whatever state it ended, and `sink` saw each event.
 */
export async function startRun(
  deps: DomainContext,
  access: TenantAccess,
  input: StartRunInput,
  options: { sink?: RunSink; signal?: AbortSignal; modelTimeouts?: ExecuteOptions["modelTimeouts"] } = {},
): Promise<RunDto> {
  const sink = options.sink ?? ignoreEvents;
  const begun = await beginRun(deps, access, input);
  if (begun.kind === "existing") return begun.run;
  const run = begun.kind === "blocked" ? begun.run : begun.prepared.run;
  sink({ type: "run", run: { id: run.id, agentId: run.agentId, conversationId: run.conversationId, status: run.status } });
  if (begun.kind === "blocked") {
    sink({ type: "step", step: begun.inputStep });
    return run;
  }
  sink({ type: "step", step: begun.prepared.inputStep });
  return executeRun(deps, access, begun.prepared, {
    stream: input.stream,
    sink,
    signal: options.signal,
    modelTimeouts: options.modelTimeouts,
  });
}
