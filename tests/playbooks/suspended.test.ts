import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadLetterCapture } from "@/inngest/functions/dead-letter-capture";
import { INCIDENT_AUTO_RESPONSE, incidentAutoResponse } from "@/inngest/functions/incident-auto-response";
import { consoleAs, seedOperator } from "../platform/support";
import { installTestKeyring, removeTestKeyring } from "../runs/support";
import type { SeededUser } from "../support/callers";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";
import { blockedInjection, seedPlaybookOrg, threat } from "./support";

const HOUR = 3_600_000;

/**
 * Playbook auto-responses for an organisation suspended after its threats were detected, through
 * the in-process driver: each response run is held (inngest/hold.ts) — no response action written,
 * no retry spent, no dead letter, however long — and acts once the organisation is reactivated.
 */
describe("incident auto-responses while the organisation is suspended", () => {
  let engine: TestEngine;
  let operator: SeededUser;
  beforeAll(async () => {
    // Only the functions involved: no cron ticks while the clock is fast-forwarded by hours.
    engine = await startTestEngine({ functions: [incidentAutoResponse, deadLetterCapture] });
    installTestKeyring();
    operator = await seedOperator(engine.db);
  }, 120_000);
  afterAll(async () => {
    removeTestKeyring();
    await engine?.stop();
  });

  it("are held without acting, spending attempts or landing in dead letters, and act after reactivation", async () => {
    const org = await seedPlaybookOrg(engine.db);
    // Five blocked injections through one key: the threshold of suspend_api_key (5 in 10 min), and a
    // critical finding, so notify_admins acts too. Written before the suspension (a suspended
    // organisation's runs are refused at the door); their events wait in the outbox.
    for (let i = 0; i < 5; i++) await threat(engine.db, org, blockedInjection(org.key.id));
    await consoleAs(engine.db, operator).suspend({ tenantId: org.tenant.id, reason: "ticket 78: abuse review" });

    // Thirteen hours: far past every retry's backoff, and one re-check of the hold.
    await engine.drain({ advanceMs: 13 * HOUR, timeoutMs: 120_000 });
    const responses = () =>
      engine.db.ownerSql("select rule, target_id from response_actions where tenant_id = $1 order by rule", [org.tenant.id]);
    expect(await responses()).toEqual([]);
    const keyStatus = async () =>
      (await engine.db.ownerSql("select suspended_at is not null as suspended from api_keys where id = $1", [org.key.id]))[0]!.suspended;
    expect(await keyStatus()).toBe(false);
    const runs = await engine.runsOf(INCIDENT_AUTO_RESPONSE);
    expect(runs).toHaveLength(5);
    expect(runs.filter((r) => r.status === "failed" || r.status === "completed")).toEqual([]);
    expect(runs.some((r) => r.status === "waiting")).toBe(true);
    // A hold is a step that succeeded: no retry of the function was spent on it.
    expect(runs.map((r) => r.attempt)).toEqual([0, 0, 0, 0, 0]);
    const letters = async () =>
      (await engine.db.ownerSql("select count(*)::int as n from dead_letters where tenant_id = $1", [org.tenant.id]))[0]!.n;
    expect(await letters()).toBe(0);

    await consoleAs(engine.db, operator).reactivate({ tenantId: org.tenant.id, reason: "ticket 78: cleared" });
    await engine.drain({ timeoutMs: 120_000 });
    const after = await engine.runsOf(INCIDENT_AUTO_RESPONSE);
    expect(after.map((r) => r.status)).toEqual(["completed", "completed", "completed", "completed", "completed"]);
    // Counted at each threat's own time, not at reactivation: the fifth still crosses the threshold.
    expect(await responses()).toEqual([
      { rule: "notify_admins", target_id: expect.anything() },
      { rule: "suspend_api_key", target_id: org.key.id },
    ]);
    expect(await keyStatus()).toBe(true);
    expect(await letters()).toBe(0);
  });
});
