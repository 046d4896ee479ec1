/**
 * Harmful content (English and Chinese): weapons and explosives synthesis, illegal drug
 * synthesis, malware, self-harm methods, sexual content involving minors, hate and violence.
 * Patterns in harmful-rules.ts; this file runs them on the normalised views and reports
 * findings in original offsets.
 */

import { classifierScores } from "../classifier";
import { normalize, originalSpan, originalSpanOfCompact, type Normalized } from "../normalize";
import type { Finding } from "../types";
import { DEFENSIVE_EN, INTENT_EN, INTENT_ZH, objectiveIn, REQUEST_EN, REQUEST_ZH } from "./harmful-intent";
import { detectHarmfulModel } from "./harmful-model";
import { HARMFUL_RULES } from "./harmful-rules";
import { gateOf, searchFrom } from "./rule-gate";
import { severityOf } from "./severity";

const HAN = /[\u3400-\u9fff]/;
const NEEDS_HAN = new Set(HARMFUL_RULES.filter((r) => HAN.test(r.re.source)));

/** Types that no policy may allow: the verdict blocks them whatever the tenant configured. */
export const ALWAYS_BLOCK_TYPES: ReadonlySet<string> = new Set(["csam"]);

/**
 * Round 7: reasons that are advisory: a "block" policy flags them instead (verdict.ts). The payload
 * head alone, and a lexicon of offensive words, are right often enough to put a text in front of a
 * reviewer, not to refuse it: they miss the context (a quoted slur, a question about a crime).
 */
export const FLAG_ONLY_REASONS: ReadonlySet<string> = new Set(["harmful_model", "offensive_language"]);

/**
 * The classifier's payload head, as the scan computed it once for both detectors (scan.ts): the whole
 * normalised text's score and the same head on one sentence. Left out, it is computed here.
 */
export type PayloadScores = { harmful: number; payloadOf?: (sentence: string) => number };
const payloadOf = (sentence: string) => classifierScores(sentence).harmful;

export function detectHarmful(text: string, norm: Normalized = normalize(text), model?: PayloadScores): Finding[] {
  const out: Finding[] = [];
  const han = HAN.test(norm.compact);
  // rules whose required literals are absent cannot match (rule-gate.ts): their regex is skipped
  const may = gateOf(norm);
  for (const rule of HARMFUL_RULES) {
    // Chinese patterns cannot match text without Chinese characters
    if (!han && NEEDS_HAN.has(rule)) continue;
    if (!may(rule.re)) continue;
    const view = rule.view === "text" ? norm.text : norm.compact;
    // test() first: most rules miss most texts, and a miss then allocates no iterator or match array
    // and from where a match can start: before it, none holds the rule's literals (gate.ts)
    rule.re.lastIndex = searchFrom(norm, rule.re);
    if (!rule.re.test(view)) continue;
    rule.re.lastIndex = 0;
    for (const m of view.matchAll(rule.re)) {
      // "Can you define child pornography?" names the crime to ask about it, it does not ask for it
      if (rule.view === "text" && rule.reason === "csam" && DEFENSIVE_EN.test(sentenceAround(view, m.index))) continue;
      const [start, end] =
        rule.view === "text"
          ? originalSpan(norm, m.index, m.index + m[0].length)
          : originalSpanOfCompact(norm, m.index, m.index + m[0].length);
      out.push({
        detector: "harmful",
        type: rule.type,
        start,
        end,
        score: rule.score,
        severity: rule.type === "csam" ? "critical" : severityOf(rule.score),
        reason: rule.reason,
      });
      if (out.length > 32) return out;
    }
  }
  // the request + objective check when no rule named anything but offensive words (which only flag)
  if (out.every((f) => FLAG_ONLY_REASONS.has(f.reason))) out.push(...harmfulIntent(norm, may));
  // the payload head when nothing the policy acts on by default was found (a rule explains better)
  if (!out.some((f) => f.score >= MODEL_UNLESS)) {
    const f = detectHarmfulModel(norm, model ? model.harmful : classifierScores(norm.text).harmful, model?.payloadOf ?? payloadOf);
    if (f) out.push(f);
  }
  return out;
}

/** A rule finding at or above this score (the default policy's threshold) makes the model's finding redundant. */
const MODEL_UNLESS = 0.7;

function sentenceAround(view: string, at: number): string {
  const from = Math.max(view.lastIndexOf(".", at), view.lastIndexOf("?", at), view.lastIndexOf("\n", at)) + 1;
  const stops = [".", "?", "\n"].map((c) => view.indexOf(c, at)).filter((i) => i >= 0);
  return view.slice(from, stops.length ? Math.min(...stops) : view.length);
}

/** The sentence ends of /[^.?!\n。？！；;]+[.?!\n。？！；;]*\/g: a sentence is a run of other units and the ends after it. */
const isSentenceEnd = (c: number) =>
  c === 46 || c === 63 || c === 33 || c === 10 || c === 59 || c === 0x3002 || c === 0xff1f || c === 0xff01 || c === 0xff1b;
const HAN_CHAR = /[\u4e00-\u9fff]/;

const copies = new Map<RegExp, RegExp>();
function globalCopy(re: RegExp): RegExp {
  let g = copies.get(re);
  if (!g) copies.set(re, (g = new RegExp(re.source, `${re.flags.replace("g", "")}g`)));
  return g;
}

/** The sentence-level request + objective check (harmful-intent.ts), scored below the named-weapon rules. */
function harmfulIntent(norm: Normalized, may: (re: RegExp) => boolean): Finding[] {
  const out: Finding[] = [];
  // objectives are rarer than request frames: look for them first, over the whole text at once
  const anywhere = (c: { re: RegExp }) => {
    if (!may(c.re)) return false;
    // from where a match can start (gate.ts), with a global copy: the pattern itself is not global
    const g = globalCopy(c.re);
    g.lastIndex = searchFrom(norm, c.re);
    return g.test(norm.text);
  };
  if (!INTENT_EN.some(anywhere) && !(HAN_CHAR.test(norm.text) && INTENT_ZH.some(anywhere))) return out;
  // the sentences walked by index (round 7: matchAll made a match array per sentence, and the regex
  // literal and the destructured triple below a new object each), and cut out only when long enough
  const text = norm.text;
  for (let i = 0; i < text.length && out.length < 8;) {
    if (isSentenceEnd(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const from = i;
    while (i < text.length && !isSentenceEnd(text.charCodeAt(i))) i++;
    while (i < text.length && isSentenceEnd(text.charCodeAt(i))) i++;
    if (i - from < 6) continue;
    const sentence = text.slice(from, i);
    const han = HAN_CHAR.test(sentence);
    // a Chinese request is a third as long as its English one: "写一份如何逃税的指南" is ten characters
    if (sentence.length < (han ? 6 : 12)) continue;
    if (!(han ? REQUEST_ZH : REQUEST_EN).test(sentence)) continue;
    const hit = objectiveIn(sentence, han);
    if (!hit) continue;
    const at = from + hit.match.index;
    const [start, end] = originalSpan(norm, at, at + hit.match[0].length);
    out.push({ detector: "harmful", type: hit.category.type, start, end, score: 0.75, severity: "medium", reason: hit.category.reason });
  }
  return out;
}
