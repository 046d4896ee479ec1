/** What one bench run measured, as the report reads it. */
import type { BuildInfo } from "../build";
import type { LoadResult } from "../load";
import type { Machine } from "../machine";
import type { BenchOptions } from "../options";
import type { RssReading } from "../processes";
import type { LogCounts } from "../services";

/** `POST /api/v1/agents/{id}/runs` on one server: the load results and what the runs left in the database. */
export type RunsSeries = {
  results: LoadResult[];
  rssPeak: RssReading | null;
  /** Every run of the bench tenant so far (this server's and any before it), by status, with steps per run. */
  stored: { runs: number; byStatus: Record<string, number>; stepsPerRun: number };
};

export type AppSeries = {
  server: "next" | "api-tier";
  limiter: "upstash" | "memory";
  results: LoadResult[];
  rssAtRest: RssReading | null;
  rssPeak: RssReading | null;
  log: LogCounts;
  /** The runs series, when it ran on this server (Upstash limiter only). */
  runs?: RunsSeries | null;
};

export type BenchReport = {
  options: BenchOptions;
  machine: Machine;
  build: BuildInfo;
  app: {
    logLevel: string;
    poolMax: string;
    rateLimitTimeoutMs: string;
    planId: string;
    keys: number;
    runKeys: number;
    runsDocument: string;
    runsQuestion: string;
  };
  bare: LoadResult[];
  series: AppSeries[];
  health: { server: AppSeries["server"]; result: LoadResult }[];
};
