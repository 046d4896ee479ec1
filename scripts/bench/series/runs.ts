/** `POST /api/v1/agents/{id}/runs` on a started app, measured level by level, and what the runs stored. */
import type { BenchDatabase, Seeded } from "../database";
import { describe, runLoad, warmThenMeasure, type LoadResult } from "../load";
import type { BenchOptions } from "../options";
import { sampleRss } from "../processes";
import type { RunsSeries } from "../report";
import type { App } from "../services";
import { bearer } from "./bearer";
import { checkOneRun } from "./checks";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The runs series on a started app: one checked run, a warm-up, then each level with a fresh
 * `run:create` key. Counts what was stored afterwards, so a series that "ran" without writing
 * its runs and steps cannot pass unnoticed.
 */
export async function measureRuns(
  app: App,
  options: BenchOptions,
  seeded: Seeded,
  nextRunKey: () => string,
  db: BenchDatabase,
  pids: { serverPid: number; bridgePid?: number; postgresPids: () => Promise<number[]> },
): Promise<RunsSeries> {
  const { runs } = seeded;
  const url = `${app.baseUrl}/api/v1/agents/${runs.agentId}/runs`;
  const request = (key: string) => ({
    url,
    method: "POST" as const,
    body: JSON.stringify({ input: runs.question }),
    headers: { ...bearer(key), "content-type": "application/json" },
  });
  const warmKey = runs.keys[0]!;
  await checkOneRun(app, seeded, warmKey, db);
  const [before] = await db.ownerSql("select count(*)::int as n from runs where tenant_id = $1", [seeded.tenantId]);
  const warm = await runLoad({ ...request(warmKey), connections: 10, seconds: options.initialWarmupSeconds });
  if (warm.non2xx > 0 || warm.errors > 0) console.error(`!! runs warm-up: ${describe(warm)}`);
  // Read after the warm-up: runs hold more pool connections at once than a read does.
  const cpuPids = { serverPid: pids.serverPid, bridgePid: pids.bridgePid, postgresPids: await pids.postgresPids() };
  const sampler = sampleRss(app.pid);
  const results: LoadResult[] = [];
  for (const connections of options.levels) {
    const { measured } = await warmThenMeasure(
      { ...request(nextRunKey()), connections, seconds: options.durationSeconds, ...cpuPids },
      options.warmupSeconds,
    );
    console.log(`runs ${describe(measured)}`);
    if (measured.non2xx > 0) console.error(`!! runs: ${measured.non2xx} non-2xx responses at ${connections} connections`);
    results.push(measured);
  }
  const { peak } = sampler.stop();
  // Runs still in flight when the load stopped finish on their own: count once none is running (or after 30 s).
  for (let waited = 0; waited < 30_000; waited += 500) {
    const [running] = await db.ownerSql("select count(*)::int as n from runs where tenant_id = $1 and status = 'running'", [
      seeded.tenantId,
    ]);
    if (Number(running?.n) === 0) break;
    await sleep(500);
  }
  const stored = await db.ownerSql(
    `select r.status, count(*)::int as runs, sum((select count(*) from run_steps s where s.run_id = r.id))::int as steps
       from runs r where r.tenant_id = $1 group by r.status order by r.status`,
    [seeded.tenantId],
  );
  const byStatus = Object.fromEntries(stored.map((row) => [String(row.status), Number(row.runs)]));
  const total = stored.reduce((sum, row) => sum + Number(row.runs), 0);
  const steps = stored.reduce((sum, row) => sum + Number(row.steps), 0);
  console.log(
    `runs stored for this server: ${total - Number(before?.n ?? 0)} (tenant total ${total}: ${JSON.stringify(byStatus)}), ${(steps / Math.max(total, 1)).toFixed(1)} steps per run`,
  );
  return { results, rssPeak: peak, stored: { runs: total, byStatus, stepsPerRun: total ? steps / total : 0 } };
}
