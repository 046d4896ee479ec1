import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { afterCommitIdle } from "@/server/events/after-commit";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { seedTenant } from "../support/callers";

/*
 * A mail server that accepts the TCP connection and then says nothing (no greeting): the shape
 * of a slow or hung SMTP relay. The environment is read once at import, so the port is found
 * (in `vi.hoisted`) before any module loads.
 */
const SMTP_PORT = await vi.hoisted(async () => (await import("../support/smtp-env")).pointSmtpAtFreeLoopbackPort());

describe("mail waits for commit and holds nothing while it waits", () => {
  let db: TestDatabase;
  let smtp: Server;
  const sockets: Socket[] = [];
  /** For each connection: how many invitations were committed (seen from another connection) when it arrived. */
  const committedAtConnect: Promise<number>[] = [];

  beforeAll(async () => {
    // One pooled connection: anything that held it while the mail server stalls would block the rest.
    db = await createPostgresTestDatabase({ max: 1 });
    smtp = createServer((socket) => {
      sockets.push(socket);
      committedAtConnect.push(db.ownerSql("select count(*)::int as n from invitations").then(([row]) => Number(row!.n)));
    });
    await new Promise<void>((resolve) => smtp.listen(SMTP_PORT, "127.0.0.1", resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await afterCommitIdle();
    await db.drop();
  });

  it("answers the invitation at once and lets another mutation in the same tenant through while SMTP stalls", async () => {
    const org = await seedTenant(db);
    const owner = org.as(org.owner);

    const started = performance.now();
    const invite = await owner.invitations.create({ email: "slow-mail@example.test", role: "viewer" });
    const inviteMs = performance.now() - started;
    expect(invite.emailed).toBe(true);

    // The mail task has connected and is stalled on the greeting by now.
    await vi.waitFor(() => expect(sockets.length).toBe(1), { timeout: 5_000 });
    // It connected only after the invitation was committed (seen from outside the transaction).
    expect(await committedAtConnect[0]).toBe(1);

    // The same tenant, through the same single pooled connection, with its audit lock.
    const second = performance.now();
    const renamed = await owner.tenant.update({ name: "Still responsive" });
    const secondMs = performance.now() - second;

    expect(renamed.name).toBe("Still responsive");
    expect(inviteMs).toBeLessThan(3_000);
    expect(secondMs).toBeLessThan(3_000);
    // And the mail is still waiting: nothing above waited for it.
    expect(sockets[0]!.destroyed).toBe(false);
  });

  it("never starts the mail of an invitation that rolled back", async () => {
    const org = await seedTenant(db);
    const before = sockets.length;
    // Already a member: the verb fails after nothing was committed.
    await expect(org.as(org.owner).invitations.create({ email: org.owner.email, role: "viewer" })).rejects.toThrow(/already a member/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sockets.length).toBe(before);
  });
});
