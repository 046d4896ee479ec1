/** What the figures were measured on, and with which code. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { createClient } from "redis";

export type Machine = {
  cpuModel: string;
  cpuCount: number;
  ramGiB: number;
  node: string;
  postgres: string;
  redis: string;
  date: string;
  commit: string;
  /** Uncommitted files in the working tree at build time (the build includes them). */
  dirtyFiles: number;
  next: string;
  autocannon: string;
  loadAtStart: number[];
};

function cpuModel(): string {
  try {
    const text = readFileSync("/proc/cpuinfo", "utf8");
    const model = /^model name\s*:\s*(.+)$/m.exec(text)?.[1];
    if (model) return model.trim();
  } catch {
    // Not Linux: fall back to os.cpus().
  }
  return cpus()[0]?.model ?? "unknown";
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

async function redisVersion(url: string): Promise<string> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 2_000 } });
  client.on("error", () => {});
  try {
    await client.connect();
    const info = await client.info("server");
    return /redis_version:(\S+)/.exec(info)?.[1] ?? "unknown";
  } catch (error) {
    return `unreachable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    if (client.isOpen) await client.quit().catch(() => {});
  }
}

export async function describeMachine(postgresVersion: string, redisUrl: string): Promise<Machine> {
  // The bench's own files are not part of what it measures.
  const status = git(["status", "--porcelain"])
    .split("\n")
    .filter((line) => line && !/ (scripts\/bench(\.ts|\/)|docs\/benchmarks\.md)/.test(line))
    .join("\n");
  return {
    cpuModel: cpuModel(),
    cpuCount: cpus().length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres: postgresVersion.split(" on ")[0] ?? postgresVersion,
    redis: await redisVersion(redisUrl),
    date: new Date().toISOString(),
    commit: git(["rev-parse", "--short", "HEAD"]) || "unknown",
    dirtyFiles: status ? status.split("\n").length : 0,
    next: packageVersion("next"),
    autocannon: packageVersion("autocannon"),
    loadAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
  };
}
