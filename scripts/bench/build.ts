/**
 * The production build the bench serves, in its own directory (NEXT_DIST_DIR=.next-bench) so it
 * never clashes with another build. `next build` adds `.next-bench/types` to tsconfig.json and
 * points next-env.d.ts at it; both are put back afterwards (only when they name .next-bench, so
 * someone else's edit made meanwhile is left alone).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { onCleanup } from "./processes";

export type BuildInfo = { distDir: string; buildId: string; builtAt: string; builtNow: boolean; buildSeconds: number | null };

const GUARDED = ["tsconfig.json", "next-env.d.ts"];

function snapshot(root: string, distDir: string) {
  const saved = new Map<string, string | null>();
  for (const file of GUARDED) {
    const full = path.join(root, file);
    saved.set(file, existsSync(full) ? readFileSync(full, "utf8") : null);
  }
  return () => {
    for (const [file, before] of saved) {
      const full = path.join(root, file);
      const now = existsSync(full) ? readFileSync(full, "utf8") : null;
      if (before === null || now === null || now === before || !now.includes(distDir)) continue;
      writeFileSync(full, before);
      console.log(`restored ${file} (next build had pointed it at ${distDir})`);
    }
  };
}

function runBuild(root: string, distDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: distDir },
    });
    const stop = onCleanup("stop next build", () => {
      if (child.exitCode === null) child.kill("SIGTERM");
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      void stop();
      if (code === 0) resolve();
      else reject(new Error(`next build failed (${signal ?? `exit ${code}`}); see its output above.`));
    });
  });
}

export async function ensureBuild(root: string, distDir: string, mode: "if-missing" | "always" | "never"): Promise<BuildInfo> {
  const buildIdFile = path.join(root, distDir, "BUILD_ID");
  const exists = existsSync(buildIdFile);
  if (mode === "never" && !exists)
    throw new Error(`--reuse-build: there is no build in ${distDir}. Run without it (or: NEXT_DIST_DIR=${distDir} npx next build).`);
  let buildSeconds: number | null = null;
  if (mode === "always" || !exists) {
    console.log(`building the production app into ${distDir} (NEXT_DIST_DIR=${distDir} next build)…`);
    const restore = snapshot(root, distDir);
    const restoreNow = onCleanup("restore tsconfig.json / next-env.d.ts", restore);
    const started = performance.now();
    try {
      await runBuild(root, distDir);
    } finally {
      await restoreNow();
    }
    buildSeconds = Math.round((performance.now() - started) / 1000);
  } else {
    console.log(`reusing the build in ${distDir} (pass --rebuild to build afresh)`);
  }
  return {
    distDir,
    buildId: readFileSync(buildIdFile, "utf8").trim(),
    builtAt: statSync(buildIdFile).mtime.toISOString(),
    builtNow: buildSeconds !== null,
    buildSeconds,
  };
}
