/**
 * Round 7: the training-only set zh-handwritten-synthetic — hand-written Chinese attacks
 * (./roleplay-seeds.ts, ./override-seeds.ts) and benign look-alikes (./lookalike-roleplay.ts,
 * ./lookalike-everyday.ts), written by a helper who did not read the zh-injection test half or the
 * test seeds of ./templates.ts. Each seed gives its plain text and one obfuscated variant (the set's
 * tricks, ./tricks.ts; benign rows only the tricks benign users produce), seeded by the text, so the
 * rows are reproducible. Every row trains; none sets an operating point or a reported figure, and
 * scripts/guard/split.ts drops any that is a near-duplicate of a held-back row.
 */
import { fnv1a, mulberry32 } from "../random";
import { OVERRIDE_ATTACKS, type HandSeed } from "./override-seeds";
import { EVERYDAY_LOOKALIKES } from "./lookalike-everyday";
import { ROLE_PLAY_LOOKALIKES } from "./lookalike-roleplay";
import { ROLE_PLAY_ATTACKS } from "./roleplay-seeds";
import { GOALS, HIJACK_OUTPUTS, type Family } from "./templates";
import { applyTrick, BENIGN_TRICKS, TRICKS } from "./tricks";

export type HandRow = { text: string; attack: boolean; family: Family | "benign"; seed: string };

export const HAND_ATTACKS: readonly HandSeed[] = [
  ...ROLE_PLAY_ATTACKS.map((text) => ({ family: "role_play" as const, text })),
  ...OVERRIDE_ATTACKS,
];
export const HAND_BENIGN: readonly string[] = [...ROLE_PLAY_LOOKALIKES, ...EVERYDAY_LOOKALIKES];

/**
 * Refuses to build when a seed contains a held-out payload (the odd-indexed GOALS / HIJACK_OUTPUTS
 * that fill the test seeds): the payloads here are meant to be our own.
 */
function assertOwnPayloads() {
  const held = [...GOALS.filter((_, i) => i % 2 === 1), ...HIJACK_OUTPUTS.filter((_, i) => i % 2 === 1)];
  for (const { text } of HAND_ATTACKS)
    for (const h of held) if (text.includes(h)) throw new Error(`hand-written seed repeats a held-out payload: ${JSON.stringify(text)}`);
}

export function handwrittenZh(): HandRow[] {
  assertOwnPayloads();
  const rows: HandRow[] = [];
  const seen = new Set<string>();
  const push = (row: HandRow) => {
    if (seen.has(row.text)) return;
    seen.add(row.text);
    rows.push(row);
  };
  HAND_ATTACKS.forEach(({ family, text }, i) => {
    const rand = mulberry32(fnv1a(text));
    const seed = `hand-attack-${i}`;
    push({ text, attack: true, family, seed });
    const trick = TRICKS[Math.floor(rand() * TRICKS.length)]!;
    push({ text: applyTrick(trick, text, rand), attack: true, family, seed });
  });
  HAND_BENIGN.forEach((text, i) => {
    const rand = mulberry32(fnv1a(text));
    const seed = `hand-benign-${i}`;
    push({ text, attack: false, family: "benign", seed });
    const trick = BENIGN_TRICKS[Math.floor(rand() * BENIGN_TRICKS.length)]!;
    push({ text: applyTrick(trick, text, rand), attack: false, family: "benign", seed });
  });
  return rows;
}
