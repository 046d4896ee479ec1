import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiKeySecret, isWellFormedApiKey } from "@/server/auth/api-key-format";
import { createPgliteTestDatabase, DRIVERS, type TestDatabase } from "../support/databases";
import { addMember, callerFor, seedTenant } from "../support/callers";
import { countRows, failure, issuePaths } from "../support/failures";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

describe("API keys", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  describe("secret format", () => {
    it("is agt_ + 38 base62 characters, unique, and well-formed", () => {
      const secrets = Array.from({ length: 50 }, generateApiKeySecret);
      for (const s of secrets) {
        expect(s).toMatch(/^agt_[0-9A-Za-z]{38}$/);
        expect(isWellFormedApiKey(s)).toBe(true);
      }
      expect(new Set(secrets).size).toBe(secrets.length);
    });

    it("refuses every one-character change, anywhere in the secret", () => {
      const secret = generateApiKeySecret();
      let checked = 0;
      for (let i = 0; i < secret.length; i++) {
        for (const c of BASE62 + "_") {
          if (c === secret[i]) continue;
          const mutated = secret.slice(0, i) + c + secret.slice(i + 1);
          expect(isWellFormedApiKey(mutated), `position ${i} → ${c}`).toBe(false);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(42 * 60);
      expect(isWellFormedApiKey(secret.slice(0, -1))).toBe(false);
      expect(isWellFormedApiKey(`${secret}0`)).toBe(false);
      expect(isWellFormedApiKey(` ${secret}`)).toBe(false);
    });
  });

  it("stores only the SHA-256 and the visible prefix, never the secret", async () => {
    const org = await seedTenant(db);
    const { key, secret } = await org.as(org.owner).apiKeys.create({ name: "deploy", scopes: ["tenant:read"] });
    expect(isWellFormedApiKey(secret)).toBe(true);
    expect(key.prefix).toBe(secret.slice(0, 12));
    const rows = await db.ownerSql("select * from api_keys where id = $1", [key.id]);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.secret_hash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(row.prefix).toBe(key.prefix);
    const hidden = secret.slice(12);
    for (const [column, value] of Object.entries(row)) {
      const text = value instanceof Date ? value.toISOString() : (JSON.stringify(value) ?? "");
      expect(text, column).not.toContain(secret);
      expect(text, column).not.toContain(hidden);
    }
    // The DTOs (list, get) never carry it either.
    const listed = await org.as(org.owner).apiKeys.list({});
    expect(JSON.stringify(listed)).not.toContain(hidden);
    const me = await callerFor(db, { apiKey: secret }).tenant.whoami();
    expect(me).toMatchObject({ type: "api_key", id: key.id, role: "owner", permissions: ["tenant:read"] });
  });

  it("accepts only known grants as scopes (400 on the scopes field)", async () => {
    const org = await seedTenant(db);
    const before = await countRows(db, "api_keys", org.tenant.id);
    for (const scopes of [["invoice:read"], ["apikey:destroy"], ["APIKEY:READ"], ["tenant:read", "nope:*"], [""], []]) {
      const f = await failure(org.as(org.owner).apiKeys.create({ name: "bad", scopes }));
      expect(f.code, JSON.stringify(scopes)).toBe("BAD_REQUEST");
      expect(f.error.code).toBe("validation_failed");
      expect(issuePaths(f)).toContain("scopes");
    }
    expect(await countRows(db, "api_keys", org.tenant.id)).toBe(before);
    const ok = await org.as(org.owner).apiKeys.create({ name: "good", scopes: ["*", "member:*", "audit:verify", "member:*"] });
    expect(ok.key.scopes).toEqual(["*", "audit:verify", "member:*"]);
  });

  it("refuses scopes beyond the creator's role, and bounds keys by the creator's current role", async () => {
    const org = await seedTenant(db);
    const dev = await addMember(db, org, "developer");
    for (const scopes of [["member:invite"], ["*"], ["tenant:*"], ["apikey:read", "audit:verify"]]) {
      const f = await failure(org.as(dev).apiKeys.create({ name: "too much", scopes }));
      expect(f.code).toBe("FORBIDDEN");
      expect(f.error.code).toBe("scope_exceeds_role");
      expect((f.error.details?.scopes as string[]).length).toBeGreaterThan(0);
    }
    expect(await countRows(db, "api_keys", org.tenant.id)).toBe(0);

    const { secret } = await org.as(dev).apiKeys.create({ name: "dev key", scopes: ["apikey:*", "tenant:read"] });
    const asKey = () => callerFor(db, { apiKey: secret });
    expect((await asKey().tenant.whoami()).permissions.sort()).toEqual(["apikey:create", "apikey:read", "apikey:revoke", "tenant:read"]);
    // A key cannot mint a key broader than itself.
    expect((await failure(asKey().apiKeys.create({ name: "wider", scopes: ["audit:read"] }))).error.code).toBe("scope_exceeds_role");
    const minted = await asKey().apiKeys.create({ name: "child", scopes: ["apikey:read"] });
    expect(minted.key.createdBy).toBe(dev.id);

    await org.as(org.owner).members.updateRole({ userId: dev.id, role: "viewer" });
    const me = await asKey().tenant.whoami();
    expect(me.role).toBe("viewer");
    expect(me.permissions.sort()).toEqual(["apikey:read", "tenant:read"]);
    const denied = await failure(asKey().apiKeys.create({ name: "after demotion", scopes: ["apikey:read"] }));
    expect(denied.code).toBe("FORBIDDEN");
    expect(denied.error).toMatchObject({ code: "missing_permission", details: { required: "apikey:create" } });
    expect((await failure(asKey().apiKeys.revoke({ id: minted.key.id }))).code).toBe("FORBIDDEN");
    expect((await asKey().apiKeys.list({})).items.length).toBe(2);

    await org.as(org.owner).members.updateRole({ userId: dev.id, role: "developer" });
    expect((await asKey().apiKeys.revoke({ id: minted.key.id })).status).toBe("revoked");
  });

  it("answers FORBIDDEN when the key lacks the procedure's scope", async () => {
    const org = await seedTenant(db);
    const { secret } = await org.as(org.owner).apiKeys.create({ name: "narrow", scopes: ["tenant:read"] });
    const f = await failure(callerFor(db, { apiKey: secret }).apiKeys.list({}));
    expect(f).toMatchObject({
      code: "FORBIDDEN",
      httpStatus: 403,
      error: { code: "missing_permission", details: { required: "apikey:read" } },
    });
    expect((await failure(callerFor(db, { apiKey: secret }).members.list({}))).code).toBe("FORBIDDEN");
    // Session-only procedures are refused to keys whatever their scopes.
    const { secret: all } = await org.as(org.owner).apiKeys.create({ name: "all", scopes: ["*"] });
    const del = await failure(callerFor(db, { apiKey: all }).tenant.delete({ confirmSlug: org.tenant.slug }));
    expect(del).toMatchObject({ code: "FORBIDDEN", error: { code: "session_only" } });
    expect((await org.as(org.owner).tenant.get()).status).toBe("active");
  });

  it("lets a developer revoke only their own keys; another member's key needs an admin or owner", async () => {
    const org = await seedTenant(db);
    const dev = await addMember(db, org, "developer");
    const admin = await addMember(db, org, "admin");
    const { key: ownerKey } = await org.as(org.owner).apiKeys.create({ name: "owner's integration", scopes: ["tenant:read"] });
    const { key: adminKey } = await org.as(admin).apiKeys.create({ name: "admin's", scopes: ["tenant:read"] });
    const { key: devKey, secret: devSecret } = await org
      .as(dev)
      .apiKeys.create({ name: "dev's", scopes: ["apikey:revoke", "apikey:read"] });

    for (const target of [ownerKey, adminKey]) {
      // As the developer in the portal, and through the developer's own key: both refused, nothing changes.
      for (const caller of [org.as(dev), callerFor(db, { apiKey: devSecret })]) {
        const f = await failure(caller.apiKeys.revoke({ id: target.id }));
        expect(f).toMatchObject({
          code: "FORBIDDEN",
          httpStatus: 403,
          error: { code: "revoke_others_key", details: { requiredRole: "admin" } },
        });
      }
      expect((await org.as(org.owner).apiKeys.get({ id: target.id })).status).toBe("active");
    }
    const revocations = await db.ownerSql("select count(*)::int as n from audit_log where tenant_id = $1 and action = 'apikey.revoked'", [
      org.tenant.id,
    ]);
    expect(revocations[0]!.n).toBe(0);

    // Their own key, yes; an admin may revoke the developer's and the owner's.
    const { key: devOther } = await org.as(dev).apiKeys.create({ name: "dev's other", scopes: ["tenant:read"] });
    expect((await callerFor(db, { apiKey: devSecret }).apiKeys.revoke({ id: devOther.id })).status).toBe("revoked");
    expect((await org.as(admin).apiKeys.revoke({ id: devKey.id })).status).toBe("revoked");
    expect((await org.as(admin).apiKeys.revoke({ id: ownerKey.id })).status).toBe("revoked");
    expect((await org.as(org.owner).apiKeys.revoke({ id: adminKey.id })).status).toBe("revoked");
  });

  it("refuses revoked keys (401) and revoking twice (409)", async () => {
    const org = await seedTenant(db);
    const { key, secret } = await org.as(org.owner).apiKeys.create({ name: "short-lived", scopes: ["tenant:read"] });
    expect((await callerFor(db, { apiKey: secret }).tenant.get()).id).toBe(org.tenant.id);
    const revoked = await org.as(org.owner).apiKeys.revoke({ id: key.id });
    expect(revoked).toMatchObject({ status: "revoked", id: key.id });
    expect(revoked.revokedAt).not.toBeNull();
    const f = await failure(callerFor(db, { apiKey: secret }).tenant.get());
    expect(f).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401, error: { code: "api_key_revoked" } });
    const again = await failure(org.as(org.owner).apiKeys.revoke({ id: key.id }));
    expect(again).toMatchObject({ code: "CONFLICT", httpStatus: 409, error: { code: "already_revoked" } });
    const [row] = await db.ownerSql("select revoked_at, revoked_by::text from api_keys where id = $1", [key.id]);
    expect(new Date(row!.revoked_at as string).toISOString()).toBe(revoked.revokedAt);
    expect(row!.revoked_by).toBe(org.owner.id);
  });

  it("refuses expired keys (401)", async () => {
    const org = await seedTenant(db);
    const { key, secret } = await org.as(org.owner).apiKeys.create({ name: "expiring", scopes: ["tenant:read"], expiresInDays: 1 });
    expect(new Date(key.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect((await callerFor(db, { apiKey: secret }).tenant.whoami()).id).toBe(key.id);
    await db.ownerSql("update api_keys set expires_at = now() - interval '1 minute' where id = $1", [key.id]);
    const f = await failure(callerFor(db, { apiKey: secret }).tenant.whoami());
    expect(f).toMatchObject({ code: "UNAUTHORIZED", error: { code: "api_key_expired" } });
    expect((await org.as(org.owner).apiKeys.get({ id: key.id })).status).toBe("expired");
  });

  it("revokes a member's keys when they are removed, and the key stops working", async () => {
    const org = await seedTenant(db);
    const dev = await addMember(db, org, "developer");
    const { key, secret } = await org.as(dev).apiKeys.create({ name: "dev's", scopes: ["tenant:read"] });
    const { key: ownerKey } = await org.as(org.owner).apiKeys.create({ name: "owner's", scopes: ["tenant:read"] });
    expect((await callerFor(db, { apiKey: secret }).tenant.get()).id).toBe(org.tenant.id);
    await org.as(org.owner).members.remove({ userId: dev.id });
    const f = await failure(callerFor(db, { apiKey: secret }).tenant.get());
    expect(f.code).toBe("UNAUTHORIZED");
    expect(f.error.code).toBe("api_key_revoked");
    const after = await org.as(org.owner).apiKeys.get({ id: key.id });
    expect(after).toMatchObject({ status: "revoked", createdBy: null });
    expect((await org.as(org.owner).apiKeys.get({ id: ownerKey.id })).status).toBe("active");
  });

  it("refuses a key whose creator's account no longer exists (orphaned)", async () => {
    const org = await seedTenant(db);
    const dev = await addMember(db, org, "developer");
    const { key, secret } = await org.as(dev).apiKeys.create({ name: "orphan", scopes: ["tenant:read"] });
    await db.ownerSql("delete from users where id = $1", [dev.id]);
    const [row] = await db.ownerSql("select created_by, revoked_at from api_keys where id = $1", [key.id]);
    expect(row).toEqual({ created_by: null, revoked_at: null });
    const f = await failure(callerFor(db, { apiKey: secret }).tenant.get());
    expect(f).toMatchObject({ code: "UNAUTHORIZED", error: { code: "api_key_orphaned" } });
  });

  it("answers another tenant's key id exactly like a missing one (404), and changes nothing", async () => {
    const a = await seedTenant(db);
    const b = await seedTenant(db);
    const { secret: aKey } = await a.as(a.owner).apiKeys.create({ name: "a", scopes: ["*"] });
    const { key: bKey, secret: bSecret } = await b.as(b.owner).apiKeys.create({ name: "b", scopes: ["tenant:read"] });
    const asA = () => callerFor(db, { apiKey: aKey });
    for (const call of [() => asA().apiKeys.get({ id: bKey.id }), () => asA().apiKeys.revoke({ id: bKey.id })]) {
      const foreign = await failure(call());
      expect(foreign).toMatchObject({ code: "NOT_FOUND", httpStatus: 404 });
      const missing = await failure(asA().apiKeys.get({ id: randomUUID() }));
      expect(foreign.error).toEqual(missing.error);
    }
    // The session door behaves the same.
    expect((await failure(a.as(a.owner).apiKeys.revoke({ id: bKey.id }))).code).toBe("NOT_FOUND");
    expect((await b.as(b.owner).apiKeys.get({ id: bKey.id })).status).toBe("active");
    expect((await callerFor(db, { apiKey: bSecret }).tenant.get()).id).toBe(b.tenant.id);
    expect((await asA().apiKeys.list({})).items.every((k) => k.id !== bKey.id)).toBe(true);
  });

  it("refuses malformed bearers as invalid_api_key, never falling back to the session", async () => {
    const org = await seedTenant(db);
    const { secret } = await org.as(org.owner).apiKeys.create({ name: "real", scopes: ["tenant:read"] });
    const typo = secret.slice(0, 20) + (secret[20] === "a" ? "b" : "a") + secret.slice(21);
    for (const bad of ["agt_short", "sk_live_0123456789", typo, generateApiKeySecret()]) {
      const f = await failure(callerFor(db, { apiKey: bad }).tenant.get());
      expect(f, bad).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401, error: { code: "invalid_api_key" } });
    }
    const withSession = callerFor(db, { user: org.owner, tenantSlug: org.tenant.slug, headers: { authorization: "Bearer nope" } });
    expect((await failure(withSession.tenant.get())).code).toBe("UNAUTHORIZED");
    const basic = callerFor(db, { user: org.owner, tenantSlug: org.tenant.slug, headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect((await failure(basic.tenant.get())).error.code).toBe("invalid_authorization_header");
  });

  it("sets last_used_at when a key is used", async () => {
    const org = await seedTenant(db);
    const { key, secret } = await org.as(org.owner).apiKeys.create({ name: "used", scopes: ["apikey:read"] });
    expect(key.lastUsedAt).toBeNull();
    const started = Date.now();
    await callerFor(db, { apiKey: secret }).apiKeys.list({});
    // Stamped in a transaction of its own, which the request does not wait for.
    await expect.poll(async () => (await org.as(org.owner).apiKeys.get({ id: key.id })).lastUsedAt).not.toBeNull();
    const seen = await org.as(org.owner).apiKeys.get({ id: key.id });
    expect(Math.abs(new Date(seen.lastUsedAt!).getTime() - started)).toBeLessThan(60_000);
  });
});

/** Keyset pagination depends on timestamp precision and parameter binding: both drivers. */
describe.each(DRIVERS)("API key pagination on $name", ({ create }) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("pages the list with cursor and limit, every key exactly once", async () => {
    const org = await seedTenant(db);
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await org.as(org.owner).apiKeys.create({ name: `k${i}`, scopes: ["tenant:read"] })).key.id);
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await org.as(org.owner).apiKeys.list({ limit: 3, cursor });
      sizes.push(page.items.length);
      seen.push(...page.items.map((k) => k.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual([...created].reverse());
    const bad = await failure(org.as(org.owner).apiKeys.list({ cursor: "not-a-cursor" }));
    expect(bad).toMatchObject({ code: "BAD_REQUEST", error: { code: "invalid_cursor" } });
  });

  it("pages correctly through keys created within the same millisecond", async () => {
    const org = await seedTenant(db);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await org.as(org.owner).apiKeys.create({ name: `burst${i}`, scopes: ["tenant:read"] })).key.id);
    // Microsecond timestamps inside one millisecond, as concurrent inserts produce.
    for (const [i, id] of ids.entries()) {
      await db.ownerSql(
        `update api_keys set created_at = timestamptz '2025-01-01 00:00:00.123000+00' + make_interval(secs => $2::int * 0.0001) where id = $1`,
        [id, i],
      );
    }
    for (const limit of [1, 2, 4]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await org.as(org.owner).apiKeys.list({ limit, cursor });
        seen.push(...page.items.map((k) => k.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.length, `limit ${limit}`).toBe(ids.length);
      expect(new Set(seen)).toEqual(new Set(ids));
    }
  });
});
