import {
  guardFeedback,
  guardPolicies,
  httpAllowedHosts,
  incidentActivity,
  incidents,
  knowledgeChunks,
  knowledgeCollections,
  knowledgeDocuments,
  providerCredentials,
  runs,
  runSteps,
} from "@/db/schema";
import { domainContext } from "../../support/callers";
import type { TestDatabase } from "../../support/databases";

/**
 * One row in each table of the agents/runs/guard area for a tenant, written in a tenant
 * transaction (so through the same wall the app uses). Until every one of these tables has a
 * verb that the seed can call, this keeps the isolation suite reaching all of them. Agents and
 * their versions have verbs: the seed creates `agentId` through them first.
 */
export async function seedAgentRows(db: TestDatabase, tenantId: string, userId: string, agentId: string) {
  await domainContext(db).scopes.withTenant(tenantId, async (tx) => {
    await tx.insert(providerCredentials).values({
      tenantId,
      name: "openai",
      provider: "openai",
      ciphertext: "c2VhbGVk",
      wrappedKey: "d3JhcHBlZA==",
      kekId: "test",
      hint: "abcd",
      createdBy: userId,
    });
    const [collection] = await tx.insert(knowledgeCollections).values({ tenantId, name: "Docs", createdBy: userId }).returning();
    const [doc] = await tx
      .insert(knowledgeDocuments)
      .values({
        tenantId,
        collectionId: collection!.id,
        title: "FAQ",
        source: "paste",
        mimeType: "text/plain",
        bytes: 5,
        content: "hello",
        chunkCount: 1,
      })
      .returning();
    await tx
      .insert(knowledgeChunks)
      .values({ tenantId, collectionId: collection!.id, documentId: doc!.id, ordinal: 0, content: "hello", searchText: "hello" });
    await tx.insert(httpAllowedHosts).values({ tenantId, host: "api.example.com", createdBy: userId });
    const [run] = await tx
      .insert(runs)
      .values({
        tenantId,
        agentId: agentId,
        agentVersion: 1,
        status: "completed",
        input: "hi",
        output: "hello",
        actorType: "user",
        actorId: userId,
        userId,
      })
      .returning();
    await tx.insert(runSteps).values({
      tenantId,
      runId: run!.id,
      ordinal: 0,
      kind: "model_call",
      status: "ok",
      provider: "local",
      model: "local-retrieval",
      startedAt: new Date(),
    });
    const [incident] = await tx
      .insert(incidents)
      .values({
        tenantId,
        title: "Prompt injection",
        detector: "injection",
        findingType: "instruction_override",
        severity: "high",
        direction: "input",
        action: "block",
        fingerprint: `injection:${agentId}`,
        agentId: agentId,
        firstRunId: run!.id,
        lastRunId: run!.id,
        evidence: { text: "[REDACTED]" },
      })
      .returning();
    await tx.insert(incidentActivity).values({ tenantId, incidentId: incident!.id, kind: "opened", runId: run!.id });
    await tx
      .insert(guardFeedback)
      .values({ tenantId, incidentId: incident!.id, detector: "injection", findingType: "instruction_override", evidence: {} });
    await tx.insert(guardPolicies).values({ tenantId, policy: {}, updatedBy: userId });
  });
}
