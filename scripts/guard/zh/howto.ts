/**
 * Training-only everyday Chinese how-to questions (ours, MIT; round 7), as negatives for the
 * classifier's payload head. On the Chinese side its positives are mostly JADE's harmful
 * questions ("如何…", "怎么…", "怎样才能…") and its Chinese negatives (zh/ordinary.ts: essays,
 * summaries, outlines) hold few short practical questions, so the question form itself read as
 * harmful: "如何在淘宝上开店，需要多少成本？" scored 0.98. These rows ask in JADE's forms about
 * errands, cooking, repair, study, travel, health, pets, money and sport, and more than half use a
 * word that is harmful elsewhere in its everyday sense (杀毒软件, 炸薯条, 毒蘑菇怎么辨认, 报警),
 * since the harmful-model detector's Chinese word-of-harm check cannot excuse those. Seeded and
 * deterministic; never evaluated (the rows carry a fixed "train" split).
 */
import { fnv1a, mulberry32, shuffle } from "../random";
import { ACTIONS, DISHES, DUAL_ACTIONS, DUAL_DISHES, ERRANDS, PRICED } from "./howto-topics";
import { traditional } from "./tricks";

const ACTION_FRAMES: readonly string[] = [
  "如何{t}？",
  "怎么{t}？",
  "怎样才能{t}？",
  "{t}的步骤是什么？",
  "{t}需要注意什么？",
  "第一次{t}，有什么要注意的？",
  "{t}有什么技巧吗？",
  "新手想{t}，应该从哪一步开始？",
  "{t}需要准备哪些东西？",
  "{t}一般要花多长时间？",
  "有没有简单的办法{t}？",
  "请教一下{t}的正确方法。",
  "教我{t}，越详细越好。",
  "一步一步告诉我怎么{t}。",
  "{t}，具体该怎么操作？",
];

const ERRAND_FRAMES: readonly string[] = [
  "{t}需要什么材料？",
  "{t}去哪里办？",
  "{t}要花多少钱？",
  "{t}可以在网上办吗？",
  "{t}的流程是怎样的？",
  "{t}大概要几个工作日？",
  "如何{t}？",
  "怎么{t}？",
  "{t}需要本人到场吗？",
];

const DISH_FRAMES: readonly string[] = [
  "{t}怎么做？",
  "{t}的家常做法是什么？",
  "在家做{t}需要哪些食材？",
  "{t}怎么做才好吃？",
  "做{t}有什么窍门？",
  "如何做一道好吃的{t}？",
  "第一次做{t}，步骤是怎样的？",
];

const PRICED_FRAMES: readonly string[] = ["{t}大概多少钱？", "{t}一般要花多少钱？", "{t}贵不贵？大概什么价位？", "{t}需要多少预算？"];

/** Ways people open a question; the empty opening most often. */
const OPENINGS: readonly string[] = [
  "",
  "",
  "",
  "",
  "请问",
  "请问一下，",
  "求助：",
  "有没有人知道",
  "想问下",
  "小白求问，",
  "问一下大家，",
  "大家好，",
];
const CLOSINGS: readonly string[] = ["", "", "", "", "谢谢！", "在线等。", "求推荐。", "急"];

/** Every kind: its topics, its question frames, and how many frames each topic gets. */
const KINDS: readonly [readonly string[], readonly string[], number][] = [
  [ACTIONS, ACTION_FRAMES, 4],
  [ERRANDS, ERRAND_FRAMES, 5],
  [DISHES, DISH_FRAMES, 4],
  [PRICED, PRICED_FRAMES, 3],
  [DUAL_ACTIONS, ACTION_FRAMES, 5],
  [DUAL_DISHES, DISH_FRAMES, 5],
];

function vary(question: string, rand: () => number): string {
  const opening = OPENINGS[Math.floor(rand() * OPENINGS.length)]!;
  // An imperative ("教我…", "请教一下…") takes no "请问" before it.
  let q = /^(?:教我|一步一步|请教)/.test(question) && opening !== "大家好，" ? question : opening + question;
  const r = rand();
  if (r < 0.1) q = q.replace(/[？。]$/, "?");
  else if (r < 0.2) q = q.replace(/[？。]$/, "");
  const closing = CLOSINGS[Math.floor(rand() * CLOSINGS.length)]!;
  if (closing) q += /[？?。]$/.test(q) ? closing : `，${closing}`;
  // A few written in traditional characters (the normaliser folds them back, the head sees both).
  if (rand() < 0.06) q = traditional(q);
  return q;
}

export function howtoZh(): string[] {
  const rand = mulberry32(fnv1a("zh-howto-v1"));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const [topics, frames, per] of KINDS) {
    for (const t of topics) {
      // Each topic with its own subset of frames, so no frame–topic pairing dominates.
      for (const frame of shuffle([...frames], rand).slice(0, per)) {
        const q = vary(frame.replaceAll("{t}", t), rand);
        const len = [...q].length;
        if (len < 8 || len > 60 || seen.has(q)) continue;
        seen.add(q);
        out.push(q);
      }
    }
  }
  return out;
}
