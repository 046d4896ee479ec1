/**
 * A separate engine process for tests/events/crash.test.ts: the dispatcher and the driver, real
 * clock, short leases, on the test database named in CRASH_DB, with one function whose two steps
 * call the test's HTTP server with idempotency keys. The test SIGKILLs it mid-run and starts
 * another.
 */
import { Inngest } from "inngest";
import { listenOn } from "@/db/client";
import { startEventEngine } from "@/server/events/dispatcher-engine";
import { openPostgresTestDatabase } from "../../support/databases";

/** The parent test hands this process its settings in the environment; a missing one is a bug in the test. */
function setting(name: "CRASH_EFFECTS_URL" | "CRASH_DB" | "INNGEST_SIGNING_KEY"): string {
  const value = process.env[name];
  if (!value) throw new Error(`crash-worker needs ${name} (set by tests/events/crash.test.ts)`);
  return value;
}

const client = new Inngest({ id: "crash" });
const effects = setting("CRASH_EFFECTS_URL");

async function call(step: string, key: string) {
  const response = await fetch(`${effects}/${step}`, { method: "POST", headers: { "idempotency-key": key } });
  if (!response.ok) throw new Error(`effect ${step} answered ${response.status}`);
  return (await response.json()) as { applied: number };
}

const order = client.createFunction({ id: "order", triggers: [{ event: "member.invited" }] }, async ({ event, step }) => {
  const charged = await step.run("charge", () => call("charge", `${event.id}:charge`));
  const shipped = await step.run("ship", () => call("ship", `${event.id}:ship`));
  return { charged, shipped };
});

async function main() {
  const db = await openPostgresTestDatabase(setting("CRASH_DB"), { dropOnClose: false, max: 2 });
  await startEventEngine({
    scopes: db.scopes,
    listen: (channel, onNotify) => listenOn({ db: db.app, driver: "postgres", close: async () => {} }, channel, onNotify),
    client,
    functions: [order],
    mode: "embedded",
    pollMs: 200,
    leaseMs: 1_500,
    signingKey: setting("INNGEST_SIGNING_KEY"),
  });
  process.stdout.write("ready\n");
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
