/**
 * Development aid (round 3): the WHOLE input guard judged on TRAIN rows only, with the classifier's
 * score replaced by its out-of-fold score (5-fold cross-fitting over near-duplicate groups / zh seed
 * sentences, scripts/guard/train.ts), so that a row is scored by a model that never saw it or its
 * near-duplicates. Rules, the harmful detector and secrets run as shipped under DEFAULT_POLICY.
 * This is the validation figure round 3 chose features, weights and thresholds on; test rows are
 * never loaded. Caveat: the English rules of round 1 were written looking at these rows, so rule
 * recall here is optimistic; the zh-injection rows are cross-fitted by seed like the test half.
 * `npx tsx scripts/guard/dev-guard.ts [--misses group] [--fp group]`
 */
import { calibrate, logit } from "../../server/guard/classifier/model";
import { isChinese } from "../../server/guard/classifier/features";
import { detectHarmful } from "../../server/guard/detectors/harmful";
import { detectInjection } from "../../server/guard/detectors/injection";
import { detectSecrets } from "../../server/guard/detectors/secrets";
import { normalize } from "../../server/guard/normalize";
import { DEFAULT_POLICY } from "../../server/guard/policy";
import { SETS } from "./datasets";
import { foldOf } from "./train";
import { outOfFoldScores } from "./train/out-of-fold";

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : null);
const { docs, valLogits, en, zh, oofH, hModels, hcal } = outOfFoldScores();
const SYNTHETIC = new Set(SETS.filter((s) => s.trainOnly).map((s) => s.set));

type Acc = { n: number; hit: number; cls: number; stack: number };
const acc = new Map<string, Acc>();
const add = (key: string, hit: boolean, cls: boolean, stack: boolean) => {
  const a = acc.get(key) ?? { n: 0, hit: 0, cls: 0, stack: 0 };
  if (stack) a.stack++;
  a.n++;
  if (hit) a.hit++;
  if (cls) a.cls++;
  acc.set(key, a);
};
const KNOWN = new Set(["dan", "role_play", "instruction_override", "system_prompt_extraction"]);
for (const [i, d] of docs.entries()) {
  const r = d.row;
  const v = valLogits[i]!;
  const c = calibrate(v.z, v.zh ? zh : en);
  const norm = normalize(r.text);
  const h = calibrate(oofH[i]!, v.zh ? hcal.zh : hcal.en);
  const fold = hModels[foldOf(r)]!;
  const payloadOf = (s: string) => calibrate(logit(fold, s), isChinese(s) ? hcal.zh : hcal.en);
  const findings = [
    ...detectInjection(r.text, norm, { injection: c, harmful: h, payloadOf }),
    ...detectHarmful(r.text, norm, { harmful: h, payloadOf }),
    ...detectSecrets(r.text),
  ];
  const hit = findings.some((f) => f.score >= DEFAULT_POLICY[f.detector].threshold);
  const cls = c >= 0.7;
  const keys: string[] = [];
  if (SYNTHETIC.has(r.set)) keys.push(`synthetic ${r.set}/${r.kind}`);
  else {
    keys.push(`${r.kind}/${r.group}/${r.lang}`, `set ${r.set}/${r.file}/${r.kind}`);
    if (r.kind === "attack") keys.push("ATTACKS all", ...(KNOWN.has(r.group) ? ["ATTACKS known"] : []));
    if (r.group === "ordinary") keys.push("BENIGN ordinary");
    if (r.group === "lookalike" && r.set !== "zh-injection") keys.push("BENIGN lookalike");
  }
  // the two heads without any rule: frame (≥ 0.7 alone, ≥ 0.5 with a payload ≥ 0.5)
  const stack = c >= 0.7 || (c >= 0.5 && h >= 0.5);
  for (const k of keys) add(k, hit, cls, stack);
  const tag = `${r.kind}/${r.group}/${r.lang}`;
  const label = findings
    .filter((f) => f.score >= 0.5)
    .map((f) => `${f.detector}:${f.reason}:${f.score}`)
    .join(",");
  if (arg("--misses") && tag.includes(arg("--misses")!) && r.kind === "attack" && !hit && !SYNTHETIC.has(r.set))
    console.log(`MISS c=${c.toFixed(2)} h=${h.toFixed(2)} ${label} ${r.set} ${r.text.slice(0, 200).replace(/\s+/g, " ")}`);
  if (arg("--stackfp") && r.kind === "benign" && c >= 0.3 && h >= 0.3 && c < 0.7)
    console.log(`STACKFP c=${c.toFixed(2)} h=${h.toFixed(2)} ${r.set} ${r.text.slice(0, 160).replace(/\s+/g, " ")}`);
  if (arg("--fp") && tag.includes(arg("--fp")!) && r.kind === "benign" && hit)
    console.log(`FP c=${c.toFixed(2)} ${label} ${r.set} ${r.text.slice(0, 200).replace(/\s+/g, " ")}`);
}
for (const [k, a] of [...acc].sort())
  console.log(
    `${k.padEnd(64)} n=${String(a.n).padStart(5)} guard=${((100 * a.hit) / a.n).toFixed(1).padStart(5)} % classifier=${((100 * a.cls) / a.n).toFixed(1).padStart(5)} % heads=${((100 * a.stack) / a.n).toFixed(1).padStart(5)} %`,
  );
