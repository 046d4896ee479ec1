import { describe, expect, it } from "vitest";
import { ACTIONS, DETECTORS, GUARD_REASONS, GUARD_TYPES } from "@/server/guard";
import { INTENT_EN, INTENT_ZH } from "@/server/guard/detectors/harmful-intent";
import { HARMFUL_RULES } from "@/server/guard/detectors/harmful-rules";
import { INJECTION_RULES } from "@/server/guard/detectors/injection-rules";
import { SECRET_RULES } from "@/server/guard/detectors/secret-rules";
import en from "@/messages/en/guard.json" with { type: "json" };
import zh from "@/messages/zh-CN/guard.json" with { type: "json" };

type Entry = { label: string; description: string };
const entry = (group: Record<string, Entry>, key: string) => group[key];

describe("guard vocabulary and its catalogue", () => {
  it("every type and reason a rule table can emit is in the vocabulary", () => {
    const reasons = new Set<string>(GUARD_REASONS);
    const injection = new Set<string>(GUARD_TYPES.injection);
    const harmful = new Set<string>(GUARD_TYPES.harmful);
    const secrets = new Set<string>(GUARD_TYPES.secrets);
    for (const r of INJECTION_RULES) {
      expect(injection.has(r.type), r.type).toBe(true);
      expect(reasons.has(r.reason), r.reason).toBe(true);
    }
    for (const r of [...HARMFUL_RULES, ...INTENT_EN, ...INTENT_ZH]) {
      expect(harmful.has(r.type), r.type).toBe(true);
      expect(reasons.has(r.reason), r.reason).toBe(true);
    }
    for (const r of SECRET_RULES) expect(secrets.has(r.type), r.type).toBe(true);
  });

  it.each([
    ["en", en],
    ["zh-CN", zh],
  ] as const)("%s has a label and a one-line explanation for every detector, type, reason, action and risk level", (_, catalogue) => {
    const check = (e: Entry | undefined, key: string) => {
      expect(e?.label, key).toBeTruthy();
      expect(e?.description, key).toBeTruthy();
      expect(e!.description.includes("\n"), key).toBe(false);
    };
    for (const d of DETECTORS) check(entry(catalogue.detectors, d), `detectors.${d}`);
    for (const t of new Set(Object.values(GUARD_TYPES).flat())) check(entry(catalogue.types, t), `types.${t}`);
    for (const r of GUARD_REASONS) check(entry(catalogue.reasons, r), `reasons.${r}`);
    for (const a of ACTIONS) check(entry(catalogue.actions, a), `actions.${a}`);
    for (const level of ["none", "low", "medium", "high", "critical"])
      expect((catalogue.riskLevels as Record<string, string>)[level]).toBeTruthy();
  });
});
