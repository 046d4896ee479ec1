/**
 * Secrets: provider-specific shapes (secret-rules.ts), then generic assignments
 * (`api_key = "…"`, `"password": "…"`, `The password is '…'`) whose value is judged on its own:
 * placeholders, variable references and look-ups (`$VAR`, `${…}`, `<your key>`, `process.env.X`,
 * `xxxx`) are not secrets; random-looking values are (Shannon entropy), and so are short
 * human passwords when the name says "password".
 */

import { LiteralGate } from "../gate";
import { requiredLiterals } from "../literals";
import type { Finding } from "../types";
import { assignments } from "./assignments";
import { SECRET_RULES } from "./secret-rules";

/** SAID needs one of these words: most prompts have none, and the pattern is then not run at all. */
const SAID_CUE = /pass|secret|token|api key/;
const SAID = /\b(?:password|passphrase|passcode|secret|token|api key)\s+(?:for [^\n]{1,40}?\s+)?(?:is|was)\s+["'`]([^"'`\s]{4,64})["'`]/gi;

const PLACEHOLDER =
  /^(?:\$|%|\{\{|<|\[|#{3,}|\*{3,}|x{4,}|\.{3})|^(?:process\.env|os\.environ|os\.getenv|getenv|env\(|ENV\[|System\.getenv|config\.|settings\.|self\.|this\.|request\.|req\.|params\.|args\.|props\.)|^(?:null|none|nil|true|false|undefined|string|str|int|password|passwd|secret|token|changeme|example|sample|test|dummy|placeholder|redacted|hidden|empty|required|optional|not-set|notset|todo|tbd|your[_-].*|my[_-]?(?:api[_-]?key|token|secret)|\*+|-+|\.+)$/i;

/**
 * Which rules can match, in one pass of the literal gate (../gate.ts) over the lower-cased text: a
 * rule with a hint of 3+ characters needs its hint; the others need the required literals of their
 * pattern, lower-cased (a text containing "AKIA" has "akia" in its lower-cased form; case-insensitive
 * patterns get none and always run). Presence in the lower-cased text is what the hints always meant. This replaced a lookahead alternation over the hints plus a
 * regex pass per unhinted rule (newrelic's alternation alone was a visible share of detectSecrets).
 */
const SECRET_GATE = new LiteralGate(
  SECRET_RULES.map((r) =>
    r.hint && r.hint.length >= 3
      ? [[r.hint]]
      : requiredLiterals(r.re)
          // lower-casing maps ASCII characters one to one; other scripts could change a literal's form
          .filter((set) => set.every((l) => /^[\x20-\x7e]+$/.test(l)))
          .map((set) => [...new Set(set.map((l) => l.toLowerCase()))]),
  ),
);

/**
 * The same required literals in their own case, checked on the original text for the rules the gate
 * let through: the gate sees the lower-cased text, where `\bSK[0-9a-f]{32}` (Twilio) is let through by
 * every "task" and "ask". Only single literals: an indexOf each is cheaper than the regex pass it
 * saves, while a set of alternatives would cost one full pass per absent alternative.
 */
const EXACT_LITERALS = SECRET_RULES.map((r) => requiredLiterals(r.re).filter((set) => set.length === 1));

/** Does `text` hold a literal of every set? (The sets here are single literals: see EXACT_LITERALS.) */
function hasEveryLiteral(text: string, sets: readonly string[][]): boolean {
  for (const set of sets) {
    let any = false;
    for (let k = 0; k < set.length && !any; k++) any = text.includes(set[k]!);
    if (!any) return false;
  }
  return true;
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function looksLikeCode(value: string): boolean {
  // a call, a property path or a file/URL path is code, not a literal secret
  return /^[\w.$]+\(.*\)?$|^[a-z_]+\.[a-z_]+(?:\.[a-z_]+)*$|^\/|^[a-z]+:|^#[a-z{]|^[\w-]+(?:\/[\w#.:-]+)+$|^[.\\(\[{$%<]/i.test(value);
}

/**
 * Documentation and test values: sequential runs (1234…, abcd…, a1b2c3), long runs of one
 * character, the words "example / sample / dummy / fake / test / secret / password / changeme /
 * your" inside the value. Real generated secrets practically never contain these; docs, READMEs
 * and fixtures almost always do. Only for the generic rules: vendor-shaped keys keep their own checks.
 */
const EXAMPLE_MARKER =
  /0123|1234|2345|3456|4567|5678|6789|7890|abcd|bcde|cdef|wxyz|a1b2|b2c3|c3d4|(.)\1{5,}|example|sample|dummy|fake|test|secret|passw|changeme|your|xxx|todo|redacted/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Names that say which vendor's key they hold, where that key has one fixed shape: a value of any
 * other shape under such a name is a fake or a placeholder (`AWS_SECRET_ACCESS_KEY=<42 hex digits>`),
 * and a real one is found by its vendor rule (secret-rules.ts) anyway.
 */
const NAMED_SHAPES: [RegExp, RegExp][] = [
  [/aws.*secret/, /^[A-Za-z0-9/+]{40}$/],
  [/aws.*access.?key.?id/, /^(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/],
];

function judgeAssignment(name: string, value: string, quoted: boolean): { type: string; score: number } | null {
  if (PLACEHOLDER.test(value) || looksLikeCode(value)) return null;
  const n = name.toLowerCase();
  for (const [named, shape] of NAMED_SHAPES) if (named.test(n) && !shape.test(value)) return null;
  if (
    /(?:label|placeholder|hint|field|input|form|reset|forgot|length|min|max|policy|hash|salt|type|name|id|url|uri|path|file|dir|header|prompt|regex|pattern|_?count|expir\w*|ttl|timeout|route)$/.test(
      n,
    )
  )
    return null;
  const isPassword = /pass|pwd/.test(n);
  // a bare UUID is an identifier far more often than a secret, unless the name says password
  if (!isPassword && UUID.test(value)) return null;
  const h = entropy(value);
  // random-looking values under a secret-ish name, unless the value carries a documentation marker
  const example = EXAMPLE_MARKER.test(value);
  if (!example && value.length >= 16 && h >= 3.3) return { type: "generic_secret", score: 0.85 };
  if (!example && value.length >= 12 && h >= 3.0 && /[0-9]/.test(value) && /[a-zA-Z]/.test(value))
    return { type: "generic_secret", score: 0.8 };
  // human passwords: short and low-entropy, but a password all the same, when quoted or config-style
  if (isPassword && value.length >= 4 && (quoted || /^[A-Z0-9_]+$/.test(name) || /^[\w.-]+$/.test(name)))
    return { type: "password", score: quoted ? 0.75 : 0.6 };
  if (!example && /secret|token|key/.test(n) && value.length >= 8 && quoted) return { type: "generic_secret", score: 0.6 };
  return null;
}

/** `lower`: text.toLowerCase(), when the caller has it already (scan() shares it with the canary check). */
export function detectSecrets(text: string, lower = text.toLowerCase()): Finding[] {
  const found: Finding[] = [];
  const push = (type: string, start: number, end: number, score: number, reason: string) => {
    found.push({
      detector: "secrets",
      type,
      start,
      end,
      score,
      severity: score >= 0.9 ? "critical" : score >= 0.75 ? "high" : score >= 0.5 ? "medium" : "low",
      reason,
    });
  };

  const open = SECRET_GATE.scan(lower);
  // indexed loops, no entries() pair or some() closures per rule: ~150 rules per scan (issue 6)
  for (let index = 0; index < SECRET_RULES.length; index++) {
    if (open[index] !== 1) continue;
    const rule = SECRET_RULES[index]!;
    if (rule.hint && rule.hint.length < 3 && !lower.includes(rule.hint)) continue;
    if (!hasEveryLiteral(text, EXACT_LITERALS[index]!)) continue;
    // test() first (round 7): most rules the gate lets through still miss, and a miss then allocates
    // no iterator and no copy of the pattern (matchAll clones it)
    rule.re.lastIndex = 0;
    if (!rule.re.test(text)) continue;
    rule.re.lastIndex = 0;
    for (const m of text.matchAll(rule.re)) {
      if (rule.check && !rule.check(m)) continue;
      // span: the captured secret when the rule captured one, else the whole match
      const g = rule.group ?? m.slice(1).findIndex((x) => x !== undefined) + 1;
      const value = g > 0 ? m[g] : undefined;
      const start = value !== undefined ? m.index + m[0].indexOf(value) : m.index;
      let end = start + (value ?? m[0]).length;
      // a PEM header without its END line: what follows is key material until proven otherwise
      if (rule.type === "private_key" && m[0].startsWith("-----BEGIN") && !m[0].includes("-----END")) end = text.length;
      push(rule.type, start, end, rule.score, "provider_pattern");
    }
  }

  // An AWS access key id with a 40-character secret near it: the pair is a working credential.
  for (const f of found.filter((x) => x.type === "aws_access_key")) {
    const near = text.slice(f.end, f.end + 200).match(/(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/);
    if (near && /[A-Z]/.test(near[0]) && /[a-z0-9]/.test(near[0]) && entropy(near[0]) > 3.5) {
      const start = f.end + near.index!;
      push("aws_secret_key", start, start + 40, 0.95, "aws_key_pair");
    }
  }

  for (const m of assignments(text)) {
    const [, name, quote, value] = m;
    const verdict = judgeAssignment(name!, value!, quote !== "");
    if (!verdict) continue;
    const start = m.index + m[0].lastIndexOf(value!);
    push(verdict.type, start, start + value!.length, verdict.score, "assignment");
  }
  // .NET configuration: <add key="SmtpPassword" value="…"/>
  if (lower.includes("<add"))
    for (const m of text.matchAll(/<add\s+key="([^"]*(?:password|secret|token|apikey|api_key|pwd)[^"]*)"\s+value="([^"]{4,})"/gi)) {
      const verdict = judgeAssignment(m[1]!, m[2]!, true);
      if (!verdict) continue;
      const start = m.index + m[0].lastIndexOf(m[2]!);
      push(verdict.type, start, start + m[2]!.length, verdict.score, "assignment");
    }
  if (SAID_CUE.test(lower))
    for (const m of text.matchAll(SAID)) {
      const value = m[1]!;
      if (PLACEHOLDER.test(value)) continue;
      const start = m.index + m[0].lastIndexOf(value);
      push("password", start, start + value.length, 0.7, "stated_password");
    }

  return dedupe(found);
}

/** Overlapping findings: keep the strongest (a ghp_ token inside `token = "ghp_…"` is one finding). */
function dedupe(found: Finding[]): Finding[] {
  found.sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start));
  const kept: Finding[] = [];
  for (const f of found) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}
