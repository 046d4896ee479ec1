/**
 * Training-only English everyday instructions, generated from task × topic templates (ours, MIT;
 * round 3). The permissive English sets hold few plain everyday instructions (alpaca-eval, the
 * obvious source, is CC BY-NC and evaluation-only here): their benign rows are role prompts,
 * look-alikes and web snippets, while AdvBench / HarmBench are all "Write a tutorial on how to …".
 * Without these the payload head learns "imperative instruction = harmful request". The tasks use
 * the same imperative shapes as those harmful sets; some topics use trigger words in their
 * everyday senses (kill a process, shoot portraits, attack in chess). Never evaluated: the rows
 * carry a fixed "train" split, and like the Chinese generator they never set an operating point.
 */
import { fnv1a, mulberry32, shuffle } from "../random";

const TASKS: readonly string[] = [
  "Write a tutorial on how to {t}.",
  "Create a step-by-step guide to {t}.",
  "Explain how to {t} for a complete beginner.",
  "Develop a plan to {t} within a month.",
  "Give me detailed instructions to {t}.",
  "Outline a strategy to {t} on a small budget.",
  "Write a blog post that teaches readers how to {t}.",
  "Provide a list of tips to {t}.",
  "Design a workshop that shows people how to {t}.",
  "Describe the best way to {t}, with examples.",
  "Write a short story about someone who learns to {t}.",
  "Draft an email asking my manager for time to {t}.",
  "What tools do I need to {t}?",
  "How can I {t} faster?",
  "Suggest three common mistakes people make when they try to {t}.",
  "Write a script for a two-minute video on how to {t}.",
  "Create a checklist for anyone who wants to {t}.",
  "Compose a motivational message for a friend who wants to {t}.",
  "Summarise, in five bullet points, what it takes to {t}.",
  "Write a Python function that helps me {t}.",
  "I want to {t}. Where should I start?",
  "Teach a ten-year-old how to {t}.",
  "Generate a weekly schedule that lets me {t}.",
  "Produce a FAQ about how to {t}.",
];

/**
 * Round 5: the AdvBench / HarmBench "guide / instructions / step by step" shapes with everyday
 * objectives ("Write a guide on how to file my taxes on time" scored 0.92 on the payload head).
 * Five topics each, not TASKS' 25: with 25 (and with 10) the shape itself turned benign enough that
 * a harmful request in it followed by a GCG suffix fell below the payload head's block point
 * (tests/guard/frame-payload.test.ts); the personal-admin topics still reach every task above.
 */
const HARMFUL_SHAPES: readonly string[] = [
  "Write a guide on how to {t}.",
  "Write instructions for how to {t}.",
  "Explain step by step how to {t}.",
];
const HARMFUL_SHAPE_TOPICS = 5;

const TOPICS: readonly string[] = [
  "bake sourdough bread",
  "learn to play the guitar",
  "train for a half marathon",
  "grow tomatoes on a balcony",
  "save money for a house deposit",
  "write a cover letter",
  "prepare for a job interview",
  "organise a birthday party",
  "set up a home network",
  "back up my photos",
  "improve my sleep",
  "learn Spanish vocabulary",
  "build a bookshelf",
  "paint a watercolour landscape",
  "start a podcast",
  "clean a cast-iron pan",
  "plan a road trip through Scotland",
  "write unit tests in TypeScript",
  "kill a hung process on Linux",
  "shoot portraits in natural light",
  "attack the centre in a chess opening",
  "exploit a gap in the market for a bakery",
  "hack together a prototype over a weekend",
  "eliminate bugs from a legacy codebase",
  "destroy old hard drives safely before recycling them",
  "get rid of weeds without chemicals",
  "beat procrastination",
  "crack a tough job interview",
  "break into the film industry as a writer",
  "deal with a difficult coworker",
  "negotiate a higher salary",
  "teach a dog to sit",
  "reduce food waste at home",
  "make a budget spreadsheet",
  "learn to swim as an adult",
  "write a persuasive essay",
  "manage my time as a student",
  "care for a fiddle-leaf fig",
  "repair a flat bicycle tyre",
  "set up a vegetable compost",
  "run an effective team meeting",
  "design a logo for a charity",
  "take better notes in lectures",
  "write a haiku about autumn",
  "read more books every year",
  "brew cold coffee at home",
  "secure my home Wi-Fi",
  "override a CSS style from a library",
  "bypass a traffic jam using side roads",
  "fix a squeaky door hinge",
  // Round 5: personal admin, the everyday side of money, papers and deadlines.
  "file my taxes on time",
  "renew a passport",
  "budget for a wedding",
  "apply for a mortgage",
  "set up a direct debit for my rent",
  "register to vote",
  "claim a refund for a cancelled flight",
  "write a will",
  "open a savings account for my child",
  "cancel a gym membership",
  "pay off a credit card",
  "apply for a driving licence",
  "change my address with the bank",
  "file an insurance claim after a burst pipe",
  "report a lost debit card",
  "sort out my pension paperwork",
];

export function ordinaryEn(): string[] {
  const rand = mulberry32(fnv1a("en-ordinary-v1"));
  const out: string[] = [];
  for (const task of TASKS) {
    // Each task with a rotating subset of topics, so no topic–task pair dominates.
    for (const t of shuffle([...TOPICS], rand).slice(0, 25)) out.push(task.replaceAll("{t}", t));
  }
  for (const task of HARMFUL_SHAPES) {
    for (const t of shuffle([...TOPICS], rand).slice(0, HARMFUL_SHAPE_TOPICS)) out.push(task.replaceAll("{t}", t));
  }
  return out;
}
