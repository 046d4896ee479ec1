/**
 * What a customer message is after, by rules (English and Chinese). Deterministic and cheap: the
 * `local` provider runs it on every message. Order matters: money and anger outrank the shape of
 * the sentence ("how do I get a refund?" is about a refund), and a greeting or a thank-you counts
 * only when the message is little else.
 */

export type Intent = "greeting" | "question" | "how_to" | "complaint" | "refund_billing" | "thanks" | "other";

const REFUND =
  /\b(refunds?|refunded|money back|charged?|charges|billing|billed|invoices?|payments?|pay|paid|subscriptions?|receipts?|overcharged|cancel (my )?(plan|subscription))\b|退款|退钱|退费|扣费|扣款|账单|發票|发票|付款|支付|订阅|收费|计费/i;
const COMPLAINT =
  /\b(angry|terrible|awful|horrible|worst|useless|broken|disappointed|unacceptable|complain(t|ing)?|frustrat\w*|ridiculous|(does ?n[o']?t|doesn't|won't|can't|cannot|isn't) work(ing)?|not working|still waiting)\b|投诉|太差|很差|不满|坏了|不能用|用不了|失望|生气|垃圾|糟糕|气死/i;
const HOW_TO =
  /\b(how (do|can|should|would) (i|we|you)|how to|steps? (to|for)|guide (to|for)|instructions? (to|for)|walk me through)\b|如何|怎么|怎样|步骤|教程|方法/i;
const QUESTION_START =
  /^(what|when|where|who|whom|whose|why|which|is|are|was|were|can|could|do|does|did|will|would|should|shall|may|have|has|how)\b/i;
const QUESTION_ZH = /吗|什么|为什么|哪|多少|是否|能否|可以.*吗|有没有|几/;
const THANKS = /\b(thanks?|thank you|thx|ty|cheers|appreciate (it|that|your help))\b|谢谢|感谢|多谢|谢了/i;
const GREETING =
  /^\s*(hi|hello|hey|hiya|howdy|greetings|good (morning|afternoon|evening))\b|^\s*(你好|您好|嗨|哈喽|早上好|下午好|晚上好|在吗)/i;

/** Words of substance (not counting greetings and politeness), for "is this message only a greeting?". */
function substance(text: string): number {
  const stripped = text
    .replace(GREETING, "")
    .replace(THANKS, "")
    .replace(/[\p{P}\p{S}\s]+/gu, " ")
    .trim();
  if (!stripped) return 0;
  const cjk = stripped.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
  const words = stripped.split(/\s+/).filter((w) => /[a-z0-9]/i.test(w)).length;
  return words + Math.ceil(cjk / 2);
}

export function classifyIntent(message: string): Intent {
  const text = message.trim();
  if (!text) return "other";
  if (REFUND.test(text)) return "refund_billing";
  if (COMPLAINT.test(text)) return "complaint";
  if (HOW_TO.test(text)) return "how_to";
  const asks = /[?？]\s*$/.test(text) || QUESTION_START.test(text) || QUESTION_ZH.test(text);
  if (asks && substance(text) > 1) return "question";
  if (THANKS.test(text) && substance(text) <= 3) return "thanks";
  if (GREETING.test(text) && substance(text) <= 3) return "greeting";
  if (asks) return "question";
  return "other";
}

/** The answer's language: Chinese when the message is mostly Chinese characters. */
export function isChinese(text: string): boolean {
  const cjk = text.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
  const latin = text.match(/[a-z]/gi)?.length ?? 0;
  return cjk > 0 && cjk * 2 >= latin;
}
