/** The labelled row shape every loader in scripts/guard/datasets/ produces, and a set's catalogue entry. */

/** What a row is, for the injection classifier and for the report's categories. */
export type Kind = "attack" | "harmful" | "benign";
/**
 * Report groups. Attack families: the known jailbreak families (template-based: DAN-style,
 * role-play, instruction override incl. goal hijacking, system-prompt extraction), in-the-wild
 * collections, and automated attacks (optimiser output: PAIR, TAP, GCG, random search).
 * Benign: ordinary prompts, look-alikes (built to trip detectors), other benign text.
 */
export type Group =
  | "dan"
  | "role_play"
  | "instruction_override"
  | "system_prompt_extraction"
  | "in_the_wild"
  | "automated"
  | "harmful"
  | "ordinary"
  | "lookalike"
  | "other_benign";

export type Row = {
  set: string; // dataset folder
  file: string; // file inside it (or subset name)
  text: string;
  kind: Kind;
  group: Group;
  lang: "en" | "zh";
  /** zh-injection carries its own fixed split; other sets are split by scripts/guard/split.ts. */
  fixedSplit?: "train" | "test";
  /** zh-injection: the seed sentence the row was generated from (rows of one seed stay together). */
  seed?: string;
};

/**
 * trainOnly: rows we generate for training (scripts/guard/en, scripts/guard/zh). They always train,
 * never join the near-duplicate groups that decide a real row's side (scripts/guard/split.ts),
 * and never set an operating point or a reported figure.
 */
export type SetInfo = { set: string; licence: string; trainable: boolean; trainOnly?: true; note: string };
