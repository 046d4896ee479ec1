import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A PostgreSQL cluster of its own, for tests that change what is cluster-wide (roles and their
 * attributes) or need a fresh one (a first migration). Made with the server binaries on this
 * machine, run as the `postgres` OS user (so the tests run as root, as CI does), on a free port,
 * with trust auth on 127.0.0.1 and no fsync: about two seconds to start.
 */

export type ThrowawayCluster = { adminUrl: string; port: number; stop: () => Promise<void> };

const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });

/** A TCP port nothing listens on, from `ss -ltn`, in a range the app and its tests do not use. */
function freePort(): number {
  const listening = new Set(
    run("ss", ["-ltnH"])
      .split("\n")
      .map((line) => Number(line.trim().split(/\s+/)[3]?.split(":").pop()))
      .filter(Number.isFinite),
  );
  const start = 55_000 + Math.floor(Math.random() * 5_000);
  for (let port = start; port < start + 500; port++) if (!listening.has(port)) return port;
  throw new Error("no free port for a throwaway PostgreSQL cluster");
}

export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  if (process.getuid?.() !== 0) {
    throw new Error("A throwaway PostgreSQL cluster is made as root (runuser -u postgres -- initdb …); run the tests as root, as CI does.");
  }
  const dir = mkdtempSync(path.join(tmpdir(), "agentry-pg-"));
  const uid = Number(run("id", ["-u", "postgres"]).trim());
  const gid = Number(run("id", ["-g", "postgres"]).trim());
  chownSync(dir, uid, gid);
  const data = path.join(dir, "data");
  const port = freePort();
  const asPostgres = (command: string, args: string[]) => run("runuser", ["-u", "postgres", "--", command, ...args]);
  asPostgres("initdb", ["-D", data, "--auth=trust", "--username=postgres", "--no-sync", "--encoding=UTF8", "--locale=C"]);
  asPostgres("pg_ctl", [
    "-D",
    data,
    "-l",
    path.join(dir, "log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
    "start",
  ]);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      try {
        asPostgres("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
