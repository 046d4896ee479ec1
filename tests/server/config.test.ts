import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";

/** Loads server/env.ts afresh under the given environment (it validates at import). */
async function loadEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value);
  return (await import("@/server/env")).env;
}

async function refusal(vars: Record<string, string | undefined>): Promise<string> {
  try {
    await loadEnv(vars);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the environment to be refused");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("environment validation", () => {
  it("runs on embedded defaults with nothing configured, treating empty strings as unset", async () => {
    const env = await loadEnv({ DATABASE_URL: "", UPSTASH_REDIS_REST_URL: "", SMTP_URL: undefined });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBe(".data/pglite");
    expect(env.API_MAX_BODY_BYTES).toBe(1_048_576);
    expect(env.PLATFORM_ADMIN_EMAILS).toEqual([]);
  });

  it("names the variable and what to set when a value is malformed", async () => {
    expect(await refusal({ DATABASE_URL: "mysql://db/agentry" })).toMatch(/DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL/);
    expect(await refusal({ AUTH_SECRET: "short" })).toMatch(/AUTH_SECRET: .*at least 32 characters/);
    expect(await refusal({ LOG_LEVEL: "loud" })).toMatch(/LOG_LEVEL/);
  });

  it("refuses half of a pair, naming the missing half and what it enables", async () => {
    const message = await refusal({ AUTH_GITHUB_ID: "abc" });
    expect(message).toMatch(/AUTH_GITHUB_SECRET must be set too, to enable GitHub sign-in/);
    expect(await refusal({ UPSTASH_REDIS_REST_TOKEN: "t" })).toMatch(/UPSTASH_REDIS_REST_URL must be set too/);
  });

  it("accepts the two database shapes and says which login does what", async () => {
    const app = "postgres://agentry_app:pw@db.internal/agentry";
    const platform = "postgres://agentry_platform:pw@db.internal/agentry";
    const owner = "postgres://agentry_owner:pw@db.internal/agentry";
    const production = await loadEnv({ DATABASE_URL: app, PLATFORM_DATABASE_URL: platform, MIGRATION_DATABASE_URL: owner });
    const { runtimeConfigFromEnv, migrationTargetFromEnv } = await import("@/server/database");
    expect(runtimeConfigFromEnv(production)).toEqual({ driver: "postgres", url: app, max: 10, platformUrl: platform, platformMax: 2 });
    expect(migrationTargetFromEnv(production)).toMatchObject({ driver: "postgres", url: owner });
    // The app server does not need the owner's login; only migrating does.
    const server = await loadEnv({ DATABASE_URL: app, PLATFORM_DATABASE_URL: platform, MIGRATION_DATABASE_URL: undefined });
    expect(runtimeConfigFromEnv(server)).toMatchObject({ platformUrl: platform });
    expect(() => migrationTargetFromEnv(server)).toThrow(
      /MIGRATION_DATABASE_URL must be set to migrate: with PLATFORM_DATABASE_URL set, DATABASE_URL logs in as a runtime role/,
    );
    const development = await loadEnv({ DATABASE_URL: owner, PLATFORM_DATABASE_URL: undefined, MIGRATION_DATABASE_URL: undefined });
    expect(runtimeConfigFromEnv(development)).toEqual({ driver: "postgres", url: owner, max: 10 });
    expect(migrationTargetFromEnv(development)).toMatchObject({ driver: "postgres", url: owner });
  });

  it("refuses database URLs that do not make one of the two shapes", async () => {
    const app = "postgres://agentry_app@db.internal/agentry";
    expect(await refusal({ DATABASE_URL: undefined, PLATFORM_DATABASE_URL: app })).toMatch(
      /PLATFORM_DATABASE_URL: PLATFORM_DATABASE_URL needs DATABASE_URL too/,
    );
    expect(await refusal({ DATABASE_URL: undefined, MIGRATION_DATABASE_URL: app })).toMatch(
      /MIGRATION_DATABASE_URL: MIGRATION_DATABASE_URL needs DATABASE_URL too/,
    );
    expect(await refusal({ DATABASE_URL: app, PLATFORM_DATABASE_URL: "postgres://agentry_app@db.internal/agentry" })).toMatch(
      /PLATFORM_DATABASE_URL must log in as its own role \(a member of app_platform\)/,
    );
    expect(
      await refusal({
        DATABASE_URL: app,
        PLATFORM_DATABASE_URL: "postgres://agentry_platform@db.internal/agentry",
        MIGRATION_DATABASE_URL: app,
      }),
    ).toMatch(/MIGRATION_DATABASE_URL must log in as the owner role, not as one of the runtime logins/);
    expect(await refusal({ PLATFORM_DATABASE_URL: "mysql://x@db/agentry", DATABASE_URL: app })).toMatch(
      /PLATFORM_DATABASE_URL must be a postgres:\/\/ URL/,
    );
  });

  it("normalises the platform admin list", async () => {
    const env = await loadEnv({ PLATFORM_ADMIN_EMAILS: " Ops@Example.com, ,root@example.com " });
    expect(env.PLATFORM_ADMIN_EMAILS).toEqual(["ops@example.com", "root@example.com"]);
  });

  it("refuses to start the server without AUTH_SECRET, saying how to make one", async () => {
    await loadEnv({ AUTH_SECRET: undefined });
    const { assertRuntimeConfig } = await import("@/server/runtime-config");
    expect(() => assertRuntimeConfig()).toThrow(/AUTH_SECRET: set a random secret of at least 32 characters \(openssl rand -base64 32\)/);
    await loadEnv({ AUTH_SECRET: "x".repeat(32) });
    const fresh = await import("@/server/runtime-config");
    expect(() => fresh.assertRuntimeConfig()).not.toThrow();
  });
});

describe("key-encryption key", () => {
  const kek = Buffer.alloc(32, 9).toString("base64");

  it("must be base64 of 32 bytes, and so must each previous one", async () => {
    expect(await refusal({ AGENTRY_KEK: "too-short" })).toMatch(
      /AGENTRY_KEK: AGENTRY_KEK must be base64 of 32 random bytes \(try: openssl rand -base64 32\)/,
    );
    expect(await refusal({ AGENTRY_KEK: Buffer.alloc(16).toString("base64") })).toMatch(/AGENTRY_KEK/);
    expect(await refusal({ AGENTRY_KEK: kek, AGENTRY_KEK_PREVIOUS: `${kek},nope` })).toMatch(
      /AGENTRY_KEK_PREVIOUS: entry 2 must be base64/,
    );
    const env = await loadEnv({ AGENTRY_KEK: kek, AGENTRY_KEK_PREVIOUS: ` ${kek} , ` });
    expect(env.AGENTRY_KEK_PREVIOUS).toEqual([kek]);
  });

  it("is required to start in production, not in development", async () => {
    await loadEnv({ AUTH_SECRET: "x".repeat(32), APP_URL: "https://a.example", NODE_ENV: "production", AGENTRY_KEK: undefined });
    const { assertRuntimeConfig } = await import("@/server/runtime-config");
    expect(() => assertRuntimeConfig()).toThrow(/AGENTRY_KEK: set a key-encryption key, base64 of 32 random bytes/);
    await loadEnv({ AUTH_SECRET: "x".repeat(32), NODE_ENV: "development", AGENTRY_KEK: undefined });
    const fresh = await import("@/server/runtime-config");
    expect(() => fresh.assertRuntimeConfig()).not.toThrow();
  });
});

describe("logging", () => {
  it("writes JSON lines and never the secrets that pass through a request", async () => {
    const { loggerOptions } = await import("@/server/obs/logger");
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino({ ...loggerOptions, level: "info" }, sink);
    log.info(
      {
        requestId: "req-1",
        password: "Correct-Horse-Battery-9",
        body: { password: "Correct-Horse-Battery-9", newPassword: "Other-Secret-42" },
        headers: { authorization: "Bearer agt_secret", cookie: "authjs.session-token=abc" },
        key: { secret: "agt_secret" },
        token: "reset-token",
      },
      "request",
    );
    const line = lines.join("");
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).toMatchObject({ level: "info", msg: "request", requestId: "req-1", service: "agentry" });
    for (const secret of ["Correct-Horse-Battery-9", "Other-Secret-42", "agt_secret", "abc", "reset-token"])
      expect(line).not.toContain(secret);
  });
});
