import { createHash, randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { GENESIS_HASH, hashAuditRow } from "@/server/audit/chain";
import { recordChange } from "@/server/audit/record-change";
import { peerAddressHeader } from "@/server/http/peer-address";
import { createPgliteTestDatabase, createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { addMember, asSystem, callerFor, seedTenant, seedUser, uniqueEmail, uniqueSlug, type SeededUser } from "../support/callers";
import { auditRows, countRows, failure } from "../support/failures";

// The socket address as the server stamps it; the X-Forwarded-For is a client's lie (no proxy is trusted).
const META = {
  "x-request-id": "req-audit-000001",
  [peerAddressHeader()]: "203.0.113.9",
  "x-forwarded-for": "198.51.100.66, 10.0.0.1",
  "user-agent": "AuditTest/1.0 (vitest)",
};

describe("audit log", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("writes exactly one row per mutation, with actor, request meta and a minimal diff without secrets", async () => {
    const owner = await seedUser(db, "Audit Owner");
    const slug = uniqueSlug("audit");
    const as = (user: SeededUser, extra: Record<string, string> = {}) =>
      callerFor(db, { user, tenantSlug: slug, headers: { ...META, ...extra } });
    const tenant = await callerFor(db, { user: owner, headers: META }).account.createTenant({ name: "Audited", slug });
    let rows = await auditRows(db, tenant.id);
    const step = async (action: string, run: () => Promise<unknown>) => {
      const before = rows;
      const result = await run();
      rows = await auditRows(db, tenant.id);
      expect(rows.length - before.length, action).toBe(1);
      expect(rows.slice(0, before.length), "earlier rows untouched").toEqual(before);
      expect(rows.at(-1)!.action).toBe(action);
      return { result, row: rows.at(-1)! };
    };
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      seq: 1,
      action: "tenant.created",
      actor_type: "user",
      actor_id: owner.id,
      actor_label: owner.email,
      hash_version: 2,
      diff: { slug },
      personal: { name: "Audited" },
      target_type: "tenant",
      target_id: tenant.id,
      ip: "203.0.113.9",
      user_agent: META["user-agent"],
      request_id: META["x-request-id"],
    });

    await step("tenant.updated", () => as(owner).tenant.update({ name: "Audited Inc" }));
    const dev = await seedUser(db, "Dev", uniqueEmail("dev"));
    const invite = await step("member.invited", () => as(owner).invitations.create({ email: dev.email, role: "developer" }));
    const token = (invite.result as { link: string }).link.split("/invite/")[1]!;
    expect([invite.row.diff, invite.row.personal]).toEqual([{ role: "developer" }, { email: dev.email }]);
    const accepted = await step("invitation.accepted", () =>
      callerFor(db, { user: dev, headers: { ...META, "x-request-id": "req-accept-0001" } }).invitations.accept({ token }),
    );
    expect(accepted.row).toMatchObject({ actor_id: dev.id, request_id: "req-accept-0001", ip: "203.0.113.9" });
    const spare = await step("member.invited", () => as(owner).invitations.create({ email: uniqueEmail(), role: "viewer" }));
    const spareId = (spare.result as { invitation: { id: string } }).invitation.id;
    await step("invitation.revoked", () => as(owner).invitations.revoke({ id: spareId }));
    const promoted = await step("member.role_changed", () => as(owner).members.updateRole({ userId: dev.id, role: "admin" }));
    expect([promoted.row.diff, promoted.row.personal]).toEqual([{ role: { from: "developer", to: "admin" } }, { email: dev.email }]);
    const made = await step("apikey.created", () => as(dev).apiKeys.create({ name: "ci", scopes: ["apikey:*", "audit:read"] }));
    const { key, secret } = made.result as { key: { id: string; prefix: string }; secret: string };
    expect([made.row.diff, made.row.personal]).toEqual([
      { prefix: key.prefix, scopes: ["apikey:*", "audit:read"], expiresAt: null },
      { name: "ci" },
    ]);
    const byKey = await step("apikey.created", () =>
      callerFor(db, { apiKey: secret, headers: META }).apiKeys.create({ name: "child", scopes: ["apikey:read"] }),
    );
    expect(byKey.row).toMatchObject({
      actor_type: "api_key",
      actor_id: key.id,
      actor_label: `ci (${key.prefix}…)`,
      request_id: META["x-request-id"],
    });
    const childId = (byKey.result as { key: { id: string } }).key.id;
    await step("apikey.revoked", () => as(owner).apiKeys.revoke({ id: childId }));
    const viewer = await addMember(db, { owner, tenant, as: (u) => callerFor(db, { user: u, tenantSlug: slug }) }, "viewer");
    rows = await auditRows(db, tenant.id);
    const removed = await step("member.removed", () => as(owner).members.remove({ userId: viewer.id }));
    expect([removed.row.diff, removed.row.personal]).toEqual([{ role: "viewer", apiKeysRevoked: 0 }, { email: viewer.email }]);
    await step("member.left", () => as(dev).members.leave());
    await step("audit.verified", () => as(owner).audit.verify());
    await step("tenant.deleted", () => as(owner).tenant.delete({ confirmSlug: slug }));

    // No secret, token or hash of either ever reaches the log.
    const everything = JSON.stringify(rows);
    for (const needle of [
      secret,
      secret.slice(12),
      createHash("sha256").update(secret).digest("hex"),
      token,
      createHash("sha256").update(token).digest("hex"),
    ]) {
      expect(everything).not.toContain(needle);
    }
    // Gap-free, chained from genesis.
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    rows.forEach((r, i) => expect(r.prev_hash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1]!.hash));
  });

  it("leaves no row when a mutation fails", async () => {
    const org = await seedTenant(db);
    const dev = await addMember(db, org, "developer");
    const { key } = await org.as(org.owner).apiKeys.create({ name: "k", scopes: ["tenant:read"] });
    await org.as(org.owner).apiKeys.revoke({ id: key.id });
    const total = await countRows(db, "audit_log");
    const attempts: [string, Promise<unknown>][] = [
      ["duplicate slug", callerFor(db, { user: dev }).account.createTenant({ name: "Dup", slug: org.tenant.slug })],
      ["revoke twice", org.as(org.owner).apiKeys.revoke({ id: key.id })],
      ["last owner", org.as(org.owner).members.updateRole({ userId: org.owner.id, role: "viewer" })],
      ["scope beyond role", org.as(dev).apiKeys.create({ name: "x", scopes: ["*"] })],
      ["confirmation", org.as(org.owner).tenant.delete({ confirmSlug: "nope" })],
      ["already member", org.as(org.owner).invitations.create({ email: dev.email, role: "viewer" })],
      ["missing permission", org.as(dev).members.remove({ userId: org.owner.id })],
      ["verify as developer", org.as(dev).audit.verify()],
    ];
    for (const [what, attempt] of attempts) {
      await failure(attempt);
      expect(await countRows(db, "audit_log"), what).toBe(total);
    }
  });

  it("rolls the audit row back with the transaction that wrote it", async () => {
    const org = await seedTenant(db);
    const before = await auditRows(db, org.tenant.id);
    const facts = { ok: true, checked: 0, firstBrokenSeq: null };
    await expect(
      asSystem(db, org.tenant.id, async (ctx) => {
        await recordChange(ctx, "audit.verified", { facts });
        throw new Error("the mutation failed after its audit row");
      }),
    ).rejects.toThrow("the mutation failed");
    expect(await auditRows(db, org.tenant.id)).toEqual(before);
    const kept = await asSystem(db, org.tenant.id, (ctx) => recordChange(ctx, "audit.verified", { facts }));
    expect(kept.seq).toBe(before.length + 1);
    expect((await auditRows(db, org.tenant.id)).at(-1)).toMatchObject({ actor_type: "system", actor_id: "test-job" });
  });

  it("lists with filters and a seq cursor, and verifies an untampered chain", async () => {
    const org = await seedTenant(db);
    const dev = await addMember(db, org, "developer");
    const { secret } = await org.as(dev).apiKeys.create({ name: "k", scopes: ["apikey:*"] });
    for (let i = 0; i < 3; i++) await callerFor(db, { apiKey: secret }).apiKeys.create({ name: `c${i}`, scopes: ["apikey:read"] });
    await org.as(org.owner).members.updateRole({ userId: dev.id, role: "viewer" });
    const all = (await org.as(org.owner).audit.list({ limit: 500 })).items;
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => all.length - i));

    const actions = async (input: Parameters<ReturnType<typeof org.as>["audit"]["list"]>[0]) =>
      (await org.as(dev).audit.list(input)).items.map((e) => e.action);
    expect(await actions({ action: "member." })).toEqual(["member.role_changed", "member.invited"]);
    expect(await actions({ action: "apikey.created" })).toEqual(Array(4).fill("apikey.created"));
    expect(await actions({ action: "%" })).toEqual([]);
    expect(await actions({ action: "member_" })).toEqual([]);
    expect((await org.as(dev).audit.list({ actorType: "api_key" })).items.map((e) => e.actor.label)).toEqual(
      Array(3).fill(expect.stringMatching(/^k \(agt_.{8}…\)$/)),
    );
    expect(await actions({ actorId: dev.id })).toEqual(["apikey.created", "invitation.accepted"]);
    expect(await actions({ targetId: dev.id })).toEqual(["member.role_changed"]);
    const [from, to] = [all[4]!.at, all[2]!.at];
    const inWindow = all.filter((e) => e.at >= from && e.at <= to).map((e) => e.seq);
    expect((await org.as(dev).audit.list({ from: new Date(from), to: new Date(to) })).items.map((e) => e.seq)).toEqual(inWindow);
    expect(inWindow.length).toBeGreaterThanOrEqual(3);

    const seen: number[] = [];
    let cursor: number | undefined;
    do {
      const page = await org.as(dev).audit.list({ limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.seq));

    expect((await org.as(dev).audit.get({ id: all[0]!.id })).hash).toBe(all[0]!.hash);
    const other = await seedTenant(db);
    expect((await failure(other.as(other.owner).audit.get({ id: all[0]!.id }))).code).toBe("NOT_FOUND");
    expect((await failure(org.as(dev).audit.list({ actorType: "robot" as "user" }))).code).toBe("BAD_REQUEST");
    expect((await failure(org.as(dev).audit.verify())).error.code).toBe("missing_permission");

    const verdict = await org.as(org.owner).audit.verify();
    expect(verdict).toMatchObject({ ok: true, checked: all.length, lastSeq: all.length, firstBroken: null });
    const [newest] = (await org.as(org.owner).audit.list({ limit: 1 })).items;
    expect(newest).toMatchObject({
      seq: all.length + 1,
      action: "audit.verified",
      diff: { ok: true, checked: all.length, firstBrokenSeq: null },
    });
    expect((await org.as(org.owner).audit.verify()).checked).toBe(all.length + 1);
  });
});

describe("audit log on Postgres", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 10 });
  });
  afterAll(async () => {
    await db.drop();
  });

  /** An organisation with a handful of audit rows (seq 1..5). */
  async function auditedOrg() {
    const org = await seedTenant(db);
    await org.as(org.owner).tenant.update({ name: "Chained" });
    for (const name of ["a", "b", "c"]) await org.as(org.owner).apiKeys.create({ name, scopes: ["tenant:read"] });
    expect((await auditRows(db, org.tenant.id)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    return org;
  }

  async function asOwnerWithoutTrigger(statement: string, params: unknown[]) {
    await db.ownerSql("alter table audit_log disable trigger audit_log_append_only");
    try {
      await db.ownerSql(statement, params);
    } finally {
      await db.ownerSql("alter table audit_log enable trigger audit_log_append_only");
    }
  }

  it("refuses updates and deletes, to the runtime role and (through the trigger) to the owner", async () => {
    const org = await auditedOrg();
    for (const statement of [sql`update audit_log set action = 'x'`, sql`delete from audit_log`]) {
      await expect(db.scopes.withTenant(org.tenant.id, (tx) => tx.execute(statement))).rejects.toThrow();
    }
    await expect(db.ownerSql("update audit_log set action = 'x' where tenant_id = $1", [org.tenant.id])).rejects.toThrow(/append-only/);
    await expect(db.ownerSql("delete from audit_log where tenant_id = $1", [org.tenant.id])).rejects.toThrow(/append-only/);
    expect((await org.as(org.owner).audit.verify()).ok).toBe(true);
  });

  it("names the tampered row when a row's action or diff is edited", async () => {
    for (const [column, value] of [
      ["action", "tenant.nothing_to_see"],
      ["diff", { fields: ["name", "name"] }],
    ] as const) {
      const org = await auditedOrg();
      const target = (await auditRows(db, org.tenant.id))[2]!;
      await asOwnerWithoutTrigger(`update audit_log set ${column} = $2 where id = $1`, [
        target.id,
        column === "diff" ? JSON.stringify(value) : value,
      ]);
      const verdict = await org.as(org.owner).audit.verify();
      expect(verdict, column).toMatchObject({
        ok: false,
        checked: 2,
        lastSeq: 2,
        firstBroken: { seq: target.seq, id: target.id, reason: "hash_mismatch" },
      });
      const [newest] = (await org.as(org.owner).audit.list({ limit: 1 })).items;
      expect(newest).toMatchObject({ action: "audit.verified", diff: { ok: false, firstBrokenSeq: target.seq } });
    }
  });

  it("names the gap when a middle row is deleted", async () => {
    const org = await auditedOrg();
    const victim = (await auditRows(db, org.tenant.id))[1]!;
    await db.ownerSql("set session_replication_role = replica");
    try {
      await db.ownerSql("delete from audit_log where id = $1", [victim.id]);
    } finally {
      await db.ownerSql("set session_replication_role = origin");
    }
    const verdict = await org.as(org.owner).audit.verify();
    expect(verdict).toMatchObject({ ok: false, checked: 1, firstBroken: { seq: victim.seq, id: null, reason: "missing_rows" } });
  });

  it("catches a forger who recomputes the row's own hash at the next link", async () => {
    const org = await auditedOrg();
    const [row] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, org.tenant.id), eq(auditLog.seq, 3)));
    const forged = { ...row!, action: "tenant.forged" };
    await asOwnerWithoutTrigger("update audit_log set action = $2, hash = $3 where id = $1", [
      row!.id,
      forged.action,
      hashAuditRow(forged),
    ]);
    const verdict = await org.as(org.owner).audit.verify();
    expect(verdict).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 4, reason: "prev_hash_mismatch" } });
  });

  it("verifies across pages and still names a break past the first thousand rows", async () => {
    const org = await seedTenant(db);
    await asSystem(db, org.tenant.id, async (ctx) => {
      for (let i = 0; i < 1100; i++) await recordChange(ctx, "audit.verified", { facts: { ok: true, checked: i, firstBrokenSeq: null } });
    });
    expect(await org.as(org.owner).audit.verify()).toMatchObject({ ok: true, checked: 1101, lastSeq: 1101 });
    const [victim] = await db.ownerSql("select id::text from audit_log where tenant_id = $1 and seq = 1050", [org.tenant.id]);
    await asOwnerWithoutTrigger(`update audit_log set diff = '{"ok": true, "checked": -1, "firstBrokenSeq": null}' where id = $1`, [
      victim!.id,
    ]);
    const verdict = await org.as(org.owner).audit.verify();
    expect(verdict).toMatchObject({ ok: false, checked: 1049, firstBroken: { seq: 1050, id: victim!.id, reason: "hash_mismatch" } });
  });

  it("keeps a gap-free chain under concurrent appends", async () => {
    const org = await seedTenant(db);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        org.as(org.owner).apiKeys.create({ name: `parallel-${i}-${randomUUID().slice(0, 4)}`, scopes: ["tenant:read"] }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const rows = await auditRows(db, org.tenant.id);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(new Set(rows.filter((r) => r.action === "apikey.created").map((r) => r.target_id)).size).toBe(20);
    const verdict = await org.as(org.owner).audit.verify();
    expect(verdict).toMatchObject({ ok: true, checked: 21, lastSeq: 21, firstBroken: null });
  });
});
