import { readFileSync, mkdtempSync, cpSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENESIS_HASH, hashAuditRow } from "@/server/audit/chain";
import { CHANGE_ACTIONS, CHANGES } from "@/server/audit/changes";
import { recordChange } from "@/server/audit/record-change";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import { MIGRATIONS_FOLDER } from "@/db/migrate";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { addMember, asSystem, seedTenant } from "../support/callers";
import { auditRows, countRows } from "../support/failures";

describe("the catalogue of changes", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 4 });
  });
  afterAll(async () => {
    await db.drop();
  });

  it("still hashes a v1 row exactly as the code that wrote it did (golden value from before 0005)", () => {
    const row = {
      tenantId: "11111111-1111-4111-8111-111111111111",
      seq: 7,
      id: "22222222-2222-4222-8222-222222222222",
      at: new Date("2026-01-02T03:04:05.678Z"),
      actorType: "user",
      actorId: "33333333-3333-4333-8333-333333333333",
      actorLabel: "owner@example.test",
      action: "member.invited",
      targetType: "invitation",
      targetId: "44444444-4444-4444-8444-444444444444",
      ip: "203.0.113.1",
      userAgent: "Old/1.0",
      requestId: "req-golden-0001",
      diff: { email: "old@example.test", role: "viewer" },
      prevHash: "a".repeat(64),
    };
    expect(hashAuditRow({ ...row, hashVersion: 1 })).toBe("1186426813d7201ded919f0d026f7a6f926a8f33dda0fa58ed41de641f76b291");
    // v2 ignores what may be erased, and only that.
    const v2 = hashAuditRow({ ...row, hashVersion: 2 });
    expect(hashAuditRow({ ...row, hashVersion: 2, actorLabel: null, ip: null, userAgent: null })).toBe(v2);
    expect(hashAuditRow({ ...row, hashVersion: 2, targetId: "55555555-5555-4555-8555-555555555555" })).not.toBe(v2);
  });

  it("is one const list, each action with a facts schema", () => {
    expect(CHANGE_ACTIONS).toContain("member.invited");
    for (const action of CHANGE_ACTIONS) expect(CHANGES[action].facts, action).toBeDefined();
  });

  it("refuses a payload that does not fit its action, and writes nothing", async () => {
    const org = await seedTenant(db);
    const before = await countRows(db, "audit_log", org.tenant.id);
    // Each is refused by the compiler too; `as never` gets it past, to prove the run-time check.
    const attempts: [string, unknown][] = [
      [
        "personal data among the hashed facts",
        { targetId: randomUUID(), facts: { role: "viewer", email: "a@example.test" }, personal: { email: "a@example.test" } },
      ],
      ["a role that does not exist", { targetId: randomUUID(), facts: { role: "emperor" }, personal: { email: "a@example.test" } }],
      ["no personal half", { targetId: randomUUID(), facts: { role: "viewer" } }],
      ["no target", { facts: { role: "viewer" }, personal: { email: "a@example.test" } }],
    ];
    for (const [what, change] of attempts) {
      await expect(
        asSystem(db, org.tenant.id, (ctx) => recordChange(ctx, "member.invited", change as never)),
        what,
      ).rejects.toThrow();
    }
    await expect(
      asSystem(db, org.tenant.id, (ctx) => recordChange(ctx, "member.teleported" as never, { facts: {} } as never)),
    ).rejects.toThrow(/unknown change/);
    expect(await countRows(db, "audit_log", org.tenant.id)).toBe(before);
  });

  it("keeps names and e-mails out of the hash: blank them and the chain still verifies", async () => {
    const org = await seedTenant(db, "Erin Erasable");
    const member = await addMember(db, org, "developer", "Mia Member");
    await org.as(org.owner).members.updateRole({ userId: member.id, role: "viewer" });
    await org.as(org.owner).members.remove({ userId: member.id });
    const rows = await auditRows(db, org.tenant.id);
    expect(JSON.stringify(rows)).toContain(member.email);
    // Nothing hashed names the member: their e-mail and name appear only in the erasable columns.
    for (const row of rows) expect(JSON.stringify(row.diff ?? {})).not.toContain(member.email);

    // The erasure: the person's name and e-mail blanked at the source, and every personal column
    // of the log (the one UPDATE the append-only trigger admits).
    await db.ownerSql("update users set name = '', email = $2 where id = $1", [member.id, `erased-${member.id}@invalid`]);
    await db.ownerSql(
      "update audit_log set actor_label = null, personal = null, ip = null, user_agent = null where tenant_id = $1 and (actor_id = $2 or target_id = $2 or personal::text like $3)",
      [org.tenant.id, member.id, `%${member.email}%`],
    );
    const after = await auditRows(db, org.tenant.id);
    expect(JSON.stringify(after)).not.toContain(member.email);
    expect(JSON.stringify(after)).not.toContain("Mia Member");

    const verdict = await asSystem(db, org.tenant.id, verifyAuditChain, "audit:verify");
    expect(verdict).toMatchObject({ ok: true, checked: rows.length, firstBroken: null });

    // The trigger still refuses anything else: a hashed column, or writing personal data back.
    await expect(db.ownerSql("update audit_log set diff = '{}' where tenant_id = $1", [org.tenant.id])).rejects.toThrow(/append-only/);
    await expect(
      db.ownerSql('update audit_log set personal = \'{"email":"x@example.test"}\' where tenant_id = $1', [org.tenant.id]),
    ).rejects.toThrow(/append-only/);
    await expect(db.ownerSql("delete from audit_log where tenant_id = $1", [org.tenant.id])).rejects.toThrow(/append-only/);
  });
});

describe("migrating a log written before 0005", () => {
  let db: TestDatabase;
  const tenantId = randomUUID();

  beforeAll(async () => {
    // A database migrated only up to 0004 (the migrations before this change)…
    const journalPath = join(MIGRATIONS_FOLDER, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
    const older = mkdtempSync(join(tmpdir(), "agentry-migrations-"));
    cpSync(MIGRATIONS_FOLDER, older, { recursive: true });
    const cut = journal.entries.findIndex((e) => e.tag.startsWith("0005_"));
    expect(cut).toBeGreaterThan(0);
    writeFileSync(join(older, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
    db = await createPostgresTestDatabase({ max: 4, migrate: (handle) => migrate(handle.db as never, { migrationsFolder: older }) });
  });
  afterAll(async () => {
    await db.drop();
  });

  it("verifies old-shape (v1) rows after the migration, and the chain continues across them", async () => {
    // …holding old-shape rows: e-mails in the diff and the actor label, all hashed (rule v1).
    await db.ownerSql("insert into tenants (id, slug, name) values ($1, $2, 'Old Org')", [tenantId, `old-${tenantId.slice(0, 8)}`]);
    let prevHash = GENESIS_HASH;
    const old = [
      { action: "tenant.created", targetType: "tenant", targetId: tenantId, diff: { name: "Old Org", slug: "old" } },
      { action: "member.invited", targetType: "invitation", targetId: randomUUID(), diff: { email: "old@example.test", role: "viewer" } },
    ];
    for (const [i, change] of old.entries()) {
      const row = {
        hashVersion: 1,
        tenantId,
        seq: i + 1,
        id: randomUUID(),
        at: new Date(Date.now() - 60_000 + i),
        actorType: "user",
        actorId: randomUUID(),
        actorLabel: "owner@example.test",
        ...change,
        ip: "203.0.113.1",
        userAgent: "Old/1.0",
        requestId: `old-request-${i}`,
        prevHash,
      };
      const hash = hashAuditRow(row);
      await db.ownerSql(
        `insert into audit_log (id, tenant_id, seq, at, actor_type, actor_id, actor_label, action, target_type, target_id, ip, user_agent, request_id, diff, prev_hash, hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          row.id,
          tenantId,
          row.seq,
          row.at.toISOString(),
          row.actorType,
          row.actorId,
          row.actorLabel,
          row.action,
          row.targetType,
          row.targetId,
          row.ip,
          row.userAgent,
          row.requestId,
          JSON.stringify(row.diff),
          prevHash,
          hash,
        ],
      );
      prevHash = hash;
    }

    // The real migrations, all of them.
    await migrate(db.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    expect((await auditRows(db, tenantId)).map((r) => r.hash_version)).toEqual([1, 1]);

    expect(await asSystem(db, tenantId, verifyAuditChain, "audit:verify")).toMatchObject({ ok: true, checked: 2 });
    // New rows are v2 and link to the last v1 row; the whole chain verifies.
    const rows = await auditRows(db, tenantId);
    expect(rows.map((r) => r.hash_version)).toEqual([1, 1, 2]);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    expect(await asSystem(db, tenantId, verifyAuditChain, "audit:verify")).toMatchObject({ ok: true, checked: 3 });

    // A v1 row's personal fields are hashed, so the trigger keeps even an erasure off it.
    await expect(db.ownerSql("update audit_log set actor_label = null where tenant_id = $1 and seq = 1", [tenantId])).rejects.toThrow(
      /append-only/,
    );
  });
});
