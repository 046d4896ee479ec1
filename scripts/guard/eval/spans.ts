/**
 * Peers that only return redacted text: recover which ORIGINAL ranges they masked, by walking the
 * literal pieces between their placeholder tokens through the original text.
 */
export type Span = { start: number; end: number };

export function redactedSpans(original: string, redacted: string, token: RegExp): Span[] {
  if (original === redacted) return [];
  const re = new RegExp(token.source, token.flags.includes("g") ? token.flags : token.flags + "g");
  const literals: string[] = [];
  let last = 0;
  for (const m of redacted.matchAll(re)) {
    literals.push(redacted.slice(last, m.index));
    last = m.index + m[0].length;
  }
  literals.push(redacted.slice(last));
  if (literals.length === 1) return [];

  const spans: Span[] = [];
  let cursor = literals[0]!.length; // the first literal is a prefix of the original
  for (let i = 1; i < literals.length; i++) {
    const lit = literals[i]!;
    let at: number;
    if (i === literals.length - 1) at = original.length - lit.length;
    else if (lit === "") at = cursor;
    else at = original.indexOf(lit, cursor + 1);
    if (at < cursor) at = cursor;
    if (at > cursor) spans.push({ start: cursor, end: at });
    cursor = at + lit.length;
  }
  return spans;
}
