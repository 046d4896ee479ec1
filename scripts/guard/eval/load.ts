/**
 * The rows the eval scores: the held-back side of every trainable set plus the evaluation-only sets
 * (the split is checked against the pin first), and the test side of the PII and secrets sets, split
 * by the same hash rule.
 */
import { loadPii, loadSecrets, loadTextRows, type PiiRow, type SecretRow } from "../datasets";
import { fnv1a } from "../random";
import { checkPinnedSplit } from "../split-pin";
import { evaluationRows, normalise, SPLIT_SALT, splitRows, TEST_PERCENT, type SplitRow } from "../split";

const isTest = (text: string) => fnv1a(SPLIT_SALT + normalise(text)) % 100 < TEST_PERCENT;

export function loadEvaluationRows(): SplitRow[] {
  const all = splitRows(loadTextRows());
  checkPinnedSplit(all);
  return evaluationRows(all);
}

export const loadTestPii = (): PiiRow[] => loadPii().filter((r) => isTest(r.text));
export const loadTestSecrets = (): SecretRow[] => loadSecrets().filter((r) => isTest(r.text));
