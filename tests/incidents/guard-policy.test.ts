import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "@/server/guard/policy";
import { getEffectivePolicy } from "@/server/guard-policy/get-effective-policy";
import { getTenantPolicy } from "@/server/guard-policy/get-tenant-policy";
import { addMember, asSystem, seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { auditRows, countRows, failure, issuePaths } from "../support/failures";

/** The organisation's guard policy: stored overrides, validated by the guard's schema, audited. */
let db: TestDatabase;

beforeAll(async () => {
  db = await createPostgresTestDatabase({ max: 4 });
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe("the tenant guard policy", () => {
  it("starts at the defaults, stores overrides field by field, and audits before and after", async () => {
    const o = await seedTenant(db);
    const owner = o.as(o.owner);
    const initial = await owner.guard.policy();
    expect(initial).toEqual({ override: {}, effective: DEFAULT_POLICY, defaults: DEFAULT_POLICY, updatedAt: null });
    expect(await asSystem(db, o.tenant.id, (ctx) => getTenantPolicy(ctx))).toBeNull();

    const first = await owner.guard.updatePolicy({ pii: { action: "block" }, injection: { threshold: 0.8 } });
    expect(first.override).toEqual({ pii: { action: "block" }, injection: { threshold: 0.8 } });
    expect(first.effective.pii).toEqual({ action: "block", threshold: DEFAULT_POLICY.pii.threshold });
    expect(first.effective.injection).toEqual({ action: DEFAULT_POLICY.injection.action, threshold: 0.8 });
    expect(first.effective.secrets).toEqual(DEFAULT_POLICY.secrets);

    // Reset to defaults: the editor sends what is left; empty entries are not stored.
    const reset = await owner.guard.updatePolicy({ injection: {} });
    expect(reset.override).toEqual({});
    expect(reset.effective).toEqual(DEFAULT_POLICY);
    expect(await countRows(db, "guard_policies", o.tenant.id)).toBe(1);

    const audit = (await auditRows(db, o.tenant.id)).filter((r) => r.action === "guard.policy_updated");
    expect(audit.map((r) => r.diff)).toEqual([
      { before: null, after: { pii: { action: "block" }, injection: { threshold: 0.8 } } },
      { before: { pii: { action: "block" }, injection: { threshold: 0.8 } }, after: {} },
    ]);
    expect(audit[0]).toMatchObject({ target_type: "guard_policy", actor_id: o.owner.id });
  });

  it("resolves agent over tenant over default", async () => {
    const o = await seedTenant(db);
    await o.as(o.owner).guard.updatePolicy({ pii: { action: "flag", threshold: 0.3 } });
    const effective = await asSystem(db, o.tenant.id, (ctx) =>
      getEffectivePolicy(ctx, { pii: { threshold: 0.9 }, anomaly: { action: "block" } }),
    );
    expect(effective.pii).toEqual({ action: "flag", threshold: 0.9 });
    expect(effective.anomaly).toEqual({ action: "block", threshold: DEFAULT_POLICY.anomaly.threshold });
    expect(effective.injection).toEqual(DEFAULT_POLICY.injection);
  });

  it("refuses an unknown action, a threshold outside 0..1 and an unknown detector (400 with the field), writing nothing", async () => {
    const o = await seedTenant(db);
    const owner = o.as(o.owner);
    await owner.guard.updatePolicy({ secrets: { action: "redact" } });
    const before = await auditRows(db, o.tenant.id);
    const cases: [unknown, string][] = [
      [{ pii: { action: "nuke" } }, "pii.action"],
      [{ injection: { threshold: 1.5 } }, "injection.threshold"],
      [{ injection: { threshold: -0.1 } }, "injection.threshold"],
      [{ injection: { threshold: "high" } }, "injection.threshold"],
      [{ vibes: { action: "block" } }, ""],
      [{ pii: { action: "block", colour: "red" } }, "pii"],
    ];
    for (const [input, path] of cases) {
      const f = await failure(owner.guard.updatePolicy(input as never));
      expect(f.httpStatus, JSON.stringify(input)).toBe(400);
      expect(f.error.code).toBe("validation_failed");
      expect(issuePaths(f), JSON.stringify(input)).toContain(path);
    }
    expect((await owner.guard.policy()).override).toEqual({ secrets: { action: "redact" } });
    expect(await auditRows(db, o.tenant.id)).toHaveLength(before.length);
  });

  it("lets developers and viewers read it but only admins and owners change it; another tenant's stays its own", async () => {
    const o = await seedTenant(db);
    const developer = await addMember(db, o, "developer");
    const viewer = await addMember(db, o, "viewer");
    const admin = await addMember(db, o, "admin");
    expect((await o.as(viewer).guard.policy()).effective).toEqual(DEFAULT_POLICY);
    for (const who of [developer, viewer]) {
      expect(await failure(o.as(who).guard.updatePolicy({ pii: { action: "allow" } }))).toMatchObject({ httpStatus: 403 });
    }
    await o.as(admin).guard.updatePolicy({ pii: { action: "allow" } });
    const other = await seedTenant(db);
    expect((await other.as(other.owner).guard.policy()).override).toEqual({});
    expect((await o.as(developer).guard.policy()).override).toEqual({ pii: { action: "allow" } });
  });
});
