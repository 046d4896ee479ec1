/**
 * Harmful content (English and Chinese): weapons and explosives synthesis, illegal drug
 * synthesis, malware, self-harm methods, sexual content involving minors, hate and violence.
 * Patterns in harmful-rules.ts; this file runs them on the normalised views and reports
 * findings in original offsets.
 */

import { classifierScores } from "../classifier";
import { normalize, originalSpan, originalSpanOfCompact, type Normalized } from "../normalize";
import type { Finding } from "../types";
import { DEFENSIVE_EN, DEFENSIVE_ZH, INTENT_EN, INTENT_ZH, REQUEST_EN, REQUEST_ZH } from "./harmful-intent";
import { detectHarmfulModel } from "./harmful-model";
import { HARMFUL_RULES } from "./harmful-rules";
import { gateOf } from "./rule-gate";
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
    rule.re.lastIndex = 0;
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

const SENTENCE = /[^.?!\n。？！；;]+[.?!\n。？！；;]*/g;

/** The sentence-level request + objective check (harmful-intent.ts), scored below the named-weapon rules. */
function harmfulIntent(norm: Normalized, may: (re: RegExp) => boolean): Finding[] {
  const out: Finding[] = [];
  // objectives are rarer than request frames: look for them first, over the whole text at once
  const anywhere = (c: { re: RegExp }) => may(c.re) && c.re.test(norm.text);
  if (!INTENT_EN.some(anywhere) && !(/[\u4e00-\u9fff]/.test(norm.text) && INTENT_ZH.some(anywhere))) return out;
  for (const s of norm.text.matchAll(SENTENCE)) {
    const sentence = s[0];
    const han = /[\u4e00-\u9fff]/.test(sentence);
    // a Chinese request is a third as long as its English one: "写一份如何逃税的指南" is ten characters
    if (sentence.length < (han ? 6 : 12)) continue;
    const [request, defensive, categories] = han ? [REQUEST_ZH, DEFENSIVE_ZH, INTENT_ZH] : [REQUEST_EN, DEFENSIVE_EN, INTENT_EN];
    if (!request.test(sentence) || defensive.test(sentence)) continue;
    for (const c of categories) {
      const m = c.re.exec(sentence);
      if (!m) continue;
      const [start, end] = originalSpan(norm, s.index + m.index, s.index + m.index + m[0].length);
      out.push({ detector: "harmful", type: c.type, start, end, score: 0.75, severity: "medium", reason: c.reason });
      break;
    }
    if (out.length >= 8) break;
  }
  return out;
}
