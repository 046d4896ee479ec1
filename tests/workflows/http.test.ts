import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWebhookNode } from "@/server/workflows/engine/webhook-node";
import { signHook } from "@/server/workflows/hook-secret";
import { startApi } from "../runs/support";
import type { TestDatabase } from "../support/databases";
import { closeWorkflowDatabase, openWorkflowDatabase, seedWorkflowTenant } from "./support";

type Org = Awaited<ReturnType<typeof seedWorkflowTenant>>;

/** Over real HTTP: the inbound webhook (signature, 401, nothing started), REST start with Idempotency-Key, and an outbound webhook node. */
describe("workflow doors over HTTP", () => {
  let db: TestDatabase;
  let org: Org;
  let api: { base: string; close: () => Promise<void> };
  let workflow: { id: string; hookSecret: string };
  let key: string;

  const runCount = async () => Number((await db.ownerSql("select count(*)::int as n from workflow_runs"))[0]!.n);
  const eventCount = async () =>
    Number((await db.ownerSql("select count(*)::int as n from events where type = 'workflow.run_requested'"))[0]!.n);

  function hook(body: string, headers: Record<string, string>, path = `/api/v1/workflows/${workflow.id}/hooks/${org.tenant.id}`) {
    return fetch(`${api.base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  }
  const signed = (body: string, secret = workflow.hookSecret, ts = Math.floor(Date.now() / 1000)) => ({
    "x-agentry-timestamp": String(ts),
    "x-agentry-signature": signHook(secret, String(ts), body),
  });

  beforeAll(async () => {
    db = await openWorkflowDatabase();
    org = await seedWorkflowTenant(db);
    api = await startApi(db);
    workflow = await org.caller.workflows.create({
      name: "Hooked",
      definition: { nodes: [{ id: "a", kind: "agent", agentId: org.agentId, input: "{{input.message}}" }], edges: [] },
    });
    key = (await org.caller.apiKeys.create({ name: "wf", scopes: ["workflow:read", "workflow:run"] })).secret;
  });
  afterAll(async () => {
    await api?.close();
    await closeWorkflowDatabase(db);
  });

  it("refuses a missing, wrong, stale or other-workflow signature with 401 and starts nothing", async () => {
    const body = JSON.stringify({ message: "hi" });
    const before = [await runCount(), await eventCount()];
    const ts = Math.floor(Date.now() / 1000);
    const attempts = [
      {},
      { "x-agentry-timestamp": String(ts), "x-agentry-signature": "v1=deadbeef" },
      signed(body, "whsec_not-the-secret"),
      signed(body, workflow.hookSecret, ts - 3600),
      signed(JSON.stringify({ message: "tampered" })),
    ];
    for (const headers of attempts) {
      const res = await hook(body, headers);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_signature");
    }
    // Right signature, another tenant in the path: the same 401.
    const other = await hook(body, signed(body), `/api/v1/workflows/${workflow.id}/hooks/00000000-0000-4000-8000-000000000000`);
    expect(other.status).toBe(401);
    expect([await runCount(), await eventCount()]).toEqual(before);
  });

  it("starts a run for a correctly signed body; a redelivery with the same Idempotency-Key is the same run", async () => {
    const body = JSON.stringify({ message: "from the CRM" });
    const first = await hook(body, { ...signed(body), "idempotency-key": "delivery-1" });
    expect(first.status).toBe(202);
    const run = (await first.json()) as { id: string; status: string; trigger: string; input: unknown };
    expect(run).toMatchObject({ status: "queued", trigger: "webhook", input: { message: "from the CRM" } });
    const again = await hook(body, { ...signed(body), "idempotency-key": "delivery-1" });
    expect(((await again.json()) as { id: string }).id).toBe(run.id);
    const [event] = await db.ownerSql(
      "select actor_type, actor_id from events where type = 'workflow.run_requested' and payload->>'workflowRunId' = $1",
      [run.id],
    );
    expect(event).toEqual({ actor_type: "system", actor_id: "workflow-hook" });
    // A rotated secret stops the old one at once.
    await org.caller.workflows.rotateHookSecret({ id: workflow.id });
    expect((await hook(body, signed(body))).status).toBe(401);
  });

  it("starts a run by REST with an API key; Idempotency-Key repeats the run, not the work", async () => {
    const post = (input: unknown) =>
      fetch(`${api.base}/api/v1/workflows/${workflow.id}/runs`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": "k-1" },
        body: JSON.stringify({ input }),
      });
    const a = await post({ message: "one", priority: 2, customer: { tier: "gold", id: "c-1" } });
    expect(a.status).toBe(200);
    const b = await post({ message: "one", priority: 2, customer: { tier: "gold", id: "c-1" } });
    expect(((await b.json()) as { id: string }).id).toBe(((await a.json()) as { id: string }).id);
    const conflict = await post({ message: "two" });
    expect(conflict.status).toBe(409);
  });

  it("refuses a cyclic workflow by REST with 400 naming the node and the field path, in Chinese when asked", async () => {
    const res = await fetch(`${api.base}/api/v1/workflows/${workflow.id}`, {
      method: "PATCH",
      headers: {
        authorization: `Bearer ${(await org.caller.apiKeys.create({ name: "m", scopes: ["workflow:manage"] })).secret}`,
        "content-type": "application/json",
        "accept-language": "zh-CN",
      },
      body: JSON.stringify({
        definition: {
          nodes: [
            { id: "a", kind: "agent", agentId: org.agentId, input: "x" },
            { id: "b", kind: "agent", agentId: org.agentId, input: "{{nodes.a.output.text}}" },
          ],
          edges: [
            { from: "a", to: "b" },
            { from: "b", to: "a" },
          ],
        },
      }),
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as {
      error: { code: string; message: string; details: { fields: Record<string, string>; problems: { nodeId: string }[] } };
    };
    expect(error.code).toBe("workflow_invalid");
    expect(error.message).toBe("工作流无效：节点“a”处于一个环路中（a → b → a）；工作流不能绕回自身。");
    expect(Object.keys(error.details.fields)).toEqual(["definition.nodes.0"]);
    expect(error.details.problems[0]!.nodeId).toBe("a");
    expect((await org.caller.workflows.get({ id: workflow.id })).currentVersion).toBe(1);
  });

  it("posts a webhook node to its endpoint with an idempotency key, and refuses a private address after DNS", async () => {
    const seen: { headers: Record<string, unknown>; body: string }[] = [];
    const server: Server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c));
      req.on("end", () => {
        seen.push({ headers: req.headers, body });
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ ok: true }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const node = {
        id: "notify",
        kind: "webhook" as const,
        url: `http://hooks.example.test:${port}/in`,
        body: "",
        retries: 0,
        timeoutSeconds: 10,
      };
      const ids = { workflowId: workflow.id, workflowRunId: "11111111-1111-4111-8111-111111111111" };
      const resolver = async () => [{ address: "127.0.0.1", family: 4 as const }];
      const ok = await runWebhookNode(org.tenant.id, ids, node, "hello", {
        resolver,
        testNetwork: { allowHttp: true, allowLoopback: true },
      });
      expect(ok).toEqual({ state: "completed", output: { status: 200, json: { ok: true } } });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.headers["idempotency-key"]).toBe(`${ids.workflowRunId}:notify`);
      expect(JSON.parse(seen[0]!.body)).toEqual({ ...ids, nodeId: "notify", text: "hello" });

      // Without the test opt-in the same name resolving to loopback is refused before any connection.
      const refused = await runWebhookNode(org.tenant.id, ids, { ...node, url: `https://hooks.example.test:${port}/in` }, "x", {
        resolver,
      });
      expect(refused).toMatchObject({ state: "failed", error: { code: "ssrf_blocked" } });
      const privateNet = await runWebhookNode(org.tenant.id, ids, { ...node, url: "https://intranet.example.test/" }, "x", {
        resolver: async () => [{ address: "10.0.0.5", family: 4 }],
      });
      expect(privateNet).toMatchObject({ state: "failed", error: { code: "ssrf_blocked" } });
      expect(seen).toHaveLength(1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
