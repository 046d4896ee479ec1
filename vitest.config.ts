import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: fileURLToPath(new URL("./", import.meta.url)) },
      // next-auth imports "next/server" without the extension Node's ESM resolver needs (Next's
      // own bundler adds it): tests that load the real route handlers need the file named.
      { find: /^next\/(server|headers|navigation)$/, replacement: "next/$1.js" },
    ],
  },
  test: {
    include: ["tests/**/*.test.ts"],
    // Timing tests run on their own afterwards (vitest.perf.config.ts), not next to busy neighbours.
    exclude: ["tests/**/*.perf.test.ts", "**/node_modules/**"],
    environment: "node",
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: "test", LOG_LEVEL: "silent" },
    // Processed by Vite (so the alias above applies) rather than loaded by Node directly.
    server: { deps: { inline: ["next-auth"] } },
  },
});
