import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { STATIC_SECURITY_HEADERS } from "./server/http/static-headers";

const withNextIntl = createNextIntlPlugin("./server/i18n/request.ts");

const config: NextConfig = {
  poweredByHeader: false,
  // Separate build directories let a benchmark or test build run beside a development build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native or WASM packages, and ones that must not be bundled (STACK-NOTES).
  serverExternalPackages: ["trpc-to-openapi", "@electric-sql/pglite", "@node-rs/argon2", "pino", "postgres", "nodemailer"],
  async headers() {
    return [
      { source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] },
      // API answers carry tenant data: never stored. (The per-request headers — CSP with its
      // nonce, HSTS — are set by proxy.ts, which does not run for /api, to keep the API path lean.)
      { source: "/api/:path*", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

export default withNextIntl(config);
