/**
 * All classifier-shaped rows (attack / harmful / benign), every set: the downloaded sets first, then
 * our own, in that order (the order rows come out in is the order the split and the trainer see).
 */
import { datasetsDir } from "./files";
import { addOwnRows } from "./own-rows";
import { addPublicRows } from "./public-rows";
import type { Group, Kind, Row } from "./types";

/** What a loader calls once per row; empty or blank texts are dropped here. */
export type AddRow = (
  set: string,
  file: string,
  text: string | null | undefined,
  kind: Kind,
  group: Group,
  fixed?: { split: "train" | "test"; seed: string },
) => void;

export function langOf(text: string): "en" | "zh" {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han >= 2 && han / Math.max(1, text.replace(/\s/g, "").length) > 0.15 ? "zh" : "en";
}

export function loadTextRows(root = datasetsDir()): Row[] {
  const rows: Row[] = [];
  const add: AddRow = (set, file, text, kind, group, fixed) => {
    if (!text || !text.trim()) return;
    rows.push({ set, file, text, kind, group, lang: langOf(text), ...(fixed ? { fixedSplit: fixed.split, seed: fixed.seed } : {}) });
  };
  addPublicRows(root, add);
  addOwnRows(add);
  return rows;
}
