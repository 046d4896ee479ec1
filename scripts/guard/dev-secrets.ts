/**
 * Development aid for the secrets detector (round 2), on the TRAIN side of noseyparker only (the
 * same hash split as `guard:eval`; test rows are never loaded): recall and near-miss FPR, split into
 * vendor-specific rules (reason provider_pattern / aws_key_pair) and the generic assignment rules.
 * `npx tsx scripts/guard/dev-secrets.ts [--fp] [--miss]`
 */
import { detectSecrets } from "../../server/guard/detectors/secrets";
import { DEFAULT_POLICY } from "../../server/guard/policy";
import { loadSecrets } from "./datasets";
import { fnv1a } from "./random";
import { normalise, SPLIT_SALT, TEST_PERCENT } from "./split";

const isTest = (text: string) => fnv1a(SPLIT_SALT + normalise(text)) % 100 < TEST_PERCENT;
const rows = loadSecrets().filter((r) => !isTest(r.text));
const t = DEFAULT_POLICY.secrets.threshold;
const vendor = (reason: string) => reason === "provider_pattern" || reason === "aws_key_pair";
const c = { pos: 0, neg: 0, tpAny: 0, tpVendor: 0, tpGeneric: 0, fpAny: 0, fpVendor: 0, fpGeneric: 0, cred: 0, tpCred: 0 };
for (const r of rows) {
  const f = detectSecrets(r.text).filter((x) => x.score >= t);
  const v = f.some((x) => vendor(x.reason));
  const g = f.some((x) => !vendor(x.reason));
  if (r.credential) {
    c.cred++;
    if (f.length) c.tpCred++;
  }
  if (r.label === 1) {
    c.pos++;
    if (f.length) c.tpAny++;
    if (v) c.tpVendor++;
    if (g && !v) c.tpGeneric++;
    if (!f.length && process.argv.includes("--miss")) console.log("MISS", r.rule, JSON.stringify(r.text.slice(0, 160)));
  } else {
    c.neg++;
    if (f.length) c.fpAny++;
    if (v) c.fpVendor++;
    if (g) c.fpGeneric++;
    if (f.length && process.argv.includes("--fp"))
      console.log(
        "FP",
        f.map((x) => `${x.type}/${x.reason}:${r.text.slice(x.start, x.end)}`).join(" "),
        JSON.stringify(r.text.slice(0, 160)),
      );
  }
}
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;
console.log(`train side: ${c.pos} secrets, ${c.neg} near-misses`);
console.log(`recall any ${pct(c.tpAny, c.pos)} (vendor rules ${pct(c.tpVendor, c.pos)}, generic only ${pct(c.tpGeneric, c.pos)})`);
console.log(`recall on noseyparker's "secret"-category positives (identifier-only rules left out) ${pct(c.tpCred, c.cred)} of ${c.cred}`);
console.log(`near-miss FPR any ${pct(c.fpAny, c.neg)} (vendor ${pct(c.fpVendor, c.neg)}, generic ${pct(c.fpGeneric, c.neg)})`);
