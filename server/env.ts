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

const intFromString = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** Pairs of variables that must be set together, with what each enables. */
const PAIRS: ReadonlyArray<readonly [string, string, string]> = [
  ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET", "GitHub sign-in"],
  ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET", "Google sign-in"],
  ["AUTH_OIDC_ID", "AUTH_OIDC_SECRET", "OIDC single sign-on"],
  ["AUTH_OIDC_ID", "AUTH_OIDC_ISSUER", "OIDC single sign-on"],
  ["UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "Upstash Redis"],
];

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgres:// URL" })
      .optional(),
    DATABASE_POOL_MAX: intFromString(10, 1, 200),
    PGLITE_DIR: z.string().default(".data/pglite"),
    AUTH_SECRET: z
      .string()
      .min(32, "AUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)")
      .optional(),
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
        const entries = (value ?? "").split(",").map((item) => item.trim()).filter(Boolean);
        for (const entry of entries) {
          if (!isAddressOrSubnet(entry)) {
            ctx.addIssue({ code: "custom", message: `TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR subnet (e.g. 10.0.0.0/8, ::1)` });
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
