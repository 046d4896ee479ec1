/**
 * Guarding a streamed answer before it leaves. Text is released only in checked segments: up to
 * a sentence end, or a bounded window (maxWindow, cut at whitespace) when no sentence ends. Two
 * margins make the check see what a segment edge would otherwise hide:
 * - look-ahead: the last HOLD characters received are never released yet, and every check scans
 *   them too, so a card number or key that starts in this segment and ends in the next one is seen
 *   whole (and the segment is blocked, or extended to mask it whole);
 * - look-behind: the check also rescans the last HOLD characters already released, so a pattern
 *   that only completes with new text (a canary whose first half went out) is still matched.
 * A blocked segment releases nothing, and nothing after it is released either. A redact policy
 * releases the segment with its findings masked. end() releases the rest (if safe) and returns a
 * verdict over ALL the text seen, the only one a run may be recorded as passed with.
 */

import { scan } from "./scan";
import type { GuardPolicy, ScanContext, Verdict } from "./types";
import { actionFor, mask } from "./verdict";

const HOLD = 128;
const SENTENCE_END = /[.!?。！？\n]/;

export type StreamStep = { release: string; verdict: Verdict | null; blocked: boolean };

export function createStreamGuard(opts: { policy: GuardPolicy; context?: ScanContext; maxWindow?: number }) {
  const { policy } = opts;
  const maxWindow = Math.max(16, Math.floor(opts.maxWindow ?? 200));
  // anomaly compares whole answers to the baseline: fragments would all look short
  const segmentContext: ScanContext = { canaries: opts.context?.canaries };
  let all = "";
  let released = 0;
  let blocked = false;

  /** Where the next segment may end: after the last sentence end, else at whitespace once the window is full. */
  function nextCut(limit: number): number | null {
    for (let i = limit - 1; i >= released; i--) {
      const c = all[i]!;
      if (!SENTENCE_END.test(c)) continue;
      // "3.14", "example.com" and JWTs have dots too: a Latin sentence ends at punctuation + whitespace
      if (c === "." || c === "!" || c === "?") {
        // the whitespace goes with the sentence it ends (it cannot start a secret)
        if (i + 1 < all.length && /\s/.test(all[i + 1]!)) return i + 2;
        continue;
      }
      return i + 1;
    }
    if (limit - released < maxWindow) return null;
    for (let i = limit - 1; i > released; i--) if (/\s/.test(all[i]!)) return i + 1;
    // one token longer than two windows: most likely a blob or a key, and the check sees it whole
    return limit - released >= 2 * maxWindow ? limit : null;
  }

  function check(cut: number): StreamStep {
    const from = Math.max(0, released - HOLD);
    const verdict = scan(all.slice(from), { direction: "output", policy, context: segmentContext });
    for (const f of verdict.findings) {
      f.start += from;
      f.end += from;
    }
    const relevant = verdict.findings.filter((f) => f.start < cut && f.end > released);
    const acts = relevant.map((f) => actionFor(f, policy));
    if (acts.includes("block")) {
      blocked = true;
      return { release: "", verdict: { ...verdict, redacted: "" }, blocked: true };
    }
    const masked = relevant.filter((_, i) => acts[i] === "redact");
    // never release half of a masked value: the segment grows to cover it
    for (const f of masked) if (f.end > cut) cut = Math.min(all.length, f.end);
    const release = mask(all.slice(released, cut), masked, released);
    released = cut;
    return { release, verdict: { ...verdict, redacted: release }, blocked: false };
  }

  return {
    push(chunk: string): StreamStep {
      if (typeof chunk === "string") all += chunk;
      if (blocked) return { release: "", verdict: null, blocked: true };
      const limit = all.length - HOLD;
      if (limit <= released) return { release: "", verdict: null, blocked: false };
      const cut = nextCut(limit);
      return cut === null || cut <= released ? { release: "", verdict: null, blocked: false } : check(cut);
    },

    end(): { release: string; verdict: Verdict; blocked: boolean } {
      const verdict = scan(all, { direction: "output", policy, context: opts.context });
      if (blocked || verdict.action === "block") {
        blocked = true;
        return { release: "", verdict, blocked: true };
      }
      const last = released < all.length ? check(all.length) : { release: "", blocked: false };
      return { release: last.release, verdict, blocked: last.blocked };
    },
  };
}
