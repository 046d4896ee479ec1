import type { HarmfulRule } from "./harmful-rules";

/**
 * Round 7: Chinese offensive language (COLD's "offensive" comments), written from general knowledge
 * of Chinese online abuse, not from the data: slurs for nationalities, regions, genders and sexual
 * orientation, and common insults. Several small rules rather than one: the literal gate
 * (../literals.ts) only understands an alternation of up to 64 strings, and a rule it cannot gate
 * runs its regex over every Chinese text (0.06 ms on a 4 KB prompt).
 */
const OFFENSIVE_WORDS = (
  "黑蛆|黑非|尼格|白皮猪|洋垃圾|洋鬼子|日本鬼子|小日本|倭寇|倭奴|高丽棒子|韩国棒子|棒子国|国蝻|郭楠|台巴子|港灿|chingchong|乡巴佬|外地狗|女拳|女权婊|田园女权|母狗|婊子|绿茶婊|普信男|普信女|直男癌|屌癌|男拳|龟男|舔狗|娘炮|" +
  "娘娘腔|拳师|捞女|基佬|死gay|人妖|屁精|傻逼|煞笔|脑残|狗东西|贱人|贱货|他妈的|妈的|尼玛|你妈|操你|去死|死全家|畜生|畜牲|杂种|杂碎|人渣|穷逼|劣等民族|低等民族|劣等人种|低等人种|滚出|滚回"
).split("|");
/** Advisory (flag, never block by itself: verdict.ts), at the default threshold. */
const offensive = (source: string): HarmfulRule => ({
  type: "offensive",
  reason: "offensive_language",
  score: 0.7,
  view: "compact",
  re: new RegExp(source, "g"),
});

export const OFFENSIVE_RULES: HarmfulRule[] = [
  // 国男 but not 中国男…; disgust said with an intensifier or at someone ("恶心死了", "真恶心", "恶心的人"),
  // never bare 恶心 (nausea: "孕妇早上恶心", "恶心想吐")
  offensive(OFFENSIVE_WORDS.slice(0, 34).join("|")),
  offensive(OFFENSIVE_WORDS.slice(34).join("|")),
  offensive("(?<!中)国男"),
  offensive(
    "(?:真|太|超|特|最|挺|蛮|这么|那么|真是|令人|让人|看着|看了)恶心(?![、，,和及或与]?(?:想吐|呕吐|反胃|干呕|头晕|头痛|腹泻|症状|感))|恶心(?:死了|至极|透了|透顶|的[人男女东]|人(?!员))",
  ),
];
