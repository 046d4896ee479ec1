/**
 * The benchmark database: created fresh on the local Postgres by the shared test-database
 * fixture (migrated by the owner, with the production shape's login roles), seeded through the
 * real verbs (sign-up, create organisation, create API key — the same calls as
 * tests/support/callers.ts; for the runs series a knowledge collection with one document and an
 * agent from the customer-service template), and dropped at the end, failure or not.
 */
import { randomBytes } from "node:crypto";
import { onCleanup } from "./processes";

export type BenchDatabase = {
  name: string;
  /** What the app under test connects with: the production shape's two login roles. */
  urls: { app: string; platform: string };
  /** `select version()` on the server. */
  postgresVersion: string;
  seed: (keysWanted: number, runKeysWanted?: number) => Promise<Seeded>;
  /** Owner SQL for checks (never used on the measured path). */
  ownerSql: (query: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
};

export type Seeded = {
  tenantId: string;
  slug: string;
  planId: string;
  /** API key secrets (`agt_…`), each with only `tenant:read`. */
  keys: string[];
  /** For the runs series: a customer-service agent on the `local` provider, and a document it answers from. */
  runs: SeededRuns;
};

export type SeededRuns = {
  agentId: string;
  documentTitle: string;
  /** A question the document answers, and a phrase the answer must contain. */
  question: string;
  expected: string;
  /** API key secrets, each with only `run:create`. */
  keys: string[];
};

/** What the runs series asks: a short returns policy, as a new tenant would paste it. */
export const RUNS_DOCUMENT = {
  title: "Returns policy",
  content: [
    "# Returns and refunds",
    "",
    "You can return any item within 30 days of delivery for a full refund. Items must be unused and in their original packaging.",
    "",
    "## Refund timing",
    "",
    "Refunds reach your original payment method within 5 working days after we receive the returned item.",
    "",
    "## Shipping",
    "",
    "Orders ship within 48 hours. Standard delivery takes 3 to 5 working days.",
  ].join("\n"),
  question: "How many days do I have to return an item?",
  expected: "30 days",
};

export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `agentry_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
  // Imported here, after the caller has set LOG_LEVEL: these modules read the environment on load.
  const { createPostgresTestDatabase, dropPostgresTestDatabase } = await import("@/tests/support/databases");
  onCleanup(`drop database ${name}`, async () => {
    await dropPostgresTestDatabase(name, { adminUrl });
    console.log(`dropped database ${name}`);
  });
  // The same fixture as the tests: created, migrated by the owner, with the runtime logins.
  const db = await createPostgresTestDatabase({ adminUrl, name, max: 2 });
  onCleanup("close seeding connections", () => db.drop());
  const [{ version: postgresVersion }] = (await db.ownerSql("select version() as version")) as [{ version: string }];
  const { scopes, ownerSql } = db;

  return {
    name,
    urls: { app: db.urls!.app, platform: db.urls!.platform },
    postgresVersion,
    ownerSql,
    seed: async (keysWanted, runKeysWanted = 0) => {
      const { signUp } = await import("@/server/auth/sign-up");
      const { MemoryRateLimiter } = await import("@/server/ratelimit/memory-limiter");
      const { createInnerContext } = await import("@/server/trpc/context");
      const { createCaller } = await import("@/server/trpc/root");

      const suffix = randomBytes(4).toString("hex");
      const email = `bench-owner-${suffix}@example.test`;
      const bench = { scopes, meta: { requestId: "bench-seed", ip: null, userAgent: null }, appUrl: "http://127.0.0.1" };
      const user = await signUp(bench, { name: "Bench Owner", email, password: "Correct-Horse-Battery-9" });
      const sessionUser = { ...user, sessionId: "00000000-0000-4000-8000-000000000000" };
      const caller = (tenantSlug?: string) => {
        const headers = new Headers({ "user-agent": "agentry-bench" });
        if (tenantSlug) headers.set("x-agentry-tenant", tenantSlug);
        return createCaller(
          createInnerContext({
            headers,
            scopes,
            limiter: new MemoryRateLimiter(),
            getSessionUser: async () => sessionUser,
            baseUrl: "http://127.0.0.1",
          }),
        );
      };
      const slug = `bench-${suffix}`;
      const tenant = await caller().account.createTenant({ name: `Bench ${suffix}`, slug });
      // Plans are billing's to sell; until then the owner role sets one, as the brief says.
      await ownerSql("update tenants set plan_id = 'enterprise' where id = $1", [tenant.id]);
      const [plan] = await ownerSql("select plan_id from tenants where id = $1", [tenant.id]);
      const keys: string[] = [];
      for (let i = 0; i < keysWanted; i++) {
        const created = await caller(slug).apiKeys.create({ name: `bench ${i + 1}`, scopes: ["tenant:read"], expiresInDays: 1 });
        keys.push(created.secret);
      }
      // The runs series: an agent from the customer-service template (local provider, knowledge_search
      // over all collections, the tenant's default guard policy) and one document, through the verbs.
      const owner = caller(slug);
      const collection = await owner.knowledge.createCollection({ name: "Help centre" });
      await owner.knowledge.addDocument({
        collectionId: collection.id,
        title: RUNS_DOCUMENT.title,
        content: RUNS_DOCUMENT.content,
        mimeType: "text/markdown",
      });
      const agent = await owner.agents.create({ template: "customer-service", name: "Bench helpdesk" });
      const runKeys: string[] = [];
      for (let i = 0; i < runKeysWanted; i++) {
        const created = await owner.apiKeys.create({ name: `bench runs ${i + 1}`, scopes: ["run:create"], expiresInDays: 1 });
        runKeys.push(created.secret);
      }
      const runs: SeededRuns = {
        agentId: agent.id,
        documentTitle: RUNS_DOCUMENT.title,
        question: RUNS_DOCUMENT.question,
        expected: RUNS_DOCUMENT.expected,
        keys: runKeys,
      };
      return { tenantId: tenant.id, slug, planId: String(plan?.plan_id), keys, runs };
    },
  };
}
