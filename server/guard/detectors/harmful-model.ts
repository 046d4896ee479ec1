/**
 * Round 7: a harmful request that no rule names, found by the classifier's payload head alone
 * (classifier/index.ts: plain harmful requests against benign prompts and texts). The rules in
 * harmful-rules.ts / harmful-intent.ts need a named weapon or a request frame + objective in one
 * sentence; most of JADE's, Do-Not-Answer's and OpenAI-moderation's harmful rows name neither.
 *
 * The head only speaks at a high point, far above its own block point (0.7 = the 99th percentile
 * of benign prompts): 0.9 in English, 0.9 for a Chinese request and 0.97 for a Chinese statement
 * (COLD's offensive and safe comments share their topics — region, race, gender — and differ in
 * tone, which n-grams barely see). Not when the span asks about a harm rather than for it
 * (harmful-intent.ts's defensive frames), and in Chinese only next to a word of harm (HARM_CUE_ZH).
 * Its finding is "medium" and advisory: the default policy flags it, never blocks on it
 * (verdict.ts, FLAG_ONLY_REASONS). The span is the sentence that scored (the whole text when that
 * scored higher and no sentence reached the head's block point).
 *
 * Chosen out of fold on TRAIN rows only (scripts/guard/dev-harmful.ts): harmful rows caught 12.7 →
 * 29.3 % (en 20.3 → 28.6, zh 8.1 → 29.7), ordinary prompts unchanged (awesome en + zh 1.3 %,
 * generated en 0 %, zh 0.2 %), English look-alikes 2.2 → 2.7 %, other benign text 0.3 → 0.6 %.
 */

import { isChinese } from "../classifier/features";
import { originalSpan, type Normalized } from "../normalize";
import type { Finding } from "../types";
import { DEFENSIVE_EN, DEFENSIVE_ZH, REQUEST_ZH } from "./harmful-intent";
import { bestSentence, substantial } from "./sentences";

/** Payload-head points: English; Chinese request ("如何…", "…吗？"); Chinese statement. */
export const HARMFUL_MODEL_POINT = { en: 0.9, zhRequest: 0.9, zhStatement: 0.97 } as const;
/**
 * Sentences are scored one by one only when the whole text already reaches the head's block point
 * (0.7, its 99th percentile of benign prompts): a harmful sentence diluted in a long text still lifts
 * the whole, and 99 ordinary texts in 100 pay for no feature pass beyond the one the scan shares.
 * Out of fold, a 0.5 gate (nine in ten pay nothing) caught 0.2 points more harmful rows, no fewer benign.
 */
export const SENTENCE_GATE = 0.7;

const QUESTION_END = /[?？吗呢]\s*$/;
/**
 * Nausea, not disgust: the head learnt 恶心 from COLD's offensive comments, and scores a question
 * about a symptom ("我最近总是恶心想吐") as if it were one.
 */
const SYMPTOM =
  /恶心(?=[、，,和及或与]?(?:想吐|呕吐|反胃|干呕|头晕|头痛|腹泻|腹痛|乏力|症状))|(?:感到|觉得|有点|有些|一阵|胃|孕|晕车|饭后|吃完)[^。？！]{0,6}恶心/;

/**
 * In Chinese the head also needs a word of harm in the span. It was trained with JADE's questions
 * ("如何…", "怎样才能…") as its Chinese positives and few everyday Chinese how-to questions as
 * negatives, so "如何在淘宝上开店，需要多少成本？" scores 0.98: the question form itself reads as
 * harmful. Written from general knowledge of harm vocabulary (crime, violence, sex, drugs, fraud,
 * privacy, hate, self-harm, political subversion), not from the data.
 */
export const HARM_CUE_ZH =
  /违法|非法|犯罪|不法|黑市|偷|盗|抢|骗|诈|毒|杀|死|尸|打人|殴|揍|伤害|伤人|报复|复仇|暴力|暴打|虐|折磨|血|色情|黄色|黄片|裸|性交|性侵|强奸|猥亵|嫖|卖淫|约炮|赌|枪|弹药|炸|爆炸|武器|刀具|管制|黑客|入侵|攻击|破解|病毒|木马|外挂|隐私|个人信息|住址|身份证|跟踪|监视|监控他|定位他|定位她|偷拍|窃听|偷看|歧视|仇恨|侮辱|辱骂|骂|诅咒|羞辱|霸凌|欺负|孤立|排挤|种族|黑人|自杀|自残|割腕|轻生|贩卖|走私|洗钱|逃税|偷税|假冒|伪造|冒充|造假|假证|假货|谣言|造谣|诽谤|陷害|栽赃|勒索|敲诈|绑架|威胁|恐吓|作弊|抄袭|盗版|贿赂|行贿|受贿|腐败|操纵|洗脑|控制他|控制她|传销|邪教|恐怖|极端|分裂|颠覆|政权|翻墙|逃避|躲避|规避|漏洞|不被发现|不被抓|神不知鬼不觉|偷偷|秘密地|报仇|整人|整蛊|坑人|下药|迷药|春药|安眠药|麻醉|兴奋剂|大麻|冰毒|海洛因|摇头丸|致幻|醉驾|酒驾|肇事|逃逸|纵火|放火|投毒|爆破|拐|虐待|遗弃|堕胎|代孕|卖肾|器官|高利贷|套路贷|裸贷|催收|非法集资|庞氏|传播|泄露|曝光|人肉|开盒|举报他|污蔑|抹黑|挑拨|离间|煽动|仇视|低等|劣等|滚|贱|婊|蠢|傻|废物|垃圾|恶心|讨厌|看不起|瞧不起|鄙视|警察|警方|封锁|海关|违禁|赃|假钞|假文凭|假护照|逮捕|追捕|追踪|行踪|侦探|监控设备|窥|私信|日记|前男友|前女友|前任|通话记录|聊天记录|密码|信用卡|银行卡|账户|护照|房产信息|内部信息|机密|薪资|获取(?:他人|某人|别人|他|她|目标)|绕过|不被察觉|不留(?:下)?(?:任何)?痕迹|不引起|隐藏(?:身份|财产|行踪)|伪装|社交工程|钓鱼|后门|破坏|消灭|敌人|火器|恶意|侵害|隔阂|声誉|散布|欺压|滥用|潜入|闯入|惹麻烦|后悔|儿童|女人|男人|华人|外国人|西方人|日本人|美国人|河南人|东北人|同性恋|穆斯林|少数民族|地域/;

/**
 * A question about a harm rather than a request for it ("why do some people hate immigrants",
 * "如何防范诈骗"): the frames harmful-intent.ts already excuses, and nausea (above).
 */
function excused(span: string): boolean {
  return isChinese(span) ? DEFENSIVE_ZH.test(span) || SYMPTOM.test(span) : DEFENSIVE_EN.test(span.toLowerCase());
}

/** The point a text (the whole, or its best sentence) must reach. */
export function harmfulModelPoint(text: string, points: ModelPoints = HARMFUL_MODEL_POINT): number {
  if (!isChinese(text)) return points.en;
  return REQUEST_ZH.test(text) || QUESTION_END.test(text) ? points.zhRequest : points.zhStatement;
}
export type ModelPoints = { en: number; zhRequest: number; zhStatement: number };

/**
 * `payload`: the payload head's score of the whole normalised text (computed once per scan and
 * shared with the injection detector); `payloadOf`: the same head on one sentence.
 */
export function detectHarmfulModel(
  norm: Normalized,
  payload: number,
  payloadOf: (sentence: string) => number,
  points: ModelPoints = HARMFUL_MODEL_POINT,
): Finding | null {
  const text = norm.text;
  if (payload < SENTENCE_GATE || !substantial(text)) return null;
  const whole = payload >= harmfulModelPoint(text, points) ? payload : 0;
  const s = bestSentence(text, payloadOf, 1);
  const sentence = s.score > 0 && s.score >= harmfulModelPoint(text.slice(s.start, s.end), points) ? s.score : 0;
  if (whole === 0 && sentence === 0) return null;
  // the span: the sentence that scored, unless the text as a whole scored higher than any sentence
  const [a, b] = sentence >= whole || s.score >= 0.7 ? trimmed(text, s.start, s.end) : trimmed(text, 0, text.length);
  const span = text.slice(a, b);
  if (excused(span) || (isChinese(span) && !HARM_CUE_ZH.test(span))) return null;
  const [start, end] = originalSpan(norm, a, b);
  const score = Math.round(Math.max(whole, sentence) * 1000) / 1000;
  return { detector: "harmful", type: "harmful_request", start, end, score, severity: "medium", reason: "harmful_model" };
}

/** [a, b) without its leading and trailing white space. */
function trimmed(text: string, a: number, b: number): [number, number] {
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  return [a, b];
}
