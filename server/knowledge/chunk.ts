/**
 * Splits a document into passages for search. A passage should answer one question: long enough
 * to carry its context, short enough that a hit points at the right place (and that a model is not
 * handed a whole document). Markdown headings are kept as context: every passage of a section
 * starts with its heading path ("Billing › Refunds"), so a passage about "how long it takes" still
 * says what it is about. Passages end on sentence boundaries — in Chinese too (。！？) — and
 * overlap by a sentence or two, so an answer straddling a boundary is whole in one of them.
 */

export const CHUNK_TARGET = 1000;
export const CHUNK_MAX = 1200;
export const CHUNK_OVERLAP = 200;

type Section = { path: string[]; body: string };

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$/;
const FENCE = /^ {0,3}(```|~~~)/;

/** Markdown → sections under their heading path; code fences are body, never headings. */
function sections(markdown: string): Section[] {
  const out: Section[] = [];
  const path: string[] = [];
  let body: string[] = [];
  let inFence = false;
  const flush = () => {
    const text = body.join("\n").trim();
    if (text) out.push({ path: [...path], body: text });
    body = [];
  };
  for (const line of markdown.split("\n")) {
    if (FENCE.test(line)) inFence = !inFence;
    const heading = inFence ? null : HEADING.exec(line);
    if (!heading) {
      body.push(line);
      continue;
    }
    flush();
    const level = heading[1]!.length;
    path.length = Math.min(path.length, level - 1);
    while (path.length < level - 1) path.push("");
    path.push(heading[2]!.trim());
  }
  flush();
  return out;
}

// A sentence ends at . ! ? followed by a space (so "e.g." and "3.14" do not end one), at the
// Chinese/Japanese 。！？；, or at a line break. Every character belongs to exactly one sentence.
const SENTENCE = /(?:[^\n。！？；!?.]|[!?.]+(?![\s!?.]|$))*(?:[。！？；]+["'”’」』）)]*|[!?.]+["'”’)]*[ \t]*|\n+|$)/gu;

// "e.g. this" or "Dr. Smith": a full stop after an abbreviation or an initial does not end a sentence.
const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|cf|approx|mr|mrs|ms|dr|prof|st|no|fig|inc|ltd|[a-z])\.\s*$/i;

function sentences(text: string): string[] {
  const out: string[] = [];
  let pending = "";
  for (const [match] of text.matchAll(SENTENCE)) {
    if (!match) continue;
    const piece = pending + match;
    pending = "";
    if (ABBREVIATION.test(piece) && piece.length < CHUNK_MAX) {
      pending = piece;
      continue;
    }
    // A "sentence" longer than a passage (a table row, a minified line): cut it hard.
    for (let i = 0; i < piece.length; i += CHUNK_MAX) out.push(piece.slice(i, i + CHUNK_MAX));
  }
  if (pending) out.push(pending);
  return out;
}

function pack(units: string[], budget: number): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const unit of units) {
    if (length > 0 && length + unit.length > budget) {
      chunks.push(current.join("").trim());
      // Overlap: carry the last sentences (up to CHUNK_OVERLAP characters) into the next passage.
      const carried: string[] = [];
      let carriedLength = 0;
      for (let i = current.length - 1; i >= 0; i--) {
        const s = current[i]!;
        if (carriedLength + s.length > CHUNK_OVERLAP) break;
        carried.unshift(s);
        carriedLength += s.length;
      }
      current = carried;
      length = carriedLength;
    }
    current.push(unit);
    length += unit.length;
  }
  const last = current.join("").trim();
  if (last) chunks.push(last);
  return chunks;
}

/** The passages of a document, each with its heading path prefixed. Plain text has no headings. */
export function chunkDocument(content: string, mimeType: string): string[] {
  const text = content.replace(/\r\n?/g, "\n");
  const parts = mimeType === "text/markdown" ? sections(text) : [{ path: [], body: text.trim() }].filter((s) => s.body);
  const chunks: string[] = [];
  for (const section of parts) {
    const context = section.path.filter(Boolean).join(" › ");
    const prefix = context ? `${context}\n\n` : "";
    const budget = Math.max(CHUNK_TARGET - prefix.length, 200);
    for (const body of pack(sentences(section.body), budget)) {
      if (body) chunks.push(prefix + body);
    }
  }
  return chunks;
}
