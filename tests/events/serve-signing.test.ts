import { randomBytes } from "node:crypto";
import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callBody, callFunction } from "@/inngest/driver/call-sdk";
import { createRegistry } from "@/inngest/driver/registry";
import { canonicalJson, signatureHeader } from "@/inngest/driver/signing";

/**
 * The serve handler also answers /api/inngest on the public port: with the signing key the engine
 * sets, it must execute nothing for an unsigned or wrongly signed call, and what the driver signs
 * must be accepted.
 */
const client = new Inngest({ id: "sig" });
let executed = 0;
const fn = client.createFunction({ id: "guarded", triggers: [{ event: "test/x" }] }, async () => ++executed);

describe("signed call requests", () => {
  const key = `signkey-prod-${randomBytes(32).toString("hex")}`;
  const previous = process.env.INNGEST_SIGNING_KEY;
  beforeAll(() => {
    process.env.INNGEST_SIGNING_KEY = key;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.INNGEST_SIGNING_KEY;
    else process.env.INNGEST_SIGNING_KEY = previous;
  });

  const input = {
    functionId: "sig-guarded",
    stepId: null,
    runId: "01JTESTRUN0000000000000000",
    attempt: 0,
    maxAttempts: 4,
    events: [{ id: "e1", name: "test/x", data: {}, ts: Date.now() }],
    steps: {},
    stack: [],
  };

  async function post(headers: Record<string, string>) {
    const { handler } = createRegistry(client, [fn]);
    const body = canonicalJson(callBody(input));
    const url = "http://localhost:3000/api/inngest?fnId=sig-guarded&stepId=step";
    return handler(
      new Request(url, { method: "POST", headers: { "content-type": "application/json", host: "localhost:3000", ...headers }, body }),
    );
  }

  it("refuses an unsigned call, a forged signature and one signed with another key, running nothing", async () => {
    const body = canonicalJson(callBody(input));
    const other = `signkey-prod-${randomBytes(32).toString("hex")}`;
    const attempts: Record<string, string>[] = [
      {},
      { "x-inngest-signature": `t=${Math.floor(Date.now() / 1000)}&s=${"0".repeat(64)}` },
      { "x-inngest-signature": signatureHeader(body, other, Date.now()) },
    ];
    for (const headers of attempts) {
      expect((await post(headers)).status).toBe(401);
    }
    expect((await post({ "x-inngest-signature": signatureHeader(body, key, Date.now() - 10 * 60_000) })).status).toBe(401); // replayed
    expect(executed).toBe(0);
  });

  it("runs the call the driver signs", async () => {
    const { handler } = createRegistry(client, [fn]);
    const outcome = await callFunction({ handler, signingKey: key }, input);
    expect(outcome).toEqual({ kind: "done", output: 1 });
    expect(executed).toBe(1);
  });

  it("makes the app's own /api/inngest route refuse an unsigned call", async () => {
    const { POST } = await import("@/app/api/inngest/route");
    const body = canonicalJson(callBody({ ...input, functionId: "agentry-anything" }));
    const request = new Request("http://localhost:3000/api/inngest?fnId=agentry-anything&stepId=step", {
      method: "POST",
      headers: { "content-type": "application/json", host: "localhost:3000" },
      body,
    });
    const response = await (POST as unknown as (req: Request, ctx: unknown) => Promise<Response>)(request, {});
    expect(response.status).toBe(401);
  });
});
