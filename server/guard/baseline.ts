import type { OutputBaseline } from "./types";

/**
 * The output baseline: what an agent's answers usually look like. Kept as running statistics
 * (an exponentially weighted mean once past WINDOW answers, so the baseline follows slow drift but
 * a sudden change still stands out). Plain JSON, stored by the caller with the agent.
 */

const WINDOW = 50;

export type OutputFeatures = {
  logLength: number;
  hanRatio: number;
  urlDensity: number;
  codeDensity: number;
  refusal: boolean;
  letters: number;
  urls: number;
};

const URL = /\bhttps?:\/\/[^\s<>"')\]]+/g;
const FENCE = /```[\s\S]*?(?:```|$)/g;
const REFUSAL =
  /^\s*(?:i'?m sorry|i am sorry|sorry, (?:but )?i|i (?:can(?:no|'|’)t|am unable to|'m unable to|won'?t|will not|must decline)|as an ai(?: language model)?,? i (?:can(?:no|'|’)t|am unable)|unfortunately,? i (?:can(?:no|'|’)t|am unable)|抱歉|对不起|很抱歉|我不能|我无法|作为(?:一个)?(?:ai|人工智能)(?:助手|语言模型)?，?我(?:不能|无法))/i;

export function featuresOf(text: string): OutputFeatures {
  let han = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++;
  }
  const urls = text.match(URL)?.length ?? 0;
  let code = 0;
  for (const m of text.matchAll(FENCE)) code += m[0].length;
  const len = Math.max(1, text.length);
  return {
    logLength: Math.log1p(text.length),
    hanRatio: han + latin === 0 ? 0 : han / (han + latin / 4), // ~4 Latin letters carry what one Han character does
    urlDensity: (urls * 1000) / len,
    codeDensity: code / len,
    refusal: REFUSAL.test(text.slice(0, 200)),
    letters: han + latin,
    urls,
  };
}

export function updateBaseline(b: OutputBaseline | null, text: string): OutputBaseline {
  const f = featuresOf(text);
  if (!b || b.version !== 1 || !Number.isFinite(b.count) || b.count < 1) {
    return {
      version: 1,
      count: 1,
      logLengthMean: f.logLength,
      logLengthVar: 0,
      hanRatio: f.hanRatio,
      urlDensity: f.urlDensity,
      codeDensity: f.codeDensity,
      refusalRate: f.refusal ? 1 : 0,
    };
  }
  const w = 1 / Math.min(b.count + 1, WINDOW);
  const delta = f.logLength - b.logLengthMean;
  const mix = (old: number, x: number) => old + w * (x - old);
  return {
    version: 1,
    count: b.count + 1,
    logLengthMean: b.logLengthMean + w * delta,
    // West's weighted incremental variance
    logLengthVar: (1 - w) * (b.logLengthVar + w * delta * delta),
    hanRatio: mix(b.hanRatio, f.hanRatio),
    urlDensity: mix(b.urlDensity, f.urlDensity),
    codeDensity: mix(b.codeDensity, f.codeDensity),
    refusalRate: mix(b.refusalRate, f.refusal ? 1 : 0),
  };
}
