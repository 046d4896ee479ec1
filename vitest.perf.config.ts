import { defineConfig } from "vitest/config";
import base from "./vitest.config";

/**
 * Timing tests, run after the rest of the suite and alone: a wall-clock budget measured while the
 * other test files' forks share a 2-core machine measures the neighbours, not the code. Spread
 * rather than `mergeConfig`, which would concatenate the include and exclude lists.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/**/*.perf.test.ts"],
    exclude: ["**/node_modules/**"],
    fileParallelism: false,
  },
});
