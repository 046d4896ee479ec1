/**
 * The literal gates (../gate.ts) of the injection and harmful rules, one per normalised view, built
 * once at load. A scan's detectors share one normalised text (scan.ts), so each view is gated once
 * per scan (memoised on the Normalized object) and both detectors read the answer.
 */

import { LiteralGate } from "../gate";
import type { Normalized } from "../normalize";
import { INTENT_EN, INTENT_ZH } from "./harmful-intent";
import { HARMFUL_RULES } from "./harmful-rules";
import { INJECTION_RULES } from "./injection-rules";

type Rule = { view: "text" | "compact"; re: RegExp };
const RULES: readonly Rule[] = [
  ...INJECTION_RULES,
  ...HARMFUL_RULES,
  ...[...INTENT_EN, ...INTENT_ZH].map((c) => ({ view: "text" as const, re: c.re })),
];
const TEXT = RULES.filter((r) => r.view === "text").map((r) => r.re);
const COMPACT = RULES.filter((r) => r.view === "compact").map((r) => r.re);
const TEXT_GATE = new LiteralGate(TEXT);
const COMPACT_GATE = new LiteralGate(COMPACT);
/** each pattern's place in its view's gate (a pattern object used on both views would be ambiguous: none is) */
const PLACE = new Map<RegExp, { compact: boolean; index: number }>([
  ...TEXT.map((re, index) => [re, { compact: false, index }] as const),
  ...COMPACT.map((re, index) => [re, { compact: true, index }] as const),
]);

type Open = { text: Uint8Array; compact: Uint8Array; textFrom: Int32Array; compactFrom: Int32Array };
const memo = new WeakMap<Normalized, Open>();

/** May `re` (a rule of this file's lists, on its own view) match this normalised text? false = it cannot. */
export function gateOf(norm: Normalized): (re: RegExp) => boolean {
  let open = memo.get(norm);
  if (!open) {
    const text = TEXT_GATE.scan(norm.text).slice();
    const textFrom = TEXT_GATE.searchFrom.slice();
    const compact = COMPACT_GATE.scan(norm.compact).slice();
    open = { text, compact, textFrom, compactFrom: COMPACT_GATE.searchFrom.slice() };
    memo.set(norm, open);
  }
  const o = open;
  return (re) => {
    const p = PLACE.get(re);
    return !p || (p.compact ? o.compact : o.text)[p.index] === 1;
  };
}

/**
 * Where the search for `re` (a rule of this file's lists, on its own view) may begin in this
 * normalised text: no match starts before it (gate.ts, searchFrom). Call after gateOf(norm).
 */
export function searchFrom(norm: Normalized, re: RegExp): number {
  const open = memo.get(norm);
  const p = PLACE.get(re);
  if (!open || !p) return 0;
  return (p.compact ? open.compactFrom : open.textFrom)[p.index]!;
}
