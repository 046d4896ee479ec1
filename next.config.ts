import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./server/i18n/request.ts");

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const config: NextConfig = {
  poweredByHeader: false,
  // Separate build directories let a benchmark or test build run beside a development build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native or WASM packages, and ones that must not be bundled (STACK-NOTES).
  serverExternalPackages: ["trpc-to-openapi", "@electric-sql/pglite", "@node-rs/argon2", "pino", "postgres", "nodemailer"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // API answers carry tenant data: never stored. (The per-request headers — CSP with its
      // nonce, HSTS — are set by proxy.ts, which does not run for /api, to keep the API path lean.)
      { source: "/api/:path*", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

export default withNextIntl(config);
