import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end and HTTP API tests against the production build (`npm run build` first; `npm test`
 * does it). `e2e/support/serve.ts` creates a fresh Postgres database, starts the Upstash bridge
 * in front of the local Redis and a local OpenID Provider, and runs `next start` with them: real
 * parts all the way down.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BRIDGE_PORT = PORT + 1;
const OIDC_PORT = PORT + 2;
process.env.E2E_DB_NAME ??= `agentry_e2e_${Date.now()}`;
process.env.E2E_BASE_URL = `http://127.0.0.1:${PORT}`;
process.env.E2E_BRIDGE_PORT = String(BRIDGE_PORT);
process.env.E2E_OIDC_PORT = String(OIDC_PORT);
// The specs seed through the server's verbs in process: keep their info logs out of the report.
process.env.LOG_LEVEL ??= "warn";

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-quic",
    ],
  },
};

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: process.env.E2E_BASE_URL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "api", testMatch: /api\/.*\.spec\.ts/ },
    { name: "chromium", testMatch: /journeys\/.*\.spec\.ts/, use: chromium },
  ],
  webServer: {
    command: "npx tsx e2e/support/serve.ts",
    url: `${process.env.E2E_BASE_URL}/api/ready`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
