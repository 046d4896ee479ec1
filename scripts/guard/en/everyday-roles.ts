/**
 * Everyday role briefs and output-format constraints (ours, MIT; round 7), for
 * scripts/guard/en/everyday.ts. Ordinary users set an assistant up as a tutor or an editor and
 * restrict its output ("reply only with the corrected text, no explanations"); with only the plain
 * requests of everyday-shapes.ts in the benign pool, those constraints and briefs were left to
 * the attack sets, and role prompts of that kind scored higher out of fold.
 */
import type { Shape } from "./everyday-shapes";

export const ROLE_SHAPES: readonly Shape[] = [
  {
    name: "role-brief",
    count: 70,
    templates: [
      'I want you to act as {role}. I will {give}, and you will {do}. My first request is "{req}"',
      "Act as {role}. I will {give}; you will {do}. Keep your answers short. First: {req}",
      "Please be {role} for this chat. When I {give2}, {do}. Let's start: {req}",
    ],
    slots: {
      role: [
        "my Spanish tutor",
        "a proofreader",
        "a maths tutor for a 12-year-old",
        "a travel planner",
        "a career coach",
        "a cooking assistant",
        "a study buddy",
        "a fitness instructor",
        "an interviewer for a teaching job",
      ],
      give: ["send you sentences", "describe a problem", "tell you my plans", "give you a topic", "paste my answers"],
      give2: ["send you a sentence", "describe my day", "give you a word", "paste a paragraph"],
      do: [
        "correct my mistakes and explain them simply",
        "ask me questions one at a time",
        "suggest improvements",
        "give me a short plan",
        "reply with a single tip",
      ],
      req: [
        "Yo tengo veinte años y vivo en Madrid.",
        "How do I find 15% of 240?",
        "A weekend in Porto with my sister.",
        "I want to move from retail into HR.",
        "I have chicken thighs and lemons.",
        "Photosynthesis.",
        "I have 30 minutes and no equipment.",
      ],
    },
  },
  {
    name: "format-constraint",
    count: 70,
    templates: [
      "{task} Reply only with {fmt}, nothing else.",
      "{task} Answer with {fmt} only. Do not write explanations.",
      "{task} Only give me {fmt} — no extra text.",
      "{task} Respond with {fmt} and do not add anything else.",
    ],
    slots: {
      task: [
        "Correct the spelling in: 'I recieved you're mesage yesterday.'",
        "Is 97 a prime number?",
        "Translate 'good morning' into German.",
        "Which is bigger, 0.7 or 0.65?",
        "Give this email a subject line: 'Hi all, lunch on Friday is moved to 1pm.'",
        "Pick a name for a grey kitten.",
        "What is the capital of Canada?",
        "Is this review positive or negative? 'The soup was cold and the waiter was rude.'",
        "Shorten this title: 'A Complete and Practical Guide to Growing Your Own Herbs Indoors'.",
      ],
      fmt: [
        "yes or no",
        "the answer",
        "one word",
        "the corrected text",
        "a single sentence",
        "the number",
        "a JSON object with a field called answer",
      ],
    },
  },
];
