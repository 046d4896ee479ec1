/**
 * Personal data: e-mail addresses, payment cards, IBANs, Chinese resident IDs, US SSNs, phone
 * numbers (international, US/UK/DE/FR/CN/IN/JP national formats) and IP addresses. Structured
 * types are validated (checksums.ts), not merely pattern-matched, so digit runs that only look like
 * them (order numbers, timestamps, ISBNs) stay quiet. When two candidates overlap, the better
 * validated one wins (a card number is not also reported as a phone number).
 */

import type { Finding } from "../types";
import { cardNetwork, luhn, validChineseId, validIban, validSsn } from "./checksums";

type Candidate = { type: string; start: number; end: number; score: number; reason: string; rank: number };

const EMAIL = /[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}\b/g;
const CARD = /(?<![\w.,-])(?:\d[ -]?){11,18}\d(?![\d.,]\d)/g;
// written solid (GB82WEST12345698765432) or in groups of four (GB82 WEST 1234 5698 7654 32)
const IBAN = /\b[A-Za-z]{2}\d{2}(?:[A-Za-z0-9]{11,30}|(?: [A-Za-z0-9]{4}){2,7}(?: [A-Za-z0-9]{1,3})?)\b/g;
const CN_ID = /(?<!\d)[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g;
const SSN = /(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])/g;
const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]*\d)/g;
const IPV6 = /(?<![\w:])(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}(?![\w:])/g;

/**
 * Phone numbers. Strong shapes stand alone; a bare group of digits counts only next to a word
 * that says "phone" (CONTEXT), because prose is full of digit groups.
 */
const PHONE_SHAPES: { re: RegExp; score: number; reason: string }[] = [
  // E.164 / international: +country code, optional (0), groups
  {
    re: /(?<![\w+])\+\d{1,3}(?:[ .-]?\(0\))?(?:[ .-]?\(?\d{1,5}\)?){1,6}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?(?!\d)/g,
    score: 0.85,
    reason: "international",
  },
  // North American: (415) 555-0134, 415-555-0134, 415.555.0134, 001-/1- prefix, x extension
  {
    re: /(?<![\w+-])(?:(?:001|1)[ .-])?(?:\(\d{3}\)[ .-]?|\d{3}[.-])\d{3}[.-]\d{4}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?(?![\d-])/g,
    score: 0.8,
    reason: "national_us",
  },
  // Chinese mobile: 138 0013 8000, 13800138000
  { re: /(?<!\d)1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g, score: 0.8, reason: "national_cn" },
  // French: 01 23 45 67 89, 01.23.45.67.89
  { re: /(?<![\d.])0[1-9](?:([ .-])\d{2})(?:\1\d{2}){3}(?![\d.]?\d)/g, score: 0.8, reason: "national_fr" },
  // UK: 07700 900123, 020 7946 0958, 0161 496 0000
  {
    re: /(?<!\d)0(?:7\d{3}[ ]?\d{3}[ ]?\d{3}|[12]\d{2,3}[ ]?\d{3}[ ]?\d{3,4}|20[ ]?\d{4}[ ]?\d{4})(?!\d)/g,
    score: 0.7,
    reason: "national_uk",
  },
  // Japanese: 03-1234-5678, 090-1234-5678
  { re: /(?<![\d-])0[1-9]\d{0,2}-\d{2,4}-\d{4}(?![\d-])/g, score: 0.75, reason: "national_jp" },
  // German: 030 12345678, 0151 23456789, 089/1234567
  { re: /(?<!\d)0(?:1[5-7]\d|[2-9]\d{1,3})[ /-]\d{3,4}[ -]?\d{3,5}(?!\d)/g, score: 0.6, reason: "national_de" },
  // Indian mobile: 98765 43210
  { re: /(?<!\d)[6-9]\d{4}[ -]\d{5}(?!\d)/g, score: 0.6, reason: "national_in" },
];

const DIGIT_GROUPS = /(?<![\w+.-])\(?\d{1,12}\)?(?:[ .-]\(?\d{1,12}\)?){0,5}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?(?![\w]|[.-]\d)/g;
const CONTEXT_BEFORE =
  /(?:phone|tel|telephone|mobile|cell|fax|desk|call(?: me)?(?: at| on)?|text me|sms|whatsapp|wechat|contact|reach me|dial|ring me|messages to|answering at|registered|电话|手机|联系|号码|致电|拨打|传真)[^\d]{0,20}$/i;
// "located at 6556 106 Rue …", "license number is 2270-66-1551": digits that are not phones
const NOT_PHONE_BEFORE = /(?:licen[cs]e|passport|account|order|invoice|zip|postal|located at|address|suite|apt|box)\b[^\d]{0,20}$/i;
const ADDRESS_AFTER = /^,?[ \t]+(?:[A-Z][a-z]+|St\b|Rd\b|Ave\b)/;
const CONTEXT_AFTER = /^[\s-]{0,3}(?:office|fax|mobile|home|work|cell|desk|\(?[a-z]\)?$)/i;
const DATE_LIKE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{1,2}:\d{2})$/;

function colonCluster(text: string): boolean {
  const last: number[] = [];
  for (let i = text.indexOf(":"); i >= 0; i = text.indexOf(":", i + 1)) {
    last.push(i);
    if (last.length >= 7 && i - last[last.length - 7]! <= 38) return true;
  }
  return false;
}

/**
 * Where the digit patterns below can report anything (speed, round 7). Every match of CARD, CN_ID,
 * SSN, the phone shapes and DIGIT_GROUPS is made of digits, spaces and `. - ( ) + / x X e t` only
 * (lookarounds aside), and is dropped unless it holds 7+ digits. So only the maximal runs of those
 * characters with 7+ digits can hold a reported match, and a match never crosses a run's edge; ordinary
 * prose (dates, order numbers, "4 hours") has few such runs or none. Returned as flat [start, end)
 * pairs in a reused array, `regionCount` pairs valid.
 */
const IN_RUN = new Uint8Array(128);
for (const c of "0123456789 .-()+/xXet") IN_RUN[c.charCodeAt(0)] = 1;
const inRun = (c: number) => c < 128 && IN_RUN[c] === 1;
const MIN_DIGITS = 7;
const DIGIT = /\d/g;
let regionBuf = new Int32Array(64);
let regionCount = 0;
function digitRegions(text: string): Int32Array {
  regionCount = 0;
  windows.length = 0;
  const n = text.length;
  // from digit to digit (the regex engine's scan for one is a tight native loop), each run widened
  // around its first digit: prose seldom has any, so most characters are never looked at here
  DIGIT.lastIndex = 0;
  while (DIGIT.test(text)) {
    const first = DIGIT.lastIndex - 1;
    let start = first;
    while (start > 0 && inRun(text.charCodeAt(start - 1))) start--;
    let end = first;
    let digits = 0;
    for (let c = text.charCodeAt(end); end < n && inRun(c); c = text.charCodeAt(++end)) if (c <= 57 && c >= 48) digits++;
    if (digits >= MIN_DIGITS) {
      if (regionCount * 2 + 2 > regionBuf.length) {
        const grown = new Int32Array(regionBuf.length * 2);
        grown.set(regionBuf);
        regionBuf = grown;
      }
      regionBuf[regionCount * 2] = start;
      regionBuf[regionCount * 2 + 1] = end;
      regionCount++;
    }
    DIGIT.lastIndex = end;
  }
  DIGIT.lastIndex = 0;
  return regionBuf;
}

/**
 * The matches of the global `re` (one of the digit patterns above) that lie in `regions`, in order,
 * with their index in `text`: the same ones `text.matchAll(re)` reports there. Each region is searched
 * in a window one character wider before it and two after (the patterns' lookbehinds read one
 * character, their lookaheads at most two), where a search over the whole text from the region's
 * start would run on to the next match or the end of the text.
 */
function* matchesIn(re: RegExp, text: string, regions: Int32Array): Generator<RegExpExecArray> {
  const count = regionCount;
  for (let r = 0; r < count; r++) {
    const end = regions[r * 2 + 1]!;
    const from = Math.max(0, regions[r * 2]! - 1);
    windows[r] ??= text.slice(from, Math.min(text.length, end + 2));
    const window = windows[r]!;
    re.lastIndex = 0;
    for (let m = re.exec(window); m && from + m.index < end; m = re.exec(window)) {
      if (m[0].length === 0) re.lastIndex++;
      m.index += from;
      yield m;
    }
  }
  re.lastIndex = 0;
}
/** each region's window, cut once per text and shared by the patterns (reset by digitRegions) */
const windows: (string | undefined)[] = [];
const NO_MATCHES: readonly RegExpExecArray[] = [];
/** matchesIn, without making a generator when there is no region (most texts) */
const matchesOf = (re: RegExp, text: string, regions: Int32Array): Iterable<RegExpExecArray> =>
  regionCount === 0 ? NO_MATCHES : matchesIn(re, text, regions);

function digitsOf(s: string) {
  return s.replace(/\D/g, "");
}

function candidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  const push = (type: string, start: number, end: number, score: number, reason: string, rank: number) =>
    out.push({ type, start, end, score, reason, rank });

  if (text.includes("@")) for (const m of text.matchAll(EMAIL)) push("email", m.index, m.index + m[0].length, 0.9, "email", 5);

  const regions = digitRegions(text);
  for (const m of matchesOf(CARD, text, regions)) {
    const raw = m[0].replace(/[ -]+$/, "");
    const digits = digitsOf(raw);
    if (digits.length < 12 || digits.length > 19) continue;
    // separators, if any, must be the card-printing kind: groups of 4 (or Amex 4-6-5)
    if (/[ -]/.test(raw) && !/^\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?$|^\d{4}[ -]\d{6}[ -]\d{5}$/.test(raw)) continue;
    if (/^(\d)\1+$/.test(digits)) continue;
    const network = cardNetwork(digits);
    if (network && luhn(digits)) push("credit_card", m.index, m.index + raw.length, 0.95, "luhn_valid", 10);
  }

  for (const m of text.matchAll(IBAN)) {
    if (validIban(m[0])) push("iban", m.index, m.index + m[0].length, 0.95, "iban_checksum", 9);
  }

  for (const m of matchesOf(CN_ID, text, regions)) {
    if (validChineseId(m[0])) push("cn_resident_id", m.index, m.index + m[0].length, 0.95, "gb11643_checksum", 9);
  }

  for (const m of matchesOf(SSN, text, regions)) {
    if (validSsn(m[1]!, m[2]!, m[3]!)) push("us_ssn", m.index, m.index + m[0].length, 0.85, "ssn_format", 8);
  }

  for (const m of text.matchAll(IPV4)) {
    // "1.2.3.4" is as often a version as an address
    if (/^\d\.\d\.\d\.\d$/.test(m[0])) continue;
    push("ip_address", m.index, m.index + m[0].length, 0.45, "ip_address", 2);
  }
  // an IPv6 address has seven colons within 39 characters: prose and URLs seldom do, and skip the regex
  if (colonCluster(text)) for (const m of text.matchAll(IPV6)) push("ip_address", m.index, m.index + m[0].length, 0.45, "ip_address", 2);

  for (const shape of PHONE_SHAPES) {
    for (const m of matchesOf(shape.re, text, regions)) {
      const digits = digitsOf(m[0]);
      // 3-2-4 is the SSN shape, never a phone layout
      if (digits.length < 7 || digits.length > 15 || /^\d{3}-\d{2}-\d{4}$/.test(m[0])) continue;
      push("phone", m.index, m.index + m[0].length, shape.score, shape.reason, 4);
    }
  }
  for (const m of matchesOf(DIGIT_GROUPS, text, regions)) {
    const raw = m[0];
    const digits = digitsOf(raw);
    if (digits.length < 7 || digits.length > 15 || DATE_LIKE.test(raw) || /^\d{3}-\d{2}-\d{4}$/.test(raw)) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const after = text.slice(m.index + raw.length, m.index + raw.length + 12);
    const labelled = CONTEXT_BEFORE.test(before);
    if (!labelled && (NOT_PHONE_BEFORE.test(before) || ADDRESS_AFTER.test(after))) continue;
    if (labelled || CONTEXT_AFTER.test(after)) push("phone", m.index, m.index + raw.length, 0.75, "phone_context", 3);
  }
  return out;
}

/** Overlaps: the higher-ranked (better validated) type wins; same type keeps the longer span. */
function resolveOverlaps(cands: Candidate[]): Candidate[] {
  cands.sort((a, b) => b.rank - a.rank || b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of cands) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function detectPii(text: string): Finding[] {
  if (!/\d|@/.test(text)) return [];
  return resolveOverlaps(candidates(text)).map((c) => ({
    detector: "pii",
    type: c.type,
    start: c.start,
    end: c.end,
    score: c.score,
    severity:
      c.type === "credit_card" || c.type === "cn_resident_id" || c.type === "us_ssn" || c.type === "iban"
        ? "high"
        : c.score >= 0.5
          ? "medium"
          : "low",
    reason: c.reason,
  }));
}
