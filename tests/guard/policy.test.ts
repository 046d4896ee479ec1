import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, guardPolicySchema, policyOverrideSchema, resolvePolicy } from "@/server/guard";
import { isValidationKey } from "@/server/i18n/server-messages";

describe("guard policy", () => {
  it("defaults: block injection, secrets, harmful and canary; redact PII; flag anomalies", () => {
    expect(DEFAULT_POLICY.injection.action).toBe("block");
    expect(DEFAULT_POLICY.secrets.action).toBe("block");
    expect(DEFAULT_POLICY.harmful.action).toBe("block");
    expect(DEFAULT_POLICY.canary.action).toBe("block");
    expect(DEFAULT_POLICY.pii.action).toBe("redact");
    expect(DEFAULT_POLICY.anomaly.action).toBe("flag");
    expect(guardPolicySchema.safeParse(DEFAULT_POLICY).success).toBe(true);
  });

  it("resolves agent over tenant over default, field by field", () => {
    const p = resolvePolicy(
      { pii: { threshold: 0.3 }, injection: { action: "flag" } },
      { pii: { action: "block" }, anomaly: { threshold: 0.9 } },
    );
    expect(p.pii).toEqual({ action: "block", threshold: 0.3 });
    expect(p.injection).toEqual({ action: "flag", threshold: DEFAULT_POLICY.injection.threshold });
    expect(p.anomaly).toEqual({ action: "flag", threshold: 0.9 });
    expect(p.secrets).toEqual(DEFAULT_POLICY.secrets);
  });

  it("treats missing layers as no override and never mutates the default", () => {
    expect(resolvePolicy(null, undefined)).toEqual(DEFAULT_POLICY);
    const p = resolvePolicy();
    p.pii.action = "allow";
    expect(DEFAULT_POLICY.pii.action).toBe("redact");
  });

  it("clamps thresholds and ignores unknown actions from stored data", () => {
    const p = resolvePolicy({ pii: { threshold: 7 } }, { pii: { action: "explode" as never, threshold: Number.NaN } });
    expect(p.pii).toEqual({ action: "redact", threshold: 1 });
  });

  it("validates overrides with catalogue-keyed messages", () => {
    expect(policyOverrideSchema.safeParse({ pii: { action: "redact" } }).success).toBe(true);
    expect(policyOverrideSchema.safeParse({}).success).toBe(true);
    const bad = policyOverrideSchema.safeParse({ pii: { action: "nuke", threshold: 2 }, extra: {} });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toContain("guardAction");
    expect(messages).toContain("guardThreshold");
    for (const key of ["guardAction", "guardThreshold"]) expect(isValidationKey(key)).toBe(true);
    expect(guardPolicySchema.safeParse({ ...DEFAULT_POLICY, pii: { action: "redact" } }).success).toBe(false);
  });
});
