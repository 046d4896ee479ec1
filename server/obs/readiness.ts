import { sql } from "drizzle-orm";
import { getDatabase } from "@/db";
import { env } from "../env";

export type Check = { name: string; ok: boolean; ms: number; detail?: string };

async function timed(name: string, run: () => Promise<string | undefined>): Promise<Check> {
  const started = performance.now();
  try {
    const detail = await Promise.race([
      run(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out after 2 s")), 2000)),
    ]);
    return { name, ok: true, ms: Math.round(performance.now() - started), ...(detail ? { detail } : {}) };
  } catch (error) {
    // The reason is for operators; connection strings and credentials never appear in it.
    const detail = error instanceof Error ? error.message.replace(/\w+:\/\/\S+/g, "[url]") : "failed";
    return { name, ok: false, ms: Math.round(performance.now() - started), detail };
  }
}

/** Readiness: the database answers and is migrated; Redis (Upstash) answers where configured. */
export async function checkReadiness(): Promise<{ ready: boolean; checks: Check[] }> {
  const checks: Promise<Check>[] = [
    timed("database", async () => {
      const handle = await getDatabase();
      await handle.db.execute(sql`select 1 from plans limit 1`);
      return handle.driver;
    }),
  ];
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = env;
  if (url && token) {
    checks.push(
      timed("redis", async () => {
        const res = await fetch(url, {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
          body: JSON.stringify(["PING"]),
        });
        if (!res.ok) throw new Error(`Upstash answered ${res.status}`);
        return "upstash";
      }),
    );
  }
  const results = await Promise.all(checks);
  return { ready: results.every((c) => c.ok), checks: results };
}
