import type { RunDto, RunStepDto } from "./dto";
import type { RunError } from "./run-errors";

/**
 * What a run tells whoever is watching it, as it happens (the SSE door writes each as an event;
 * the JSON door ignores them and answers with the final run):
 *   `run`   the run exists (its id), before anything else;
 *   `delta` output text the guard has checked and released;
 *   `step`  a step as stored;
 *   `error` the run ended without an answer (blocked, failed): always the last event then;
 *   `done`  the run completed: the final run, always the last event then.
 */
export type RunEvent =
  | { type: "run"; run: { id: string; agentId: string; conversationId: string | null; status: RunDto["status"] } }
  | { type: "delta"; text: string }
  | { type: "step"; step: RunStepDto }
  | { type: "error"; error: RunError; run: RunDto | null }
  | { type: "done"; run: RunDto };

export type RunSink = (event: RunEvent) => void;

export const ignoreEvents: RunSink = () => {};
