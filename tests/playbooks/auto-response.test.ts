import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, configureDatabase } from "@/db";
import { fieldMessages } from "@/server/i18n/validation-message";
import { playbookSettingsSchema } from "@/server/playbooks/rules";
import { resolveTenantAccess } from "@/server/tenancy/tenant-context";
import { addMember, domainContext } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { auditRows, failure } from "../support/failures";
import { installTestKeyring, removeTestKeyring } from "../runs/support";
import { blockedInjection, criticalOutput, flaggedInput, outcomeOf, respond, seedPlaybookOrg, threat, type PlaybookOrg } from "./support";

/**
 * The incident-response function (`incident-auto-response`) run with @inngest/test on real
 * PostgreSQL: thresholds and windows counted from the events table, each action with its audit
 * row, response row, timeline entry, notifications and event; the same event twice acts once;
 * undo restores and counting starts afresh.
 */
let db: TestDatabase;

beforeAll(async () => {
  db = await createPostgresTestDatabase({ max: 8 });
  // The function acts through the process database (inngest/act.ts), as it does in the server.
  configureDatabase({ driver: "postgres", url: db.urls!.app, platformUrl: db.urls!.platform, max: 4, platformMax: 1 });
}, 60_000);

afterAll(async () => {
  await closeDatabase();
  await db?.drop();
});

const responses = (tenantId: string) => db.ownerSql(`select * from response_actions where tenant_id = $1 order by created_at`, [tenantId]);

async function attack(org: PlaybookOrg, times: number) {
  const outcomes = [];
  for (let i = 0; i < times; i++) outcomes.push(await respond(await threat(db, org, blockedInjection(org.key.id))));
  return outcomes;
}

describe("suspend an API key after repeated blocked injections", () => {
  it("does nothing below the threshold, suspends at the fifth, and refuses the key with 403 api_key_suspended", async () => {
    const org = await seedPlaybookOrg(db);
    const below = await attack(org, 4);
    expect(below.map((o) => outcomeOf(o, "suspend_api_key"))).toEqual(
      [1, 2, 3, 4].map((n) => ({ rule: "suspend_api_key", result: "below_threshold", observed: n })),
    );
    expect(await responses(org.tenant.id)).toHaveLength(1); // only the notification (critical injection)

    const [fifth] = await attack(org, 1);
    expect(outcomeOf(fifth!, "suspend_api_key")).toMatchObject({ result: "acted", observed: 5 });
    const key = await org.as(org.owner).apiKeys.get({ id: org.key.id });
    expect(key.status).toBe("suspended");

    await expect(resolveTenantAccess(domainContext(db), { kind: "api_key", secret: org.secret })).rejects.toMatchObject({
      kind: "forbidden",
      code: "api_key_suspended",
    });

    const rows = await responses(org.tenant.id);
    const suspension = rows.find((r) => r.rule === "suspend_api_key")!;
    expect(suspension).toMatchObject({ target_type: "api_key", target_id: org.key.id, observed: 5, reversible: true, undone_at: null });
    const incident = await org.as(org.owner).incidents.get({ id: String(suspension.incident_id) });
    const entry = incident.activity.find((a) => a.kind === "auto_response" && a.detail?.rule === "suspend_api_key");
    expect(entry?.detail).toMatchObject({ responseId: suspension.id, targetId: org.key.id, observed: 5, threshold: 5, windowMinutes: 10 });

    const actions = (await auditRows(db, org.tenant.id)).map((r) => r.action);
    expect(actions.filter((a) => a === "apikey.suspended")).toHaveLength(1);
    const events = await db.ownerSql(`select payload from events where tenant_id = $1 and type = 'incident.auto_response'`, [
      org.tenant.id,
    ]);
    expect(events.map((e) => (e.payload as { rule: string }).rule).sort()).toEqual(["notify_admins", "suspend_api_key"]);
    const mine = await org.as(org.owner).playbooks.notifications();
    expect(mine.unread).toBe(2);
    expect(mine.items.map((n) => n.kind).sort()).toEqual(["auto_response", "incident"]);
  });

  it("takes no second action when the same event is processed twice", async () => {
    const org = await seedPlaybookOrg(db);
    await attack(org, 4);
    const fifth = await threat(db, org, blockedInjection(org.key.id));
    expect(outcomeOf(await respond(fifth), "suspend_api_key").result).toBe("acted");
    const before = (await auditRows(db, org.tenant.id)).length;
    // Reinstated by hand in between: a redelivered trigger must still not suspend again.
    await org.as(org.owner).apiKeys.reinstate({ id: org.key.id });
    const after = (await auditRows(db, org.tenant.id)).length;
    const again = await respond(fifth);
    expect(outcomeOf(again, "suspend_api_key").result).not.toBe("acted");
    expect((await responses(org.tenant.id)).filter((r) => r.rule === "suspend_api_key")).toHaveLength(1);
    expect((await auditRows(db, org.tenant.id)).length).toBe(after);
    expect(after).toBeGreaterThan(before);
    expect((await org.as(org.owner).apiKeys.get({ id: org.key.id })).status).toBe("active");
  });

  it("counts only the window: attempts older than it do not add up", async () => {
    const org = await seedPlaybookOrg(db);
    await attack(org, 4);
    await db.ownerSql(`update events set occurred_at = occurred_at - interval '11 minutes' where tenant_id = $1`, [org.tenant.id]);
    const [next] = await attack(org, 1);
    expect(outcomeOf(next!, "suspend_api_key")).toEqual({ rule: "suspend_api_key", result: "below_threshold", observed: 1 });
    expect((await org.as(org.owner).apiKeys.get({ id: org.key.id })).status).toBe("active");
  });

  it("follows the tenant's edited threshold, and does nothing when the rule is off", async () => {
    const org = await seedPlaybookOrg(db);
    const owner = org.as(org.owner);
    const { rules } = await owner.playbooks.get();
    await owner.playbooks.update({ ...rules, suspend_api_key: { enabled: true, threshold: 2, windowMinutes: 5 } });
    const two = await attack(org, 2);
    expect(outcomeOf(two[1]!, "suspend_api_key")).toMatchObject({ result: "acted", observed: 2 });

    const other = await seedPlaybookOrg(db);
    const { rules: defaults } = await other.as(other.owner).playbooks.get();
    await other.as(other.owner).playbooks.update({ ...defaults, suspend_api_key: { ...defaults.suspend_api_key, enabled: false } });
    const six = await attack(other, 6);
    expect(outcomeOf(six[5]!, "suspend_api_key")).toEqual({ rule: "suspend_api_key", result: "disabled" });
    expect((await other.as(other.owner).apiKeys.get({ id: other.key.id })).status).toBe("active");
  });

  it("undo reinstates the key once, records who and when, and counting starts afresh", async () => {
    const org = await seedPlaybookOrg(db);
    await attack(org, 5);
    const owner = org.as(org.owner);
    const { items } = await owner.playbooks.responses({ limit: 10 });
    const suspension = items.find((r) => r.rule === "suspend_api_key")!;
    expect(suspension).toMatchObject({ targetName: "integration", undoneAt: null });

    const undone = await owner.playbooks.undo({ id: suspension.id });
    expect(undone.undoneAt).not.toBeNull();
    expect(undone.undoneBy).toBe(org.owner.email);
    expect((await owner.apiKeys.get({ id: org.key.id })).status).toBe("active");
    await expect(resolveTenantAccess(domainContext(db), { kind: "api_key", secret: org.secret })).resolves.toMatchObject({
      principal: { keyId: org.key.id },
    });
    const again = await owner.playbooks.undo({ id: suspension.id });
    expect(again.undoneAt).toBe(undone.undoneAt);
    const actions = (await auditRows(db, org.tenant.id)).map((r) => r.action);
    expect(actions.filter((a) => a === "response.undone")).toHaveLength(1);
    expect(actions.filter((a) => a === "apikey.reinstated")).toHaveLength(1);
    const incident = await owner.incidents.get({ id: suspension.incidentId });
    expect(incident.activity.filter((a) => a.kind === "auto_response" && a.detail?.undone === true)).toHaveLength(1);

    // The five attempts that caused it do not suspend it again at the sixth.
    const [sixth] = await attack(org, 1);
    expect(outcomeOf(sixth!, "suspend_api_key")).toMatchObject({ result: "below_threshold", observed: 1 });

    // Notifications cannot be undone; a developer may not undo at all.
    const notice = items.find((r) => r.rule === "notify_admins")!;
    expect(await failure(owner.playbooks.undo({ id: notice.id }))).toMatchObject({
      httpStatus: 409,
      error: { code: "response_not_reversible" },
    });
    const dev = await addMember(db, org, "developer");
    expect(await failure(org.as(dev).playbooks.undo({ id: suspension.id }))).toMatchObject({ httpStatus: 403 });
  });
});

describe("the other playbooks", () => {
  it("quarantines an agent after three critical output findings, and undo restores it", async () => {
    const org = await seedPlaybookOrg(db);
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await respond(await threat(db, org, criticalOutput(org.agent.id))));
    expect(outcomes.map((o) => outcomeOf(o, "quarantine_agent").result)).toEqual(["below_threshold", "below_threshold", "acted"]);
    const owner = org.as(org.owner);
    const agent = await owner.agents.get({ id: org.agent.id });
    expect(agent.status).toBe("quarantined");
    expect(agent.statusReason).toMatch(/Automatic response: 3 critical output findings within 10 min/);
    const quarantine = (await owner.playbooks.responses({ limit: 10 })).items.find((r) => r.rule === "quarantine_agent")!;
    await owner.playbooks.undo({ id: quarantine.id });
    expect((await owner.agents.get({ id: org.agent.id })).status).toBe("active");
    const audit = (await auditRows(db, org.tenant.id)).filter((r) => r.action === "agent.status_changed").map((r) => r.diff);
    expect(audit).toEqual([{ status: { from: "active", to: "quarantined" } }, { status: { from: "quarantined", to: "active" } }]);
  });

  it("tightens the agent's policy for a detector after five flags (flag → block), and undo restores it", async () => {
    const org = await seedPlaybookOrg(db);
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await respond(await threat(db, org, flaggedInput(org.agent.id))));
    expect(outcomeOf(outcomes[4]!, "tighten_policy")).toMatchObject({ result: "acted", observed: 5 });
    const owner = org.as(org.owner);
    const tightened = await owner.agents.get({ id: org.agent.id });
    expect(tightened.config.guardPolicy?.injection).toMatchObject({ action: "block" });
    const actions = (await auditRows(db, org.tenant.id)).map((r) => r.action);
    expect(actions).toContain("guard.policy_tightened");
    const response = (await owner.playbooks.responses({ limit: 10 })).items.find((r) => r.rule === "tighten_policy")!;
    await owner.playbooks.undo({ id: response.id });
    const restored = await owner.agents.get({ id: org.agent.id });
    expect(restored.config.guardPolicy?.injection).toBeUndefined();
    expect(restored.currentVersion).toBe(tightened.currentVersion + 1);
  });

  it("notifies owners and admins once per high or critical incident, not developers", async () => {
    const org = await seedPlaybookOrg(db);
    const admin = await addMember(db, org, "admin");
    const dev = await addMember(db, org, "developer");
    const first = await respond(await threat(db, org, blockedInjection(org.key.id)));
    expect(outcomeOf(first, "notify_admins").result).toBe("acted");
    const second = await respond(await threat(db, org, blockedInjection(org.key.id)));
    expect(outcomeOf(second, "notify_admins").result).toBe("already_done");
    expect((await org.as(admin).playbooks.notifications()).unread).toBe(1);
    expect((await org.as(dev).playbooks.notifications()).items).toEqual([]);
    const mine = await org.as(org.owner).playbooks.notifications();
    expect(mine.items[0]).toMatchObject({ kind: "incident", readAt: null, incidentTitle: "injection.instruction_override" });
    expect(await org.as(org.owner).playbooks.markRead({})).toEqual({ marked: 1 });
    expect((await org.as(org.owner).playbooks.notifications()).unread).toBe(0);
    // Reading is per member: the admin's is still unread.
    expect((await org.as(admin).playbooks.notifications()).unread).toBe(1);
  });
});

describe("editing playbooks", () => {
  it("refuses a bad threshold or window with field paths, in English and Chinese, and changes nothing", async () => {
    const org = await seedPlaybookOrg(db);
    const owner = org.as(org.owner);
    const { rules } = await owner.playbooks.get();
    const bad = { ...rules, suspend_api_key: { enabled: true, threshold: 0, windowMinutes: 2000 } };
    const f = await failure(owner.playbooks.update(bad));
    expect(f.httpStatus).toBe(400);
    expect(f.error.details?.fields).toMatchObject({
      "suspend_api_key.threshold": "Use a whole number from 1 to 1,000",
      "suspend_api_key.windowMinutes": "Use a window of 1 to 1,440 minutes (24 hours)",
    });
    const issues = playbookSettingsSchema.safeParse(bad).error!.issues;
    expect(fieldMessages(issues, "zh-CN")).toMatchObject({
      "suspend_api_key.threshold": "请输入 1 至 1,000 之间的整数",
      "suspend_api_key.windowMinutes": "时间窗口须为 1 至 1,440 分钟（24 小时）",
    });
    expect((await owner.playbooks.get()).updatedAt).toBeNull();
    expect((await auditRows(db, org.tenant.id)).map((r) => r.action)).not.toContain("playbook.updated");

    const viewer = await addMember(db, org, "viewer");
    expect(await failure(org.as(viewer).playbooks.update(rules))).toMatchObject({ httpStatus: 403 });
    // Saving the defaults unchanged records nothing; a change is audited with before and after.
    await owner.playbooks.update(rules);
    expect((await auditRows(db, org.tenant.id)).map((r) => r.action)).not.toContain("playbook.updated");
    const saved = await owner.playbooks.update({ ...rules, quarantine_agent: { enabled: false, threshold: 3, windowMinutes: 10 } });
    expect(saved.rules.quarantine_agent.enabled).toBe(false);
    expect(saved.defaults.quarantine_agent.enabled).toBe(true);
    const entry = (await auditRows(db, org.tenant.id)).find((r) => r.action === "playbook.updated");
    expect(entry?.diff).toEqual({ before: null, after: { quarantine_agent: { enabled: false } } });
  });
});

describe("a target that refuses the action", () => {
  it("reports the rule as refused and leaves nothing half-written, without failing the run", async () => {
    installTestKeyring();
    try {
      const org = await seedPlaybookOrg(db);
      const owner = org.as(org.owner);
      const credential = await owner.providerCredentials.create({
        name: "vendor",
        provider: "openai",
        apiKey: "sk-test-playbooks-0123456789",
      });
      await owner.agents.update({ id: org.agent.id, model: { provider: "openai", model: "gpt-4o-mini", credentialId: credential.id } });
      // Revoked since: a new version of this agent no longer validates, so tightening its policy is refused.
      await owner.providerCredentials.revoke({ id: credential.id });
      const outcomes = [];
      for (let i = 0; i < 5; i++) outcomes.push(await respond(await threat(db, org, flaggedInput(org.agent.id))));
      expect(outcomeOf(outcomes[4]!, "tighten_policy")).toMatchObject({ result: "refused", code: expect.any(String), observed: 5 });
      expect((await responses(org.tenant.id)).filter((r) => r.rule === "tighten_policy")).toEqual([]);
      expect((await auditRows(db, org.tenant.id)).map((r) => r.action)).not.toContain("guard.policy_tightened");
    } finally {
      removeTestKeyring();
    }
  });
});
