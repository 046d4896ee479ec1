/**
 * Approximate token counts, for the `local` provider and for vendors that send no usage: about
 * four characters of Latin text per token, one per CJK character (what the common BPE
 * vocabularies average to). Good enough for quotas and cost estimates, not for billing a vendor.
 */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/g;

export function approxTokens(text: string): number {
  if (!text) return 0;
  const cjk = text.match(CJK)?.length ?? 0;
  const rest = text.length - cjk;
  return cjk + Math.ceil(rest / 4);
}

export function approxMessageTokens(messages: { content: string }[]): number {
  // A few tokens of framing per message, as the chat formats add.
  return messages.reduce((sum, m) => sum + 4 + approxTokens(m.content), 0);
}
