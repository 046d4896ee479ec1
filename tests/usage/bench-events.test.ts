import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/**
 * `npm run bench:events` runs end to end for a short while: a scratch database, the real
 * appendEvents, a figure per series, the stored-count check, and the database dropped after.
 */
describe("npm run bench:events", () => {
  it("appends events for a second per series, prints events/s and the dispatch lag, and checks the counts", async () => {
    const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");
    const { stdout } = await run(
      tsx,
      ["scripts/bench-events.ts", "--seconds=1", "--batches=50", "--writers=1", "--paths=current,values", "--lag-rates=100", "--no-write"],
      {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: "production",
          LOG_LEVEL: "silent",
          ...(process.env.TEST_DATABASE_URL ? { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL } : {}),
        },
        timeout: 120_000,
      },
    );
    const figures = [...stdout.matchAll(/^(current|values): batch 50 × 1 writer\(s\): ([\d,]+) events\/s/gm)].map((m) => [
      m[1],
      Number(m[2]!.replaceAll(",", "")),
    ]);
    expect(figures.map((f) => f[0])).toEqual(["current", "values"]);
    for (const [, perSecond] of figures) expect(perSecond).toBeGreaterThan(0);
    expect(stdout).toMatch(/^check: \d+ events stored, as counted$/m);
    // Every event appended during the lag series was delivered by the real engine (the script checks the count).
    expect(stdout).toMatch(/^dispatch lag at 100 events\/s \(achieved \d+\/s, batches of 1\): p50 [\d.]+ ms, p99 [\d.]+ ms/m);
    expect(stdout).toMatch(/^machine: .+ × \d+, load [\d. ]+, Node v\d+/m);
  }, 150_000);
});
