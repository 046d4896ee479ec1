/**
 * Loads the evaluation sets of ../shared/datasets (and our own datasets/zh-injection) into one
 * labelled row shape, with each set's licence and whether that licence lets us TRAIN on it.
 * Every label and licence was read from the set's README (../shared/datasets/<set>/README.md).
 *
 * Never trained on: alpaca-eval (CC BY-NC 4.0) and belle-eval-zh (research-only) — they are
 * evaluation-only, and the trainer refuses any row whose set is not `trainable`.
 *
 * The entry the scripts and tests import; the parts live in scripts/guard/datasets/:
 * types.ts (row shape), sets.ts (the set list and licences: add a set there), files.ts (where the
 * data is, readers), text-rows.ts (classifier rows) from public-rows.ts (downloaded sets) and
 * own-rows.ts (zh-injection and the generated train-only sets), pii-rows.ts, secret-rows.ts.
 */
export type { Group, Kind, Row, SetInfo } from "./datasets/types";
export { SETS, setInfo } from "./datasets/sets";
export { datasetsDir } from "./datasets/files";
export { langOf, loadTextRows } from "./datasets/text-rows";
export { ZH_FILE } from "./datasets/own-rows";
export { loadPii, type PiiRow } from "./datasets/pii-rows";
export { loadSecrets, type SecretRow } from "./datasets/secret-rows";
