/**
 * Child processes for the bench: started in their own process group (so grandchildren go with
 * them), logged to a file, stopped on the way out whatever happens — normal end, exception or
 * signal — together with everything else registered in `cleanup`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readdirSync, readFileSync } from "node:fs";

// Cleanup -----------------------------------------------------------------------------------------
type Step = { label: string; run: () => Promise<void> | void };
const steps: Step[] = [];
let cleaning: Promise<void> | null = null;

/** Registers a step to run at exit (last registered runs first). Returns a way to run it early. */
export function onCleanup(label: string, run: () => Promise<void> | void): () => Promise<void> {
  const step: Step = { label, run };
  steps.push(step);
  return async () => {
    const index = steps.indexOf(step);
    if (index === -1) return;
    steps.splice(index, 1);
    await run();
  };
}

/** Runs every registered step once, newest first; a failing step does not stop the others. */
export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    while (steps.length > 0) {
      const step = steps.pop()!;
      try {
        await step.run();
      } catch (error) {
        console.error(`cleanup: ${step.label} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return cleaning;
}

/**
 * Ctrl-C, kill, a hang-up or an uncaught error: clean up, then leave with a failing status.
 * Handlers stay installed while cleaning: a second signal (tsx and npm relay Ctrl-C to us again)
 * must not kill the process before the database is dropped.
 */
export function installSignalHandlers() {
  let bailing = false;
  const bail = (why: string, code: number) => {
    if (bailing) return void console.error(`bench: ${why} again; still cleaning up…`);
    bailing = true;
    console.error(`\nbench: ${why}; stopping processes and dropping the benchmark database…`);
    void cleanupAll().finally(() => process.exit(code));
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => bail(signal, 130));
  process.on("uncaughtException", (error) => {
    console.error(error);
    bail("uncaught exception", 1);
  });
  process.on("unhandledRejection", (error) => {
    console.error(error);
    bail("unhandled rejection", 1);
  });
}

// Services ----------------------------------------------------------------------------------------
export type Service = { name: string; child: ChildProcess; pid: number; logPath: string; stop: () => Promise<void> };

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopChild(child: ChildProcess, pid: number) {
  if (!alive(child)) {
    killGroup(pid, "SIGKILL"); // stragglers of an exited leader
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  killGroup(pid, "SIGTERM");
  const timer = setTimeout(() => killGroup(pid, "SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
  killGroup(pid, "SIGKILL");
}

/** Starts a process in its own group with stdout+stderr to `logPath`; stopped by cleanup too. */
export function startService(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, logPath: string): Service {
  const fd = openSync(logPath, "w");
  const child = spawn(command, args, { env, stdio: ["ignore", fd, fd], detached: true });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  const pid = child.pid;
  const stop = onCleanup(`stop ${name}`, () => stopChild(child, pid));
  return { name, child, pid, logPath, stop };
}

export function logTail(path: string, lines = 30): string {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Polls `url` until it answers 2xx; fails early (with the log's tail) when the service dies. */
export async function waitForHttp(service: Service, url: string, init: RequestInit = {}, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (!alive(service.child)) throw new Error(`${service.name} exited before answering ${url}:\n${logTail(service.logPath)}`);
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${service.name} did not answer ${url} within ${timeoutMs / 1000} s (last: ${last}):\n${logTail(service.logPath)}`);
}

// Memory ------------------------------------------------------------------------------------------
type ProcInfo = { pid: number; name: string; rssKb: number };

function readStatus(pid: number): ProcInfo | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const name = /^Name:\s*(.*)$/m.exec(text)?.[1] ?? "";
    const rssKb = Number(/^VmRSS:\s*(\d+)\s*kB$/m.exec(text)?.[1] ?? 0);
    return { pid, name, rssKb };
  } catch {
    return null;
  }
}

/** `pid` and all its descendants, from /proc/<pid>/stat's parent field. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The name is in parentheses and may contain spaces: the parent pid follows the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // Exited while we looked.
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

export type RssReading = { serverPid: number; serverName: string; serverRssKb: number; treeRssKb: number; treePids: number };

/**
 * RSS of the process that serves (`next start` names itself `next-server (v…)`, possibly in a
 * child of the process we started) and of the whole tree under the started process.
 */
export function readRss(root: number, pids = processTree(root), serverName = /^next-server/): RssReading | null {
  const infos = pids.map(readStatus).filter((info): info is ProcInfo => info !== null);
  if (infos.length === 0) return null;
  const server = infos.find((info) => serverName.test(info.name)) ?? infos[0]!;
  return {
    serverPid: server.pid,
    serverName: server.name,
    serverRssKb: server.rssKb,
    treeRssKb: infos.reduce((sum, info) => sum + info.rssKb, 0),
    treePids: infos.length,
  };
}

/** Samples `readRss` every `everyMs` until stopped; keeps the peak. The tree is re-read every 5 s. */
export function sampleRss(root: number, everyMs = 200) {
  let peak: RssReading | null = null;
  let samples = 0;
  let pids = processTree(root);
  const take = () => {
    if (samples % Math.ceil(5_000 / everyMs) === 0) pids = processTree(root);
    const reading = readRss(root, pids);
    if (!reading) return;
    samples++;
    if (!peak || reading.serverRssKb > peak.serverRssKb)
      peak = { ...reading, treeRssKb: Math.max(reading.treeRssKb, peak?.treeRssKb ?? 0) };
    else if (reading.treeRssKb > peak.treeRssKb) peak = { ...peak, treeRssKb: reading.treeRssKb };
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: (): { peak: RssReading | null; samples: number } => {
      clearInterval(timer);
      take();
      return { peak, samples };
    },
  };
}

// CPU ---------------------------------------------------------------------------------------------
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) used so far by one process (0 once it is gone). */
export function pidCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the name and state.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by `root` and its descendants. */
export function treeCpuSeconds(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + pidCpuSeconds(pid), 0);
}

/** Busy and total CPU seconds of the whole machine, all cores (iowait counts as idle). */
export function machineCpuSeconds(): { busy: number; total: number } {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1, 9).map(Number) as number[];
    const busy = user! + nice! + system! + irq! + softirq! + steal!;
    return { busy: busy / TICKS_PER_SECOND, total: (busy + idle! + iowait!) / TICKS_PER_SECOND };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}
