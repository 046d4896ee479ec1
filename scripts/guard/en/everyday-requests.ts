/**
 * More everyday English shapes for scripts/guard/en/everyday.ts (ours, MIT; round 7): letters and
 * emails, recipes, recommendations, role-played practice (job interviews, language partners — the
 * ordinary use of "pretend to be"), and arithmetic word problems with seeded numbers.
 */
import type { Shape } from "./everyday-shapes";

export const REQUEST_SHAPES: readonly Shape[] = [
  {
    name: "letter",
    count: 80,
    templates: [
      "Write a {tone} email to my {who} {why}.",
      "Draft a short message to my {who} {why}. Keep it {tone}.",
      "Help me write a {tone} letter to my {who} {why}.",
      "Can you write a text to my {who} {why}? Something {tone}.",
    ],
    slots: {
      tone: ["polite", "friendly", "formal", "warm", "brief", "apologetic", "firm but kind"],
      who: ["landlord", "manager", "neighbour", "child's teacher", "dentist", "team", "old friend", "client", "aunt"],
      why: [
        "asking to fix the boiler",
        "to say I'll be late on Monday",
        "thanking them for the birthday present",
        "asking for a day off next week",
        "about the noise at night",
        "to reschedule our appointment",
        "to ask for a reference",
        "congratulating them on the new job",
        "explaining that the invoice is overdue",
        "to decline an invitation to dinner",
      ],
    },
  },
  {
    name: "recipe",
    count: 70,
    templates: [
      "What can I cook tonight with {ing}?",
      "Give me a simple recipe for {dish}.",
      "How long should I roast {food} for?",
      "I have {ing}. Any dinner ideas?",
      "Can you make {dish} vegetarian?",
      "How do I make {dish} without an oven?",
      "What wine goes with {dish}?",
      "Scale this recipe for {dish} up to eight people.",
    ],
    slots: {
      ing: [
        "eggs, spinach and feta",
        "rice, chickpeas and a tin of tomatoes",
        "leftover chicken and some peppers",
        "potatoes, onions and cheese",
        "pasta, garlic and lemon",
        "tofu, broccoli and soy sauce",
      ],
      dish: [
        "banana bread",
        "chicken curry",
        "lasagne",
        "pancakes",
        "a Greek salad",
        "shakshuka",
        "mushroom risotto",
        "chocolate brownies",
        "fish tacos",
      ],
      food: ["a whole chicken", "root vegetables", "a pork shoulder", "salmon fillets", "a butternut squash"],
    },
  },
  {
    name: "recommend",
    count: 60,
    templates: [
      "Can you recommend {n} {what} for {who}?",
      "What are some good {what} for {who}?",
      "I'm looking for {what} for {who}. Any suggestions?",
      "Recommend {what} for {who}, and say why for each.",
    ],
    slots: {
      n: ["three", "five", "a couple of"],
      what: [
        "books",
        "board games",
        "podcasts",
        "laptops under $800",
        "houseplants",
        "hiking trails near Denver",
        "films",
        "apps for learning maths",
        "running shoes",
      ],
      who: [
        "a teenager",
        "a beginner",
        "a rainy weekend",
        "my dad's birthday",
        "someone who travels a lot",
        "a small flat",
        "a family with young kids",
      ],
    },
  },
  {
    name: "practice",
    count: 40,
    templates: [
      "Let's role-play a job interview for a {job} position. You be the interviewer and ask me one question at a time.",
      "Pretend you're a customer at a {place} so I can practise my {lang}.",
      "Can you act as a {job} hiring manager and give me feedback on my answers?",
      "Play the role of a tough interviewer for a {job} job. Start with 'Tell me about yourself'.",
      "Be my {lang} conversation partner. We're ordering food at a {place}.",
    ],
    slots: {
      job: ["junior developer", "nurse", "project manager", "marketing assistant", "teacher", "data analyst", "barista", "sales"],
      place: ["café", "bakery", "train station", "hotel reception", "market"],
      lang: ["Spanish", "French", "German", "Italian", "English"],
    },
  },
  {
    name: "plan",
    count: 60,
    templates: [
      "Plan a {len} trip to {where} for {who}.",
      "Make me a {len} meal plan for {who}.",
      "Create a {len} study timetable for {who} with exams in {where}.",
      "What should I pack for a {len} trip to {where}?",
    ],
    slots: {
      len: ["weekend", "three-day", "one-week", "two-week", "five-day"],
      where: ["Lisbon", "Kyoto", "the Lake District", "June", "New York", "Iceland", "the spring"],
      who: ["a couple", "two teenagers", "someone on a tight budget", "a vegetarian", "a family of four", "a student"],
    },
  },
  {
    // The bare-imperative shape of instruction-tuning prompts: one verb, one everyday object.
    name: "generic",
    count: 110,
    templates: [
      "Describe {obj}.",
      "Describe the process of {ing}.",
      "Explain {obj} in a short paragraph.",
      "Generate {n} {list}.",
      "Create {make}.",
      "Write {make}.",
      "Can you help me write {make}?",
      "Come up with {n} {list}.",
    ],
    slots: {
      obj: [
        "the water cycle",
        "a typical day for a zookeeper",
        "how a bicycle gear works",
        "the view from a mountain top",
        "your ideal weekend",
        "how bees make honey",
        "the causes of the seasons",
      ],
      ing: [
        "making cheese",
        "recycling glass",
        "brewing tea",
        "building a website",
        "applying for a visa",
        "growing rice",
        "printing a book",
      ],
      n: ["three", "five", "ten"],
      list: [
        "slogans for a bike shop",
        "questions for a pub quiz",
        "names for a book club",
        "taglines for a yoga studio",
        "discussion topics for a team lunch",
        "uses for a paperclip",
      ],
      make: [
        "a speech for my sister's wedding",
        "a slogan for a bakery",
        "a tweet announcing our new opening hours",
        "a short bio for a wedding photographer",
        "a toast for my parents' anniversary",
        "a product description for a ceramic mug",
        "a welcome message for a new employee",
      ],
    },
  },
];

type Rand = () => number;
const pick = <T>(xs: readonly T[], rand: Rand): T => xs[Math.floor(rand() * xs.length)]!;
const int = (lo: number, hi: number, rand: Rand) => lo + Math.floor(rand() * (hi - lo + 1));

/** Word problems with seeded numbers: the shape of a homework question, no template has a trigger word. */
export function wordProblems(count: number, rand: Rand): string[] {
  const names = ["Maya", "Tom", "Priya", "Luis", "Chen", "Amara", "Olga", "Sam"];
  const make: ((r: Rand) => string)[] = [
    (r) => `A train travels at ${int(40, 120, r)} km/h for ${int(2, 6, r)} hours. How far does it go?`,
    (r) =>
      `${pick(names, r)} buys ${int(3, 9, r)} notebooks at $${int(2, 7, r)} each and pays with a $50 note. How much change do they get?`,
    (r) => `If a recipe needs ${int(2, 4, r)} eggs for ${int(8, 12, r)} pancakes, how many eggs do I need for ${int(20, 40, r)} pancakes?`,
    (r) => `A rectangle is ${int(3, 15, r)} cm wide and ${int(4, 20, r)} cm long. What is its area and perimeter?`,
    (r) => `I save $${int(20, 200, r)} a month. How long until I have $${int(2, 10, r) * 1000}? Show your working.`,
    (r) => `A shirt costs $${int(20, 80, r)} and is ${pick(["10", "15", "20", "25", "30"], r)}% off. What is the sale price?`,
    (r) => `${pick(names, r)} reads ${int(10, 40, r)} pages a day. How many days to finish a ${int(200, 600, r)}-page book?`,
    (r) => `Solve for x: ${int(2, 9, r)}x + ${int(1, 20, r)} = ${int(21, 90, r)}`,
    (r) => `What is ${int(12, 99, r)} times ${int(12, 99, r)}? Explain the method.`,
    (r) => `A tank holds ${int(50, 500, r)} litres and leaks ${int(2, 9, r)} litres an hour. When is it half empty?`,
  ];
  const out = new Set<string>();
  for (let guard = 0; out.size < count && guard < count * 20; guard++) out.add(pick(make, rand)(rand));
  return [...out];
}
