/**
 * System-prompt leakage through canary tokens: the agent's instructions carry a random marker
 * (context.canaries); an answer that contains it has leaked the instructions. Models (and users
 * asking them to) leak it disguised — spaced out, with punctuation, reversed, in base64 or hex —
 * so each canary is looked for in all of those forms. Any hit is critical.
 */

import { findEncodedBlobs } from "../decode";
import type { Finding } from "../types";

type AlnumView = { codes: Uint16Array; n: number; at: Int32Array };

/**
 * Lower-cased ASCII letters and digits only (full-width ones folded to ASCII), with original
 * offsets. Canaries are ASCII, so nothing else can be part of one.
 */
// Work buffers reused across calls (an output scan allocated 24 KB here for a 4 KB answer): `at` is
// only read by detectCanary before it returns, so the view may share it.
let codes = new Uint16Array(8192);
let atBuffer = new Int32Array(8192);

function alnumView(original: string): AlnumView {
  if (original.length > codes.length) {
    codes = new Uint16Array(Math.max(original.length, codes.length * 2));
    atBuffer = new Int32Array(codes.length);
  }
  const at = atBuffer;
  let n = 0;
  for (let i = 0; i < original.length; i++) {
    let c = original.charCodeAt(i);
    if (c >= 0xff10 && c <= 0xff5a) c -= 0xfee0; // full-width digits and letters
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      at[n] = i;
      codes[n++] = c;
    }
  }
  return { codes, n, at };
}

/**
 * view.indexOf(needle) on the view's code units (round 7: the view is searched in place instead of
 * being made a string, 2-8 KB per output scan; a canary is a dozen characters, so a plain scan).
 */
function indexOfCodes(view: AlnumView, needle: string): number {
  const { codes: cs, n } = view;
  const m = needle.length;
  if (m === 0) return 0;
  const first = needle.charCodeAt(0);
  for (let i = 0; i + m <= n; i++) {
    if (cs[i] !== first) continue;
    let j = 1;
    while (j < m && cs[i + j] === needle.charCodeAt(j)) j++;
    if (j === m) return i;
  }
  return -1;
}

const alnum = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

/** `lower`: text.toLowerCase(), when the caller has it already (scan() shares it with detectSecrets). */
export function detectCanary(text: string, canaries: readonly string[] | undefined, lower?: string): Finding[] {
  const tokens = (canaries ?? []).filter((c) => alnum(c).length >= 6);
  if (tokens.length === 0 || text.length === 0) return [];
  const out: Finding[] = [];
  const push = (start: number, end: number, score: number, reason: string) =>
    out.push({ detector: "canary", type: "canary", start, end, score, severity: "critical", reason });

  lower ??= text.toLowerCase();
  let view: AlnumView | null = null;
  let blobs: ReturnType<typeof findEncodedBlobs> | null = null;

  for (const canary of tokens) {
    const exact = canary.toLowerCase();
    let found = false;
    for (let i = lower.indexOf(exact); i >= 0; i = lower.indexOf(exact, i + exact.length)) {
      push(i, i + exact.length, 1, "exact");
      found = true;
    }
    if (found) continue;

    view ??= alnumView(text);
    const needle = alnum(canary);
    const spanOf = (i: number, len: number): [number, number] => {
      return [view!.at[i]!, view!.at[i + len - 1]! + 1];
    };
    const spaced = indexOfCodes(view, needle);
    if (spaced >= 0) {
      push(...spanOf(spaced, needle.length), 0.97, "obfuscated");
      continue;
    }
    const reversed = indexOfCodes(view, [...needle].reverse().join(""));
    if (reversed >= 0) {
      push(...spanOf(reversed, needle.length), 0.95, "reversed");
      continue;
    }
    blobs ??= findEncodedBlobs(text);
    const blob = blobs.find((b) => alnum(b.text).includes(needle));
    if (blob) push(blob.start, blob.end, 0.95, `encoded_${blob.encoding}`);
  }
  return out;
}
