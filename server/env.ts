import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";
import { isAddressOrSubnet } from "./http/address-list";

/**
 * The one place that reads `process.env`. Everything has an embedded default so that
 * `npm start` works with no configuration; what is set must be well-formed, and pairs that only
 * make sense together (an OAuth id without its secret…) are refused with a message naming what
 * is missing. Runtime-only requirements (AUTH_SECRET) are checked by `assertRuntimeConfig`.
 */

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  );

/** A key-encryption key: base64 of exactly 32 bytes. */
const isKek = (value: string) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(value.trim()) && Buffer.from(value.trim(), "base64").length === 32;
const KEK_HINT = "must be base64 of 32 random bytes (try: openssl rand -base64 32)";

const intFromString = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const postgresUrl = (name: string) => z.url({ protocol: /^postgres(ql)?$/, error: `${name} must be a postgres:// URL` }).optional();

/** The role a postgres:// URL logs in as (what the role-shape checks compare). */
const loginOf = (url: string) => decodeURIComponent(new URL(url).username);

/**
 * The database URLs must describe one of two shapes: one login that switches roles (DATABASE_URL
 * alone, development), or separate LOGIN roles (PLATFORM_DATABASE_URL too, production), where
 * no two of the three URLs may log in as the same role.
 */
function databaseShapeProblems(record: Record<string, unknown>): { path: string; message: string }[] {
  const app = record.DATABASE_URL as string | undefined;
  const platform = record.PLATFORM_DATABASE_URL as string | undefined;
  const migration = record.MIGRATION_DATABASE_URL as string | undefined;
  const problems: { path: string; message: string }[] = [];
  for (const [name, value] of [
    ["PLATFORM_DATABASE_URL", platform],
    ["MIGRATION_DATABASE_URL", migration],
  ] as const) {
    if (value && !app)
      problems.push({ path: name, message: `${name} needs DATABASE_URL too (the runtime pool); without it the embedded PGlite is used` });
  }
  if (!app || !platform) return problems;
  if (loginOf(platform) === loginOf(app)) {
    problems.push({
      path: "PLATFORM_DATABASE_URL",
      message: "PLATFORM_DATABASE_URL must log in as its own role (a member of app_platform), not DATABASE_URL's (a member of app_user)",
    });
  }
  if (migration && [loginOf(app), loginOf(platform)].includes(loginOf(migration))) {
    problems.push({
      path: "MIGRATION_DATABASE_URL",
      message: "MIGRATION_DATABASE_URL must log in as the owner role, not as one of the runtime logins",
    });
  }
  return problems;
}

/** Pairs of variables that must be set together, with what each enables. */
const PAIRS: ReadonlyArray<readonly [string, string, string]> = [
  ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET", "GitHub sign-in"],
  ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET", "Google sign-in"],
  ["AUTH_OIDC_ID", "AUTH_OIDC_SECRET", "OIDC single sign-on"],
  ["AUTH_OIDC_ID", "AUTH_OIDC_ISSUER", "OIDC single sign-on"],
  ["UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "Upstash Redis"],
  // A key without the signing secret would take payments whose webhooks we could never verify.
  ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "Stripe billing"],
];

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: postgresUrl("DATABASE_URL"),
    PLATFORM_DATABASE_URL: postgresUrl("PLATFORM_DATABASE_URL"),
    MIGRATION_DATABASE_URL: postgresUrl("MIGRATION_DATABASE_URL"),
    DATABASE_POOL_MAX: intFromString(10, 1, 200),
    PLATFORM_DATABASE_POOL_MAX: intFromString(2, 1, 50),
    PGLITE_DIR: z.string().default(".data/pglite"),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)").optional(),
    /**
     * Key-encryption key for tenant secrets (provider keys). Required in production; `npm start`
     * and development create one under .data/. Rotate: move the old value to
     * AGENTRY_KEK_PREVIOUS, set a new one, run `npm run kek:rotate`, then drop the old.
     */
    AGENTRY_KEK: z.string().refine(isKek, `AGENTRY_KEK ${KEK_HINT}`).optional(),
    AGENTRY_KEK_PREVIOUS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const keys = (value ?? "")
          .split(",")
          .map((item) => item.trim())
          .filter(Boolean);
        keys.forEach((key, i) => {
          if (!isKek(key)) ctx.addIssue({ code: "custom", message: `AGENTRY_KEK_PREVIOUS: entry ${i + 1} ${KEK_HINT}` });
        });
        return keys;
      }),
    AUTH_GITHUB_ID: z.string().optional(),
    AUTH_GITHUB_SECRET: z.string().optional(),
    AUTH_GOOGLE_ID: z.string().optional(),
    AUTH_GOOGLE_SECRET: z.string().optional(),
    AUTH_OIDC_ISSUER: z.url("AUTH_OIDC_ISSUER must be the issuer URL").optional(),
    AUTH_OIDC_ID: z.string().optional(),
    AUTH_OIDC_SECRET: z.string().optional(),
    AUTH_OIDC_NAME: z.string().default("SSO"),
    PLATFORM_ADMIN_EMAILS: csv,
    APP_URL: z.url("APP_URL must be the public base URL, e.g. https://agentry.example.com").optional(),
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const entries = (value ?? "")
          .split(",")
          .map((item) => item.trim())
          .filter(Boolean);
        for (const entry of entries) {
          if (!isAddressOrSubnet(entry)) {
            ctx.addIssue({
              code: "custom",
              message: `TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR subnet (e.g. 10.0.0.0/8, ::1)`,
            });
          }
        }
        return entries;
      }),
    UPSTASH_REDIS_REST_URL: z.url("UPSTASH_REDIS_REST_URL must be a URL").optional(),
    UPSTASH_REDIS_REST_TOKEN: z.string().optional(),
    RATE_LIMIT_TIMEOUT_MS: intFromString(1000, 50, 10_000),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: "SMTP_URL must be smtp:// or smtps://" }).optional(),
    EMAIL_FROM: z.string().default("Agentry <no-reply@agentry.local>"),
    API_MAX_BODY_BYTES: intFromString(1_048_576, 1024, 50 * 1_048_576),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /**
     * Where Inngest runs (README, "Where Inngest runs"). `auto`: an Inngest server when
     * INNGEST_BASE_URL, INNGEST_EVENT_KEY or INNGEST_DEV is set, else the in-process driver;
     * `off`: this process dispatches nothing (another one does).
     */
    AGENTRY_EVENT_ENGINE: z.enum(["auto", "embedded", "remote", "off"]).default("auto"),
    INNGEST_BASE_URL: z.url("INNGEST_BASE_URL must be the Inngest server's URL").optional(),
    INNGEST_EVENT_KEY: z.string().optional(),
    INNGEST_DEV: z.string().optional(),
    /**
     * Stripe billing (README, "Billing with Stripe"). Without the key, billing is off: the billing
     * page says so and a platform admin assigns plans. STRIPE_API_BASE points the SDK elsewhere
     * than api.stripe.com (tests and e2e: the local Stripe-speaking server).
     */
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_/, "STRIPE_SECRET_KEY must be a Stripe secret key (sk_… or rk_…)")
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_/, "STRIPE_WEBHOOK_SECRET must be the endpoint's signing secret (whsec_…)")
      .optional(),
    STRIPE_API_BASE: z
      .url({ protocol: /^https?$/, error: "STRIPE_API_BASE must be an http(s):// URL, e.g. http://127.0.0.1:12111" })
      .optional(),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  createFinalSchema: (shape) =>
    z.object(shape).superRefine((value, ctx) => {
      const record = value as Record<string, unknown>;
      for (const [a, b, what] of PAIRS) {
        const hasA = record[a] !== undefined;
        const hasB = record[b] !== undefined;
        if (hasA !== hasB) {
          const missing = hasA ? b : a;
          ctx.addIssue({
            code: "custom",
            path: [missing],
            message: `${missing} must be set too, to enable ${what} (${a} and ${b} go together)`,
          });
        }
      }
      if (record.STRIPE_SECRET_KEY !== undefined && record.APP_URL === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["APP_URL"],
          message: "APP_URL must be set too, to enable Stripe billing (Checkout and the Billing Portal return to it)",
        });
      }
      for (const problem of databaseShapeProblems(record)) ctx.addIssue({ code: "custom", path: [problem.path], message: problem.message });
    }),
  onValidationError: (issues) => {
    const lines = issues.map((issue) => {
      const key = issue.path?.map((p) => (typeof p === "object" ? p.key : p)).join(".") ?? "";
      return `  - ${key}: ${issue.message}`;
    });
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  },
});

export type Env = typeof env;
