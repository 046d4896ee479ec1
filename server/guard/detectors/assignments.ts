/**
 * The generic secret assignments (`api_key = "…"`, `"password": "…"`) of secrets.ts, found without
 * trying the pattern at every word of a prompt (speed, round 7: on an English 4 KB prompt that holds
 * "key" or "pass" anywhere, the pattern's lazy name prefix made it ~8 % of a scan).
 *
 * assignments(text) yields exactly what text.matchAll(ASSIGNMENT) yields. Why: a match's name is a
 * run of [A-Za-z0-9_.-] holding a cue word (every alternative of the name contains one of CUE's) and
 * it ends where the maximal run of those characters ends (what may follow a name — a quote, a blank,
 * `:`, `=`, `!` — is none of them). After the run the pattern needs an optional quote, blanks, then
 * `:`, `=`, `!=`, or a blank before a quote (operatorAfter). So a match can only start inside such a
 * run followed by such an operator; the pattern is run from the first such run at or after the
 * previous match's end, and what it finds there (or later) is matchAll's next match, since no match
 * starts before it. When it finds none, none is left in the text.
 */

export const ASSIGNMENT =
  /(?<![A-Za-z0-9])([A-Za-z0-9_.-]*?(?:password|passwd|passwort|pwd|pass|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|credential|private[_-]?key|client[_-]?secret|signing[_-]?key|encryption[_-]?key|jwt|_pat)[A-Za-z0-9_.-]*)["'`]?[ \t]*(?:[:=]|=>|:=|==|!=|[ \t](?=["'`]))[ \t]*(["'`]?)([^\s"'`,;)}\]]{3,200})\2/gi;
// the same flags as ASSIGNMENT (case-insensitive, not Unicode): the same characters match a cue
const CUE = /pass|pwd|secret|token|key|credential|jwt|_pat/gi;

const NAME_CHAR = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") NAME_CHAR[c.charCodeAt(0)] = 1;
const isNameChar = (c: number) => c < 128 && NAME_CHAR[c] === 1;
const isQuote = (c: number) => c === 34 || c === 39 || c === 96;
const isBlank = (c: number) => c === 32 || c === 9;

/** Does `["'`]?[ \t]*(?:[:=]|=>|:=|==|!=|[ \t](?=["'`]))` match at `at`? (A quote there must be the optional one.) */
function operatorAfter(text: string, at: number): boolean {
  let j = at;
  if (isQuote(text.charCodeAt(j))) j++;
  let k = j;
  while (isBlank(text.charCodeAt(k))) k++;
  const c = text.charCodeAt(k);
  return c === 58 || c === 61 || (c === 33 && text.charCodeAt(k + 1) === 61) || (k > j && isQuote(c));
}

export function* assignments(text: string): Generator<RegExpExecArray> {
  let pos = 0; // where matchAll would search next
  CUE.lastIndex = 0;
  while (CUE.test(text)) {
    const inside = CUE.lastIndex - 1;
    let start = inside;
    while (start > 0 && isNameChar(text.charCodeAt(start - 1))) start--;
    let end = inside + 1;
    while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
    CUE.lastIndex = end;
    if (end <= pos || !operatorAfter(text, end)) continue;
    ASSIGNMENT.lastIndex = Math.max(pos, start);
    const m = ASSIGNMENT.exec(text);
    if (!m) break;
    pos = m.index + m[0].length; // never empty: the name alone is 3+ characters
    CUE.lastIndex = Math.max(end, pos);
    yield m;
  }
  CUE.lastIndex = 0;
  ASSIGNMENT.lastIndex = 0;
}
