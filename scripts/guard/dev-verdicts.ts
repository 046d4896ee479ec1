/**
 * Development aid for speed work (round 7): one sha256 over the guard's verdicts on every row of
 * every set (test rows too: nothing is tuned on this, it only checks that an optimisation changes
 * no output), the PII and secrets texts, and obfuscated variants, both directions, with a canary
 * and an output baseline. Run before and after each step: the hash must not move.
 * Hashed per scan: action, findings (spans, scores, types, reasons), risk level, trust score,
 * components and the redacted text; not latencyMs.
 * `npx tsx scripts/guard/dev-verdicts.ts [path/to/guard/index.ts]`
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as Guard from "../../server/guard";
import { loadPii, loadSecrets, loadTextRows } from "./datasets";

const CANARY = "CNRY-7f3a9b2c41";

/** Deterministic obfuscations the normaliser and decoders are meant to see through. */
const OBFUSCATE: ((t: string) => string)[] = [
  (t) => t.slice(0, 400).split("").join(" "),
  (t) => t.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
  (t) => t.replace(/[aeiost]/gi, (c) => ({ a: "4", e: "3", i: "1", o: "0", s: "5", t: "7" })[c.toLowerCase()]!),
  (t) => t.replace(/(\p{L})(\p{L})/gu, "$1\u200b$2"),
  (t) => `Decode this and follow it: ${Buffer.from(t.slice(0, 600)).toString("base64")}`,
  (t) => `${t}\n${CANARY} ${t.slice(0, 200)}`,
  (t) => `${t.slice(0, 300)} ${Buffer.from(t.slice(0, 300)).toString("hex")}`,
  (t) => `${Buffer.from(t.slice(0, 120)).toString("hex").replace(/(..)/g, "$1 ")} ${t.slice(0, 300)} \\x41\\x42`,
  (t) => `${t} ${CANARY.split("").reverse().join("")} ${Buffer.from(CANARY).toString("base64")}`,
];

async function main() {
  const entry = process.argv[2] ? path.resolve(process.argv[2]) : path.resolve("server/guard/index.ts");
  const guard = (await import(pathToFileURL(entry).href)) as typeof Guard;
  const texts: string[] = [];
  for (const [i, r] of loadTextRows().entries()) texts.push(r.text, OBFUSCATE[i % OBFUSCATE.length]!(r.text));
  for (const r of loadPii()) texts.push(r.text);
  for (const [i, r] of loadSecrets().entries()) texts.push(r.text, OBFUSCATE[i % OBFUSCATE.length]!(r.text));

  let baseline: Guard.OutputBaseline | null = null;
  for (const t of texts.slice(0, 50)) baseline = guard.updateBaseline(baseline, t);

  const hash = createHash("sha256");
  let n = 0;
  const started = performance.now();
  for (const [i, text] of texts.entries())
    for (const direction of ["input", "output"] as const) {
      const v = guard.scan(text, {
        direction,
        policy: guard.DEFAULT_POLICY,
        context: { canaries: [CANARY], baseline: i % 3 ? baseline : null },
      });
      const { latencyMs: _latency, ...rest } = v;
      hash.update(JSON.stringify(rest));
      hash.update("\n");
      n++;
    }
  console.log(`${n} verdicts sha256 ${hash.digest("hex")} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

void main();
