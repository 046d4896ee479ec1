import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordChange } from "@/server/audit/record-change";
import { asSystem, seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";

/**
 * "Killing the app in the middle of a workflow loses no event and repeats no external side
 * effect": an engine process is SIGKILLed while the second of two steps is in flight; a new
 * process resumes the run (after the dead one's lease expires) and it completes, each effect
 * applied once — the first step is not run again (memoised), the second is retried with the same
 * idempotency key and the effect server applies it once.
 */
type Effects = { requests: Map<string, number>; applied: Map<string, number>; hold: ((key: string) => Promise<void>) | null };

function effectServer(effects: Effects): Promise<Server> {
  const server = createServer(async (req, res) => {
    const key = String(req.headers["idempotency-key"]);
    effects.requests.set(key, (effects.requests.get(key) ?? 0) + 1);
    if (effects.hold) await effects.hold(key);
    if (!effects.applied.has(key)) effects.applied.set(key, effects.applied.size + 1); // apply once per key
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ applied: effects.applied.get(key) }));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe("a crash between two steps", () => {
  let db: TestDatabase;
  let server: Server;
  const children: ChildProcess[] = [];
  const effects: Effects = { requests: new Map(), applied: new Map(), hold: null };
  const signingKey = `signkey-test-${randomBytes(32).toString("hex")}`;

  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 4 });
    server = await effectServer(effects);
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    server?.close();
    await db?.drop();
  });

  function startWorker(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "support/crash-worker.ts")], {
      cwd: path.join(__dirname, "../.."),
      env: {
        ...process.env,
        CRASH_DB: db.name!,
        CRASH_EFFECTS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        INNGEST_SIGNING_KEY: signingKey,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve(child));
      child.once("exit", (code) => reject(new Error(`worker exited early (${code})`)));
    });
  }

  it("resumes in a new process and applies each external effect once", async () => {
    const org = await seedTenant(db);
    let shipArrived: () => void = () => {};
    const shipSeen = new Promise<void>((r) => (shipArrived = r));
    // The first "ship" call never gets an answer: the process dies while it is in flight.
    effects.hold = (key) =>
      key.endsWith(":ship") && effects.requests.get(key) === 1 ? (shipArrived(), new Promise<void>(() => {})) : Promise.resolve();

    const first = await startWorker();
    await asSystem(db, org.tenant.id, (ctx) =>
      recordChange(ctx, "member.invited", { targetId: randomUUID(), facts: { role: "viewer" }, personal: { email: "c@example.test" } }),
    );
    await shipSeen;
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));

    await startWorker();
    const run = await until("the run to complete", async () => {
      const [row] = await db.ownerSql(`select status, output, steps from engine_runs where function_id = 'crash-order'`);
      return row?.status === "completed" ? row : null;
    });
    const [eventId] = [...effects.requests.keys()][0]!.split(":");
    expect(effects.requests.get(`${eventId}:charge`)).toBe(1); // memoised: never re-run after the crash
    expect(effects.requests.get(`${eventId}:ship`)).toBe(2); // retried once, with the same key…
    expect([...effects.applied.keys()].sort()).toEqual([`${eventId}:charge`, `${eventId}:ship`]); // …and applied once
    expect(run.output).toEqual({ charged: { applied: 1 }, shipped: { applied: 2 } });
    const [{ undelivered }] = (await db.ownerSql(`select count(*)::int as undelivered from events where delivered_at is null`)) as [
      { undelivered: number },
    ];
    expect(undelivered).toBe(0);
  }, 120_000);
});
