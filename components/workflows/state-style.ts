/** Node and run states: a colour AND a word each (the word is always shown; colour is never alone). */
export type NodeState = "pending" | "running" | "waiting" | "completed" | "failed" | "skipped" | "cancelled";
export type RunStatus = "queued" | "running" | "waiting_approval" | "completed" | "failed" | "cancelled";

export const STATE_STYLES: Record<NodeState, { box: string; text: string; tone: "neutral" | "brand" | "green" | "amber" | "red" }> = {
  pending: { box: "bg-white", text: "text-slate-500", tone: "neutral" },
  running: { box: "bg-brand-50", text: "text-brand-700", tone: "brand" },
  waiting: { box: "bg-amber-50", text: "text-amber-800", tone: "amber" },
  completed: { box: "bg-emerald-50", text: "text-emerald-700", tone: "green" },
  failed: { box: "bg-red-50", text: "text-red-700", tone: "red" },
  skipped: { box: "bg-slate-100", text: "text-slate-500", tone: "neutral" },
  cancelled: { box: "bg-slate-100", text: "text-slate-600", tone: "neutral" },
};

export const RUN_TONES: Record<RunStatus, "neutral" | "brand" | "green" | "amber" | "red"> = {
  queued: "neutral",
  running: "brand",
  waiting_approval: "amber",
  completed: "green",
  failed: "red",
  cancelled: "neutral",
};

export const ACTIVE_RUN: readonly RunStatus[] = ["queued", "running", "waiting_approval"];
