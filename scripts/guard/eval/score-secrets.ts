/** Secrets: noseyparker examples (positives) and near-misses (negatives), per system and, for ours, per kind of rule. */
import { detectSecrets } from "../../../server/guard/detectors/secrets";
import { DEFAULT_POLICY } from "../../../server/guard/policy";
import type { SecretRow } from "../datasets";
import { emptyCounts, tally, type Counts } from "./metrics";
import type { System } from "./systems";
import { timed } from "./timed";

export type SecretScore = { c: Counts; lat: number[] };

export async function scoreSecrets(list: System[], secrets: SecretRow[]): Promise<Map<string, SecretScore>> {
  const secretResults = new Map<string, SecretScore>();
  for (const sys of list) {
    if (!sys.secret) continue;
    const c = emptyCounts();
    const lat: number[] = [];
    for (const r of secrets) {
      const { value, ms } = await timed(() => sys.secret!(r.text));
      lat.push(ms);
      tally(c, r.label === 1, value);
    }
    secretResults.set(sys.id, { c, lat });
  }
  return secretResults;
}

// Ours, split by which kind of rule fired: vendor-specific shapes vs the generic assignment rules.
export function secretsByRuleKind(secrets: SecretRow[]) {
  const secretSplit = { pos: 0, neg: 0, tpVendor: 0, tpGenericOnly: 0, fpVendor: 0, fpGeneric: 0, credentials: 0, tpCredentials: 0 };
  for (const r of secrets) {
    const f = detectSecrets(r.text).filter((x) => x.score >= DEFAULT_POLICY.secrets.threshold);
    const vendor = f.some((x) => x.reason === "provider_pattern" || x.reason === "aws_key_pair");
    const generic = f.some((x) => x.reason !== "provider_pattern" && x.reason !== "aws_key_pair");
    if (r.credential) {
      secretSplit.credentials++;
      if (f.length) secretSplit.tpCredentials++;
    }
    if (r.label === 1) {
      secretSplit.pos++;
      if (vendor) secretSplit.tpVendor++;
      else if (generic) secretSplit.tpGenericOnly++;
    } else {
      secretSplit.neg++;
      if (vendor) secretSplit.fpVendor++;
      if (generic) secretSplit.fpGeneric++;
    }
  }
  return secretSplit;
}

export type SecretSplit = ReturnType<typeof secretsByRuleKind>;
