/**
 * Training-only everyday English requests of many shapes (ours, MIT; round 7). The out-of-fold
 * ordinary pool was role prompts plus the round-3 task × topic grammar (scripts/guard/en/ordinary.ts),
 * so the hidden-layer stage and the payload head never saw pasted text to edit, classification,
 * extraction, short questions, lists, word problems, code, letters or verse as benign; they
 * over-flagged such prompts (everyday-roles.ts adds role briefs and output-format constraints, which
 * out of fold kept the new rows from shifting flags onto role prompts). Templates, slots and passages
 * are hand-written (everyday-*.ts), no dataset row was read or copied. Deterministic (seeded); never evaluated: rows carry split "train".
 */
import { fnv1a, mulberry32, shuffle } from "../random";
import { ADVICE, QUESTIONS, TRIGGER_SENSES } from "./everyday-handwritten";
import { REQUEST_SHAPES, wordProblems } from "./everyday-requests";
import { ROLE_SHAPES } from "./everyday-roles";
import { SHAPES, type Shape } from "./everyday-shapes";

const WORD_PROBLEMS = 70;

/** Up to `shape.count` distinct fillings of the shape's templates, templates used in turn. */
function fill(shape: Shape, rand: () => number): string[] {
  const out = new Set<string>();
  for (let i = 0; out.size < shape.count && i < shape.count * 30; i++) {
    const template = shape.templates[i % shape.templates.length]!;
    const text = template.replace(/\{(\w+)\}/g, (_, slot: string) => {
      const values = shape.slots[slot];
      if (!values) throw new Error(`shape ${shape.name}: no slot ${slot}`);
      return values[Math.floor(rand() * values.length)]!;
    });
    out.add(text);
  }
  return [...out];
}

export function everydayEn(): string[] {
  const rand = mulberry32(fnv1a("en-everyday-v1"));
  const rows: string[] = [];
  for (const shape of [...SHAPES, ...REQUEST_SHAPES, ...ROLE_SHAPES]) rows.push(...fill(shape, rand));
  rows.push(...wordProblems(WORD_PROBLEMS, rand), ...TRIGGER_SENSES, ...ADVICE, ...QUESTIONS);
  // Shuffled once so that row order (and the seeds derived from it) mixes shapes.
  return shuffle([...new Set(rows)], rand);
}
