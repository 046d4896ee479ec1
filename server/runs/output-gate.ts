import { createStreamGuard, scan, type GuardPolicy, type OutputBaseline, type Verdict } from "@/server/guard";
import type { RunSink } from "./run-events";

/**
 * The output guard between the model and the caller. Streaming: text goes through the stream
 * guard, and only what it releases (checked, with look-behind across segment edges, redacted
 * where the policy redacts) is sent on; once it blocks, nothing more leaves. Not streaming: the
 * whole answer is scanned once at the end. Either way the final verdict covers every character
 * the model produced, so a run is never recorded as passed for text the guard did not see.
 */
export type OutputGate = {
  /** Feeds model text; true once the guard has blocked (stop the model). */
  push(delta: string): boolean;
  readonly blocked: boolean;
  /**
   * The final verdict; the output to store (what was released when streaming, the checked whole
   * otherwise); and everything the model said, which the verdict's offsets point into (for the
   * incident's evidence, masked there; never stored as it is).
   */
  end(): { verdict: Verdict; output: string | null; seen: string };
};

type GateOptions = { policy: GuardPolicy; canary: string; baseline: OutputBaseline | null; stream: boolean; sink: RunSink };

export function outputGate(options: GateOptions): OutputGate {
  const context = { canaries: [options.canary], baseline: options.baseline };
  return options.stream ? streamingGate(options, context) : wholeGate(options, context);
}

function streamingGate(options: GateOptions, context: { canaries: string[]; baseline: OutputBaseline | null }): OutputGate {
  const guard = createStreamGuard({ policy: options.policy, context });
  let seen = "";
  let released = "";
  let blocked = false;
  const send = (text: string) => {
    if (!text) return;
    released += text;
    options.sink({ type: "delta", text });
  };
  return {
    get blocked() {
      return blocked;
    },
    push(delta) {
      if (blocked) return true;
      seen += delta;
      const step = guard.push(delta);
      // `release` is, by the guard's contract, safe to send even when this push blocked (the text before the bad segment).
      send(step.release);
      blocked = step.blocked;
      return blocked;
    },
    end() {
      if (blocked) return { verdict: guard.end().verdict, output: released, seen };
      const last = guard.end();
      send(last.release);
      blocked = last.blocked;
      return { verdict: last.verdict, output: released, seen };
    },
  };
}

function wholeGate(options: GateOptions, context: { canaries: string[]; baseline: OutputBaseline | null }): OutputGate {
  let text = "";
  let blocked = false;
  return {
    get blocked() {
      return blocked;
    },
    push(delta) {
      text += delta;
      return false;
    },
    end() {
      const verdict = scan(text, { direction: "output", policy: options.policy, context });
      blocked = verdict.action === "block";
      return { verdict, output: blocked ? null : verdict.action === "redact" ? verdict.redacted : text, seen: text };
    },
  };
}
