/**
 * Encoded payloads: "aWdub3JlIGFsbCBwcmV2aW91cyBpbnN0cnVjdGlvbnM=" says "ignore all previous
 * instructions" to a model that decodes base64, and nothing to a keyword filter. Blobs that decode
 * to readable text are handed back (with their ORIGINAL span) for the caller to rescan.
 */

export type DecodedBlob = { start: number; end: number; text: string; encoding: "base64" | "hex" };

const MIN_BASE64 = 16;
const HEX = /\b(?:[0-9a-fA-F]{2}[ :]?){10,}|(?:\\x[0-9a-fA-F]{2}){8,}/g;
const MAX_BLOBS = 16;

function readable(s: string): boolean {
  if (s.length < 8) return false;
  let ok = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 10 || c === 13 || c === 9 || c >= 0x4e00) ok++;
  }
  // decoded natural language has letters and spaces; random bytes do not
  return ok / s.length > 0.92 && /[a-zA-Z\u4e00-\u9fff]{3}/.test(s);
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}

export function decodeBase64(s: string): string | null {
  const clean = s.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (clean.length % 4 === 1) return null;
  try {
    const bin = atob(clean + "===".slice(0, (4 - (clean.length % 4)) % 4));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return utf8(bytes);
  } catch {
    return null;
  }
}

function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 95 || c === 45;
}

/**
 * The end of the match of /[A-Za-z0-9+/_-]{16,}={0,2}/ that starts the maximal alphabet run at
 * `start`, or -1 when that run is too short: the callers walk runs of the alphabet once, where the
 * regex retried every start inside each shorter word (a visible share of a scan in --cpu-prof), and
 * a maximal run of 16+ followed by up to two "=" is exactly what it matched. `runEnd` gets the run's end.
 */
function base64RunAt(text: string, start: number, runEnd: { at: number }): number {
  const n = text.length;
  let j = start + 1;
  while (j < n && isBase64Char(text.charCodeAt(j))) j++;
  runEnd.at = j;
  if (j - start < MIN_BASE64) return -1;
  let end = j;
  while (end < n && end - j < 2 && text.charCodeAt(end) === 61) end++;
  return end;
}

/** The matches of /[A-Za-z0-9+/_-]{16,}={0,2}/g (see base64RunAt). */
export function* base64Runs(text: string): Generator<{ start: number; end: number }> {
  const run = { at: 0 };
  for (let i = 0; i < text.length;) {
    if (!isBase64Char(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const end = base64RunAt(text, i, run);
    if (end >= 0) {
      yield { start: i, end };
      i = end;
    } else i = run.at;
  }
}

/** Has text[start, end) both a lower-case and an upper-case ASCII letter? */
function mixedCase(text: string, start: number, end: number): boolean {
  let lower = false;
  let upper = false;
  for (let i = start; i < end && !(lower && upper); i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = true;
    else if (c >= 65 && c <= 90) upper = true;
  }
  return lower && upper;
}

const isHexChar = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/**
 * Can HEX match at all? Its first form is ten hex pairs with at most a space or colon between them:
 * a run of [0-9a-fA-F :] holding 20+ hex digits; its second needs "\x". Prose has neither, and the
 * regex (tried at every word boundary of a 4 KB prompt) is then skipped. findEncodedBlobs counts
 * the hex digits of such runs on its base64 walk.
 *
 * Per ASCII code: a base64-alphabet character (BASE64), a hex digit (HEX_DIGIT, all in the alphabet), " " or ":" (HEX_GAP). */
const BASE64 = 1;
const HEX_DIGIT = 2;
const HEX_GAP = 4;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++)
  CLASS[c] = (isBase64Char(c) ? BASE64 : 0) | (isHexChar(c) ? HEX_DIGIT : 0) | (c === 32 || c === 58 ? HEX_GAP : 0);

export function findEncodedBlobs(text: string): DecodedBlob[] {
  const out: DecodedBlob[] = [];
  // One walk over the text (speed, round 7): the alphabet runs of base64RunAt, with mayHoldHex's count
  // of hex digits kept on the way (it was a second pass over every character); a class table instead
  // of compare chains. A run is only cut out of the text once it may be base64.
  const n = text.length;
  let hex = 0;
  let mayHex = false;
  for (let i = 0; i < n && out.length < MAX_BLOBS;) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? CLASS[c]! : 0;
    if ((k & BASE64) === 0) {
      if ((k & HEX_GAP) === 0) hex = 0;
      i++;
      continue;
    }
    const start = i;
    let j = i;
    for (; j < n; j++) {
      const d = text.charCodeAt(j);
      const kd = d < 128 ? CLASS[d]! : 0;
      if ((kd & BASE64) === 0) break;
      if ((kd & HEX_DIGIT) === 0) hex = 0;
      else if (++hex >= 20) mayHex = true;
    }
    if (j - start < MIN_BASE64) {
      i = j;
      continue;
    }
    let end = j;
    while (end < n && end - j < 2 && text.charCodeAt(end) === 61) end++;
    if (end > j) hex = 0; // "=" is neither a hex digit nor a gap
    i = end;
    // identifiers, hashes and words: base64 of prose mixes cases and digits
    if (!mixedCase(text, start, end)) continue;
    const decoded = decodeBase64(text.slice(start, end));
    if (decoded && readable(decoded)) out.push({ start, end, text: decoded, encoding: "base64" });
  }
  // mayHex is exact unless the walk stopped early, and then no hex blob is taken anyway (MAX_BLOBS)
  for (const m of mayHex || text.includes("\\x") ? text.matchAll(HEX) : []) {
    if (out.length >= MAX_BLOBS) break;
    const digits = m[0].replace(/\\x|[ :]/g, "");
    if (digits.length % 2) continue;
    const bytes = new Uint8Array(digits.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
    const decoded = utf8(bytes);
    if (readable(decoded)) out.push({ start: m.index, end: m.index + m[0].length, text: decoded, encoding: "hex" });
  }
  return out;
}

export function rot13(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 97 && c <= 122 ? String.fromCharCode(((c - 97 + 13) % 26) + 97) : s[i];
  }
  return out;
}
