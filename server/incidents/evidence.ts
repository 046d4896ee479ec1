import type { DetectorId, Direction, Finding, GuardAction, RiskLevel, Severity, Verdict } from "../guard/types";

/**
 * What an incident keeps of the text that caused it: a bounded excerpt of the REDACTED text and
 * the findings with their spans moved onto that excerpt. Never the raw secret or personal data:
 *
 * - the caller hands us text the guard already redacted (`verdict.redacted`), where findings the
 *   policy redacts or blocks are masked as `[REDACTED:<type>]` — or, better, the original text,
 *   of which we mask only personal data, secrets and canaries (so a blocked injection stays
 *   readable for the person deciding whether it was one);
 * - but a policy may only *flag* a card number or a key, leaving it in `redacted`. So every PII,
 *   secret and canary finding is masked here as well, whatever the policy said;
 * - and when the findings cannot be placed on the text (it is not the verdict's own redacted
 *   text, or the masks do not line up), an excerpt that might hold a sensitive value is dropped
 *   rather than guessed at.
 */

export const EVIDENCE_MAX_CHARS = 2048;
/** How much text before the first finding an excerpt keeps when the text is longer than the bound. */
const LEAD_CHARS = 256;
const SENSITIVE: ReadonlySet<DetectorId> = new Set(["pii", "secrets", "canary"]);
const MARKER = /\[REDACTED:([A-Za-z0-9_.:-]+)\]/g;

export type EvidenceFinding = {
  detector: DetectorId;
  type: string;
  /** UTF-16 offsets into `excerpt`; null when the finding lies outside it or could not be placed. */
  start: number | null;
  end: number | null;
  score: number;
  severity: Severity;
  reason: string;
};

export type IncidentEvidence = {
  /** Redacted text around the findings, at most EVIDENCE_MAX_CHARS; null when it could not be made safe. */
  excerpt: string | null;
  truncatedBefore: boolean;
  truncatedAfter: boolean;
  direction: Direction;
  action: GuardAction;
  riskLevel: RiskLevel;
  trustScore: number;
  findings: EvidenceFinding[];
};

type Span = { start: number; end: number };

type Placed = Span & { masked: boolean };

/**
 * Places each finding (offsets into the original text) on the redacted text. The masks appear in
 * the redacted text in the order of the original ranges they replaced; walking the findings in
 * order, one whose shifted start lands on a mask of its type opened that mask, and everything
 * after a mask shifts by the difference in length. Returns null if the two do not line up.
 */
export function placeFindings(findings: readonly Finding[], redacted: string): Placed[] | null {
  const markers = [...redacted.matchAll(MARKER)].map((m) => ({ start: m.index, end: m.index + m[0].length, type: m[1]! }));
  const order = findings.map((_, i) => i).sort((a, b) => findings[a]!.start - findings[b]!.start || findings[b]!.end - findings[a]!.end);
  // 1. The masked ranges: [origStart, origEnd) of the original became `span` of the redacted text.
  const ranges: { origStart: number; origEnd: number; span: Span }[] = [];
  let delta = 0;
  for (const i of order) {
    const f = findings[i]!;
    const last = ranges[ranges.length - 1];
    if (last && f.start < last.origEnd) {
      // Masks are merged over overlapping sensitive findings (or more of the same type).
      if (
        f.end > last.origEnd &&
        (SENSITIVE.has(f.detector) || redacted.slice(last.span.start, last.span.end) === `[REDACTED:${f.type}]`)
      ) {
        last.origEnd = f.end;
        delta = last.span.end - last.origEnd;
      }
      continue;
    }
    const marker = markers[ranges.length];
    if (marker && marker.start === f.start + delta && marker.type === f.type) {
      ranges.push({ origStart: f.start, origEnd: f.end, span: { start: marker.start, end: marker.end } });
      delta = marker.end - f.end;
    }
  }
  if (ranges.length !== markers.length) return null;
  // 2. Each finding: inside a mask, the mask; otherwise its offsets shifted past the masks before them.
  const at = (offset: number, edge: "start" | "end") => {
    let shift = 0;
    for (const r of ranges) {
      if (offset >= r.origEnd) shift = r.span.end - r.origEnd;
      else if (offset > r.origStart || (offset === r.origStart && edge === "end")) return edge === "start" ? r.span.start : r.span.end;
      else break;
    }
    return offset + shift;
  };
  const placed: Placed[] = [];
  for (const f of findings) {
    const inside = ranges.find((r) => f.start >= r.origStart && f.end <= r.origEnd);
    const span = inside ? inside.span : { start: at(f.start, "start"), end: at(f.end, "end") };
    if (span.start < 0 || span.end > redacted.length || span.start > span.end) return null;
    placed.push({ ...span, masked: Boolean(inside) });
  }
  return placed;
}

/** Masks the sensitive findings the guard left in place (a policy that only flags them). */
function maskSensitive(text: string, findings: readonly Finding[], spans: Placed[]) {
  const cuts = findings
    .map((f, i) => ({ f, span: spans[i]! }))
    .filter(({ f, span }) => SENSITIVE.has(f.detector) && !span.masked)
    .map(({ f, span }) => ({ start: span.start, end: span.end, type: f.type }))
    .sort((a, b) => a.start - b.start);
  // Merge overlaps so each stretch is masked once.
  const merged: { start: number; end: number; type: string }[] = [];
  for (const c of cuts) {
    const last = merged[merged.length - 1];
    if (last && c.start < last.end) last.end = Math.max(last.end, c.end);
    else merged.push({ ...c });
  }
  let out = "";
  let cursor = 0;
  const moves: { at: number; end: number; mask: Span; shift: number }[] = [];
  let shift = 0;
  for (const m of merged) {
    out += text.slice(cursor, m.start);
    const mask = `[REDACTED:${m.type}]`;
    const maskStart = m.start + shift;
    out += mask;
    const newShift = shift + mask.length - (m.end - m.start);
    moves.push({ at: m.start, end: m.end, mask: { start: maskStart, end: maskStart + mask.length }, shift: newShift });
    shift = newShift;
    cursor = m.end;
  }
  out += text.slice(cursor);
  /** Where an offset of `text` lands in `out` (inside a new mask: the mask's edge). */
  const move = (offset: number, edge: "start" | "end") => {
    let s = 0;
    for (const m of moves) {
      if (offset >= m.end) s = m.shift;
      else if (offset > m.at || (offset === m.at && edge === "end")) return edge === "start" ? m.mask.start : m.mask.end;
      else break;
    }
    return offset + s;
  };
  const moved = spans.map((span) => ({ start: move(span.start, "start"), end: move(span.end, "end") }));
  return { text: out, spans: moved };
}

/** A window of at most EVIDENCE_MAX_CHARS, starting a little before the first finding, never cutting a mask in two. */
function window(text: string, spans: Span[]) {
  if (text.length <= EVIDENCE_MAX_CHARS) return { start: 0, end: text.length };
  const first = Math.min(...spans.map((s) => s.start), text.length);
  let start = Math.max(0, Math.min(first - LEAD_CHARS, text.length - EVIDENCE_MAX_CHARS));
  let end = start + EVIDENCE_MAX_CHARS;
  for (const m of text.matchAll(MARKER)) {
    const ms = m.index;
    const me = ms + m[0].length;
    if (ms < start && me > start) start = me;
    if (ms < end && me > end) end = ms;
  }
  // Never split a surrogate pair.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end--;
  return { start, end };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The evidence an incident stores for one verdict over `redacted` text. */
export function buildEvidence(input: { direction: Direction; verdict: Verdict; evidence: string; text?: string }): IncidentEvidence {
  const { verdict, direction } = input;
  const base = {
    direction,
    action: verdict.action,
    riskLevel: verdict.riskLevel,
    trustScore: verdict.trustScore,
  };
  // With the original text, the findings' own offsets place them, and only personal data,
  // secrets and canaries are masked: a reviewer can read the injection they are judging. Without
  // it, offsets can only be trusted on the verdict's own redacted text: on any other text a span
  // could land beside the value it names, and mask the wrong characters.
  const original = input.text !== undefined && verdict.findings.every((f) => f.end <= input.text!.length) ? input.text : undefined;
  const source = original ?? input.evidence;
  const placed =
    original !== undefined
      ? verdict.findings.map((f) => ({ start: f.start, end: f.end, masked: false }))
      : input.evidence === verdict.redacted
        ? placeFindings(verdict.findings, input.evidence)
        : null;
  if (!placed) {
    // Findings cannot be placed: keep the text only if nothing sensitive could be in it.
    const safe = !verdict.findings.some((f) => SENSITIVE.has(f.detector));
    const end = Math.min(input.evidence.length, EVIDENCE_MAX_CHARS);
    return {
      ...base,
      excerpt: safe ? input.evidence.slice(0, end) : null,
      truncatedBefore: false,
      truncatedAfter: safe && end < input.evidence.length,
      findings: verdict.findings.map((f) => findingOf(f, null)),
    };
  }
  const { text, spans } = maskSensitive(source, verdict.findings, placed);
  const { start, end } = window(text, spans);
  return {
    ...base,
    excerpt: text.slice(start, end),
    truncatedBefore: start > 0,
    truncatedAfter: end < text.length,
    findings: verdict.findings.map((f, i) => {
      const s = spans[i]!;
      const inside = s.start >= start && s.end <= end;
      return findingOf(f, inside ? { start: s.start - start, end: s.end - start } : null);
    }),
  };
}

function findingOf(f: Finding, span: Span | null): EvidenceFinding {
  return {
    detector: f.detector,
    type: f.type,
    start: span?.start ?? null,
    end: span?.end ?? null,
    score: f.score,
    severity: f.severity,
    reason: f.reason,
  };
}
