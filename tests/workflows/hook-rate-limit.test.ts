import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTier } from "@/server/http/api-tier";
import { HOOK_LIMITS } from "@/server/http/workflow-hook";
import { installPeerAddressStamp } from "@/server/http/peer-address";
import { MemoryRateLimiter } from "@/server/ratelimit/memory-limiter";
import { createInnerContext } from "@/server/trpc/context";
import { signHook } from "@/server/workflows/hook-secret";
import type { TestDatabase } from "../support/databases";
import { closeWorkflowDatabase, openWorkflowDatabase, seedWorkflowTenant } from "./support";

/**
 * The inbound workflow webhook is behind the project's limiter: per workflow once the signature
 * holds (so only the secret's holder can spend it), per client address before anything is read.
 * Each test has its own API server and in-memory limiter, its clock stopped in the middle of a
 * minute (a real one could cross a window boundary mid-test and let a few more through).
 */
describe("the workflow webhook's rate limits", () => {
  let db: TestDatabase;
  let org: Awaited<ReturnType<typeof seedWorkflowTenant>>;
  let workflow: { id: string; hookSecret: string };
  let other: { id: string; hookSecret: string };

  const create = (name: string) =>
    org.caller.workflows.create({
      name,
      definition: { nodes: [{ id: "a", kind: "agent", agentId: org.agentId, input: "{{input.message}}" }], edges: [] },
    });
  const runCount = async () => Number((await db.ownerSql("select count(*)::int as n from workflow_runs"))[0]!.n);

  beforeAll(async () => {
    await installPeerAddressStamp();
    db = await openWorkflowDatabase();
    org = await seedWorkflowTenant(db);
    workflow = await create("Hooked");
    other = await create("Other");
  });
  afterAll(async () => {
    await closeWorkflowDatabase(db);
  });

  async function startApi() {
    const frozen = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
    const limiter = new MemoryRateLimiter(() => frozen);
    const server = createApiTier("http://127.0.0.1", (headers, resHeaders) =>
      createInnerContext({
        headers,
        resHeaders,
        scopes: db.scopes,
        limiter,
        getSessionUser: async () => null,
        baseUrl: "http://localhost:3000",
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  const hook = (base: string, wf: { id: string; hookSecret: string }, secret = wf.hookSecret) => {
    const body = JSON.stringify({ message: "ping" });
    const ts = String(Math.floor(Date.now() / 1000));
    return fetch(`${base}/api/v1/workflows/${wf.id}/hooks/${org.tenant.id}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-agentry-timestamp": ts,
        "x-agentry-signature": signHook(secret, ts, body),
        // One run for all of them: the limit is what is measured, not run creation.
        "idempotency-key": `rl-${wf.id}`,
      },
      body,
    });
  };

  it("answers 429 with Retry-After past the per-workflow allowance; other workflows and wrong signatures do not spend it", async () => {
    const api = await startApi();
    try {
      // Unsigned attempts first: they are refused (401) and must not eat the workflow's allowance.
      for (let i = 0; i < 20; i++) expect((await hook(api.base, workflow, "whsec_wrong")).status).toBe(401);
      const statuses: number[] = [];
      for (let i = 0; i < HOOK_LIMITS.perWorkflow; i++) statuses.push((await hook(api.base, workflow)).status);
      expect(statuses.every((s) => s === 202)).toBe(true);
      const before = await runCount();
      const over = await hook(api.base, workflow);
      expect(over.status).toBe(429);
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      const body = (await over.json()) as { error: { code: string; details: { scope: string; limit: number } } };
      expect(body.error).toMatchObject({ code: "rate_limited", details: { scope: "workflow", limit: HOOK_LIMITS.perWorkflow } });
      expect(await runCount()).toBe(before);
      // Another workflow of the same sender is still served.
      expect((await hook(api.base, other)).status).toBe(202);
    } finally {
      await api.close();
    }
  });

  it("answers 429 per client address before reading anything, whatever the path", async () => {
    const api = await startApi();
    try {
      const junk = `${api.base}/api/v1/workflows/not-a-uuid/hooks/nope`;
      for (let i = 0; i < HOOK_LIMITS.perIp; i++) expect((await fetch(junk, { method: "POST", body: "{}" })).status).toBe(401);
      const res = await hook(api.base, other);
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(((await res.json()) as { error: { details: { scope: string } } }).error.details.scope).toBe("ip");
    } finally {
      await api.close();
    }
  });
});
