/**
 * PII (structured presidio types), span level: a gold span is found when a predicted span overlaps it;
 * a predicted span that overlaps no gold span at all is a false positive (overlapping an unstructured
 * gold span such as a PERSON is neither).
 */
import type { PiiRow } from "../datasets";
import type { System } from "./systems";
import { timed } from "./timed";

export const STRUCTURED_PII = new Set(["CREDIT_CARD", "EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "US_SSN", "IP_ADDRESS"]);

export type PiiScore = { tp: number; fp: number; fn: number; lat: number[] };

export async function scorePii(list: System[], pii: PiiRow[]): Promise<Map<string, PiiScore>> {
  const piiResults = new Map<string, PiiScore>();
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
  return piiResults;
}
