import type { DomainContext } from "../request-context";
import { runInTenant, type TenantAccess } from "../tenancy/tenant-context";
import type { RunStepDto } from "./dto";
import { insertStep, type StepInput } from "./record-step";
import type { RunSink } from "./run-events";

/**
 * Stores a run's steps one by one, each in its own short transaction the moment it is done (so
 * a process that dies mid-run leaves every step that happened), numbers them, and tells the
 * watcher. The ordinal is claimed before the insert, so a failed insert leaves a gap rather
 * than two steps with one number.
 */
export function stepWriter(deps: DomainContext, access: TenantAccess, runId: string, sink: RunSink, firstOrdinal: number) {
  let ordinal = firstOrdinal;
  return {
    async record(step: StepInput): Promise<RunStepDto> {
      const stored = await runInTenant(deps, access, (ctx) => insertStep(ctx, runId, ordinal++, step));
      sink({ type: "step", step: stored });
      return stored;
    },
    /** The number the next step will get (the final transaction writes its own step with it). */
    claim: () => ordinal++,
  };
}

export type StepWriter = ReturnType<typeof stepWriter>;
