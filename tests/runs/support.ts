import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApiTier } from "@/server/http/api-tier";
import { kekFromBase64, makeKeyring } from "@/server/crypto/envelope";
import { useKeyring as setKeyring } from "@/server/crypto/keyring";
import { MemoryRateLimiter } from "@/server/ratelimit/memory-limiter";
import type { DomainContext } from "@/server/request-context";
import { resolveTenantAccess, type TenantAccess } from "@/server/tenancy/tenant-context";
import { createInnerContext } from "@/server/trpc/context";
import { domainContext, seedTenant } from "../support/callers";
import type { TestDatabase } from "../support/databases";

/**
 * What the runs tests share: a tenant with an API key that may run and read, agents made through
 * the agents procedures, documents through the knowledge procedures, provider keys through the
 * credentials procedures (sealed under a test KEK), and the lean API tier on a real port — the
 * same handlers Next serves — so REST and SSE are exercised over real HTTP.
 */

export type Org = Awaited<ReturnType<typeof seedTenant>> & { key: string; access: TenantAccess; deps: DomainContext };

/** Provider keys are sealed under this KEK for the test (`setKeyring(null)` undoes it). */
export function installTestKeyring() {
  setKeyring(makeKeyring(kekFromBase64(randomBytes(32).toString("base64"))));
}

export async function seedRunsTenant(db: TestDatabase): Promise<Org> {
  const org = await seedTenant(db);
  const { secret } = await org.as(org.owner).apiKeys.create({
    name: "runs",
    scopes: ["run:create", "run:read", "agent:read", "incident:read"],
  });
  const deps = domainContext(db);
  const access = await resolveTenantAccess(deps, { kind: "api_key", secret });
  return { ...org, key: secret, access, deps };
}

type AgentFields = Parameters<ReturnType<Org["as"]>["agents"]["create"]>[0];

export function createAgent(org: Org, fields: Partial<AgentFields> = {}) {
  return org.as(org.owner).agents.create({ name: `Agent ${randomBytes(3).toString("hex")}`, ...fields } as AgentFields);
}

/** An OpenAI-compatible agent pointed at a fake server through a real sealed credential. */
export async function openAIAgent(org: Org, baseUrl: string, fields: Partial<AgentFields> = {}) {
  const credential = await org.as(org.owner).providerCredentials.create({
    name: `fake ${randomBytes(2).toString("hex")}`,
    provider: "openai",
    apiKey: "sk-test-runs-0123456789",
    baseUrl,
  });
  const agent = await createAgent(org, {
    instructions: "You are a helpful assistant.",
    model: { provider: "openai", model: "gpt-4o-mini", credentialId: credential.id },
    ...fields,
  });
  return { agent, credentialId: credential.id };
}

export async function seedDocument(org: Org, title: string, content: string) {
  const collection = await org.as(org.owner).knowledge.createCollection({ name: `Docs ${randomBytes(2).toString("hex")}` });
  await org.as(org.owner).knowledge.addDocument({ collectionId: collection.id, title, content, mimeType: "text/markdown" });
  return collection;
}

/** The API tier on a free loopback port, on the test database. */
export async function startApi(db: TestDatabase): Promise<{ base: string; close: () => Promise<void> }> {
  const limiter = new MemoryRateLimiter();
  const server: Server = createApiTier("http://127.0.0.1", (headers, resHeaders) =>
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

export type SseEvent = { event: string; data: unknown };

/** Parses raw SSE text into events (comments skipped). */
export function parseSse(raw: string): SseEvent[] {
  return raw
    .split("\n\n")
    .filter((frame) => frame.trim() && !frame.startsWith(":"))
    .map((frame) => {
      const lines = frame.split("\n");
      const event = lines.find((l) => l.startsWith("event: "))?.slice(7) ?? "message";
      const data = lines
        .filter((l) => l.startsWith("data: "))
        .map((l) => l.slice(6))
        .join("\n");
      return { event, data: JSON.parse(data) as unknown };
    });
}

export async function rows(db: TestDatabase, query: string, params: unknown[] = []) {
  return db.ownerSql(query, params);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function removeTestKeyring() {
  setKeyring(null);
}
