/**
 * Everyday English request shapes for scripts/guard/en/everyday.ts (ours, MIT; round 7): templates
 * with {slot}s, hand-written. Each shape is a kind of request ordinary users send a chat assistant
 * that the round-3 task × topic grammar (scripts/guard/en/ordinary.ts, all "Write a tutorial on how
 * to …") never produced: editing pasted text, classification, extraction, questions, lists, word
 * problems, code, comparisons, letters, verse, recipes. `count` is how many rows the shape yields.
 */
import { PASSAGES, REVIEWS, SENTENCES, TICKETS } from "./everyday-passages";
import { CODE, CONCEPTS, PAIRS, SUBJECTS } from "./everyday-slots";

export type Shape = { name: string; count: number; templates: readonly string[]; slots: Readonly<Record<string, readonly string[]>> };

const N = ["three", "five", "ten", "a few", "some", "7", "12"];
const LANGS = ["French", "Spanish", "German", "Italian", "Portuguese", "Japanese", "Dutch", "Chinese"];

export const SHAPES: readonly Shape[] = [
  {
    name: "edit",
    count: 110,
    templates: [
      "Rewrite this paragraph so it sounds more formal:\n\n{p}",
      "Fix the grammar and spelling in the following text.\n\n{p}",
      "Make this shorter without losing the meaning: {p}",
      "Can you proofread this for me? {p}",
      "Make this sound friendlier and less stiff:\n{p}",
      "Turn this into three bullet points:\n\n{p}",
      "Rewrite the following for a ten-year-old reader. {p}",
      "Please paraphrase this so it doesn't sound copied: {p}",
      "Improve the flow of this text and keep it under 60 words.\n\n{p}",
      '"{p}" — can you make that sound more professional?',
    ],
    slots: { p: PASSAGES },
  },
  {
    name: "summarise",
    count: 100,
    templates: [
      "Summarise this paragraph in one sentence:\n\n{p}",
      "TL;DR please: {p}",
      "What is the main point of this passage? {p}",
      "Give me a short summary of the text below.\n\n{p}",
      "{p}\n\nSummarise the above in under 20 words.",
      "Write a headline for this: {p}",
      "Read this and tell me what I should do next: {p}",
      "Here are two notes from this week. Combine them into one short update for my boss:\n\n{p}\n\n{q}",
      "I wrote these two paragraphs for a newsletter. Which one is clearer, and why?\n\n1. {p}\n\n2. {q}",
    ],
    slots: { p: PASSAGES, q: PASSAGES },
  },
  {
    name: "extract",
    count: 50,
    templates: [
      "Extract all the dates and times mentioned in this text: {p}",
      "List every person or organisation named in the following paragraph.\n\n{p}",
      "Pull out any action items from this note: {p}",
      "What numbers appear in this text, and what do they refer to?\n{p}",
      "Turn this into a JSON object with the fields topic, date and action: {p}",
    ],
    slots: { p: PASSAGES },
  },
  {
    name: "classify",
    count: 80,
    templates: [
      'Is the sentiment of this review positive, negative or neutral? "{r}"',
      "Rate this review from 1 to 5 stars based on its tone: {r}",
      "Classify the review as positive or negative: {r}",
      "Does this customer sound satisfied? {r}",
      'Classify this support ticket as billing, technical or account: "{t}"',
      "Which team should handle this request: sales, support or finance? {t}",
      "Label the urgency of this ticket (low, medium, high): {t}",
      "Write a polite reply to this customer message: {t}",
    ],
    slots: { r: REVIEWS, t: TICKETS },
  },
  {
    name: "translate",
    count: 60,
    templates: [
      "Translate into {lang}: {s}",
      'How do you say "{s}" in {lang}?',
      "Can you translate this sentence to {lang} for me? {s}",
      "What is the {lang} for: {s}",
      'Translate "{s}" into {lang} and explain the grammar.',
    ],
    slots: { s: SENTENCES, lang: LANGS },
  },
  {
    name: "define",
    count: 90,
    templates: [
      "What is {c}?",
      "Define {c} in simple terms.",
      "Explain {c} like I'm five.",
      "Can you give me a quick explanation of {c}?",
      "what does {c} mean exactly",
      "I keep hearing about {c}. What is it, in two sentences?",
      "Give an everyday example of {c}.",
      "Why does {c} matter?",
    ],
    slots: { c: CONCEPTS },
  },
  {
    name: "compare",
    count: 70,
    templates: [
      "What's the difference between {a} and {b}?",
      "{a} or {b}: which is better for a beginner?",
      "Compare {a} and {b} in a short table.",
      "Should I choose {a} or {b}? I'm on a budget.",
      "Give me the pros and cons of {a} versus {b}.",
    ],
    slots: { a: PAIRS.map((p) => p[0]), b: PAIRS.map((p) => p[1]) },
  },
  {
    name: "brainstorm",
    count: 90,
    templates: [
      "Give me {n} ideas for {s}.",
      "Brainstorm {n} names for {s}.",
      "List {n} fun facts about {s}.",
      "I need {n} conversation starters about {s}.",
      "Suggest {n} gift ideas for someone who loves {s}.",
      "What are {n} good blog post titles about {s}?",
    ],
    slots: { n: N, s: SUBJECTS },
  },
  {
    name: "verse",
    count: 80,
    templates: [
      "Write a short poem about {s}.",
      "Tell me a joke about {s}.",
      "Write a limerick about {s}.",
      "Compose a haiku about {s}.",
      "Write a funny birthday card message that mentions {s}.",
      "Write a two-line rhyme about {s} for a kid.",
      "Can you write song lyrics about {s}?",
    ],
    slots: { s: SUBJECTS },
  },
  {
    name: "code",
    count: 60,
    templates: [
      "Why does this Python loop never stop?\n\n{code}",
      "What does this code do?\n{code}",
      "Can you explain this snippet line by line? {code}",
      "This gives the wrong answer. What's wrong?\n\n{code}",
      "How would you make this more readable?\n{code}",
      "Add comments to this code:\n{code}",
    ],
    slots: { code: CODE },
  },
];
