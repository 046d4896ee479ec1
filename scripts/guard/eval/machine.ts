/** The machine line of the report: CPU, Node, date, commit and load, read at report time. */
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";

export function machine() {
  const sh = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return "";
    }
  };
  let model = cpus()[0]?.model ?? "unknown";
  const lscpu = sh("lscpu", []);
  const m = /^Model name:\s*(.+)$/m.exec(lscpu);
  if (m) model = m[1]!.trim();
  return {
    nproc: sh("nproc", []) || String(cpus().length),
    cpu: model,
    node: process.version,
    date: new Date().toISOString(),
    commit: sh("git", ["rev-parse", "--short", "HEAD"]),
    load: loadavg()
      .map((x) => x.toFixed(2))
      .join(" / "),
  };
}
