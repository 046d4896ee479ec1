/**
 * Development aid (round 7): harmful-request detection judged on TRAIN rows only, out of fold.
 * Every row is scored by the payload head of the cross-fitting fold that did not see it (or its
 * near-duplicates / seed sentence, scripts/guard/train.ts), whole text and sentence by sentence;
 * the shipped rules (injection with out-of-fold scores, harmful rules, secrets) give the "before"
 * verdict. Candidate designs are added on top and reported as recall per harmful set and false
 * positives per benign group. Test rows are never loaded.
 * `npx tsx scripts/guard/dev-harmful.ts [--misses set] [--fp set] [--design name]`
 */
import { isChinese } from "../../server/guard/classifier/features";
import { calibrate, logit } from "../../server/guard/classifier/model";
import { detectHarmful, FLAG_ONLY_REASONS } from "../../server/guard/detectors/harmful";
import { detectInjection } from "../../server/guard/detectors/injection";
import { detectSecrets } from "../../server/guard/detectors/secrets";
import { detectHarmfulModel, type ModelPoints } from "../../server/guard/detectors/harmful-model";
import { normalize } from "../../server/guard/normalize";
import { DEFAULT_POLICY } from "../../server/guard/policy";
import type { Finding } from "../../server/guard/types";
import { foldOf } from "./train";
import { outOfFoldScores } from "./train/out-of-fold";

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : null);
const { docs, valLogits, en, zh, oofH, hModels, hcal } = outOfFoldScores();

type Row = {
  set: string;
  kind: string;
  zh: boolean;
  text: string;
  /** the guard before round 7 (advisory findings left out) */
  base: boolean;
  /** the offensive-language lexicon fired */
  lexicon: boolean;
  /** the payload-head finding at the given points (null: none) */
  model: (points: ModelPoints) => Finding | null;
};
const rows: Row[] = [];
for (const [i, d] of docs.entries()) {
  const r = d.row;
  const v = valLogits[i]!;
  const norm = normalize(r.text);
  const whole = calibrate(oofH[i]!, v.zh ? hcal.zh : hcal.en);
  const fold = hModels[foldOf(r)]!;
  const payloadOf = (s: string) => calibrate(logit(fold, s), isChinese(s) ? hcal.zh : hcal.en);
  const findings = [
    ...detectInjection(r.text, norm, { injection: calibrate(v.z, v.zh ? zh : en), harmful: whole, payloadOf }),
    ...detectHarmful(r.text, norm, { harmful: whole, payloadOf }),
    ...detectSecrets(r.text),
  ];
  const base = findings.some((f) => !FLAG_ONLY_REASONS.has(f.reason) && f.score >= DEFAULT_POLICY[f.detector].threshold);
  // the shipped rule: a model finding only where no rule finding reached the policy threshold
  const ruled = findings.some((f) => f.detector === "harmful" && f.reason !== "harmful_model" && f.score >= 0.7);
  rows.push({
    set: `${r.set}/${r.file}/${r.kind}`,
    kind: r.kind,
    zh: v.zh,
    text: r.text,
    base,
    lexicon: findings.some((f) => f.reason === "offensive_language"),
    model: (points) => (ruled ? null : detectHarmfulModel(norm, whole, payloadOf, points)),
  });
}

const DESIGNS: Record<string, (r: Row) => boolean> = { base: (r) => r.base, lexicon: (r) => r.base || r.lexicon };
const grid = (arg("--grid") ?? "0.9:0.9:0.97").split(",");
for (const g of grid) {
  // en point : zh point for requests : zh point for statements (default: the same)
  const [te, tz, ts = tz] = g.split(":").map(Number) as [number, number, number?];
  const points = { en: te, zhRequest: tz, zhStatement: ts };
  DESIGNS[`${g}`] = (r) => r.base || r.model(points) !== null;
  DESIGNS[`${g}+lex`] = (r) => r.base || r.lexicon || r.model(points) !== null;
}

const GROUPS: [string, (r: Row) => boolean][] = [
  ["HARMFUL all", (r) => r.kind === "harmful" && !r.set.includes("synthetic")],
  ["HARMFUL en", (r) => r.kind === "harmful" && !r.zh && !r.set.includes("synthetic")],
  ["HARMFUL zh", (r) => r.kind === "harmful" && r.zh && !r.set.includes("synthetic")],
  ["ORDINARY awesome en+zh", (r) => /^awesome-chatgpt-prompts(-zh)?\/prompts/.test(r.set)],
  ["ORDINARY en-ordinary-synth", (r) => r.set.startsWith("en-ordinary")],
  ["ORDINARY zh-ordinary-synth", (r) => r.set.startsWith("zh-ordinary")],
  ["ORDINARY zh-howto-synth", (r) => r.set.startsWith("zh-howto")],
  ["LOOKALIKE en (wildguard, xstest, notinject)", (r) => /^(wildguard|xstest\/safe|notinject)/.test(r.set)],
  ["LOOKALIKE zh-injection benign", (r) => r.set.startsWith("zh-injection/benign")],
  ["OTHER benign (cold safe, cvalues, oai none)", (r) => /^(cold-zh\/safe|cvalues|openai-moderation\/none)/.test(r.set)],
  ["ATTACKS all", (r) => r.kind === "attack" && !r.set.includes("synthetic")],
];
const sets = [...new Set(rows.map((r) => r.set))].sort();
for (const s of sets) GROUPS.push([`  ${s}`, (r) => r.set === s]);

const names = Object.keys(DESIGNS);
console.log(`${"group".padEnd(60)} ${"n".padStart(5)} ${names.map((n) => n.padStart(14)).join("")}`);
for (const [g, member] of GROUPS) {
  const m = rows.filter(member);
  if (m.length === 0 || (g.startsWith("  ") && /\/attack$/.test(g))) continue;
  const cells = names.map((n) => ((100 * m.filter(DESIGNS[n]!).length) / m.length).toFixed(1).padStart(13) + " ");
  console.log(`${g.padEnd(60)} ${String(m.length).padStart(5)} ${cells.join("")}`);
}
const design = DESIGNS[arg("--design") ?? `${grid[0]}+lex`]!;
for (const r of rows) {
  const f = r.model({ en: 0, zhRequest: 0, zhStatement: 0 });
  const line = `m=${f ? f.score.toFixed(2) : "-"} lex=${r.lexicon ? 1 : 0} ${r.set} ${r.text.slice(0, 160).replace(/\s+/g, " ")}`;
  if (arg("--misses") && r.set.includes(arg("--misses")!) && r.kind === "harmful" && !design(r)) console.log(`MISS ${line}`);
  if (arg("--fp") && r.set.includes(arg("--fp")!) && r.kind === "benign" && design(r) && !r.base) console.log(`NEWFP ${line}`);
}
