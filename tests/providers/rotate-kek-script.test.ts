import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProviderSecret } from "@/server/agents/credentials/load-provider-secret";
import { kekFromBase64, makeKeyring } from "@/server/crypto/envelope";
import { useKeyring } from "@/server/crypto/keyring";
import { asSystem, seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";

const run = promisify(execFile);

/** `npm run kek:rotate` as an operator runs it: its own process, the production logins, keys from the environment. */
async function rotate(db: TestDatabase, env: Record<string, string>) {
  const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");
  try {
    const { stdout, stderr } = await run(tsx, ["scripts/rotate-kek.ts"], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        DATABASE_URL: db.urls!.app,
        PLATFORM_DATABASE_URL: db.urls!.platform,
        LOG_LEVEL: "silent",
        ...env,
      },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run kek:rotate", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
  });
  afterAll(async () => {
    useKeyring(null);
    await db?.drop();
  });

  it("re-wraps under AGENTRY_KEK what AGENTRY_KEK_PREVIOUS sealed, reports counts, and is idempotent", async () => {
    const oldValue = randomBytes(32).toString("base64");
    const newValue = randomBytes(32).toString("base64");
    useKeyring(makeKeyring(kekFromBase64(oldValue)));
    const org = await seedTenant(db);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      ids.push(
        (await org.as(org.owner).providerCredentials.create({ name: `k${n}`, provider: "openai", apiKey: `sk-key-${n}-abcdefgh` })).id,
      );
    }

    const missing = await rotate(db, { AGENTRY_KEK: newValue });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("re-wrapped 0");
    expect(missing.stdout).toContain("failed 3");
    expect(missing.stderr).toContain("AGENTRY_KEK_PREVIOUS");

    const first = await rotate(db, { AGENTRY_KEK: newValue, AGENTRY_KEK_PREVIOUS: oldValue });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`under ${kekFromBase64(newValue).id} (1 previous key(s) configured)`);
    expect(first.stdout).toMatch(/checked 3, re-wrapped 3, already current or revoked 0, failed 0/);

    const second = await rotate(db, { AGENTRY_KEK: newValue, AGENTRY_KEK_PREVIOUS: oldValue });
    expect(second.stdout).toMatch(/checked 0, re-wrapped 0, already current or revoked 3, failed 0/);

    // The old key is gone from the configuration: every key still opens.
    useKeyring(makeKeyring(kekFromBase64(newValue)));
    for (const [i, id] of ids.entries()) {
      expect((await asSystem(db, org.tenant.id, (ctx) => loadProviderSecret(ctx, id))).apiKey).toBe(`sk-key-${i + 1}-abcdefgh`);
    }
    const audited = await db.ownerSql("select actor_type from platform_audit_log where reason like 'kek rotation:%'");
    expect(audited.length).toBeGreaterThanOrEqual(3);
    expect(new Set(audited.map((r) => r.actor_type))).toEqual(new Set(["system"]));
  });

  it("refuses to run in production without a KEK, saying what to set", async () => {
    const result = await rotate(db, {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/AGENTRY_KEK is not set/);
  });
});
