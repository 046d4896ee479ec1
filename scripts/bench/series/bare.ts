/** The bare reference: a Node `http` server answering small JSON, at the same levels as the app. */
import { describe, runLoad, warmThenMeasure, type LoadResult } from "../load";
import type { BenchOptions } from "../options";
import { startBare } from "../services";

export async function measureBare(root: string, options: BenchOptions, logDir: string): Promise<LoadResult[]> {
  console.log("\n== bare Node http ==");
  const bare = await startBare(root, options, logDir);
  const results: LoadResult[] = [];
  try {
    await runLoad({ url: bare.url, connections: 10, seconds: options.initialWarmupSeconds });
    for (const connections of options.levels) {
      const { measured } = await warmThenMeasure(
        { url: bare.url, connections, seconds: options.durationSeconds, serverPid: bare.pid },
        options.warmupSeconds,
      );
      console.log(describe(measured));
      results.push(measured);
    }
  } finally {
    await bare.stop();
  }
  return results;
}
