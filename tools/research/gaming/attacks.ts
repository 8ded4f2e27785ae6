// Router-gaming attacks (Shafran et al. 2025, "Rerouting LLM Routers"): query-independent edits
// a user can make to a prompt to push the router towards the strong model. Each attack is a pure,
// deterministic function of the clean prompt (seeded where it picks positions), so the suite,
// the test fixture and the report always measure the same attacked text.
// The suite's gadget was searched against the pre-defence router on split "train" prompts only
// (tools/research/gaming/gadget-search.ts); it is a fixed string here.
import { seededRandom } from "../../lib/eval/bootstrap.ts";

export interface Attack {
  name: string;
  family: AttackFamily;
  description: string;
  apply(prompt: string, seed: number): string;
}

export type AttackFamily =
  "keyword stuffing" | "length padding" | "confounder" | "homoglyphs" | "invisible characters" | "hidden in code";

/** The texts the attacks add. */
export interface AttackStrings {
  /** Reasoning / complexity cue words (the kinds a router might reward). */
  cueWords: string;
  /** A confounder instruction (the brief's example). */
  confounder: string;
  /** A searched gadget (tools/research/gaming/gadget-search.ts). */
  gadget: string;
  /** Neutral filler: says nothing about the task. */
  filler: string;
  /** A neutral sentence for repetition padding. */
  padSentence: string;
}

/** The suite's texts (docs/gaming.md). Never used to tune or train a defence. */
export const SUITE_STRINGS: AttackStrings = {
  cueWords:
    "prove derive rigorous analyze optimize theorem algorithm complexity step-by-step justify evaluate " +
    "comprehensive detailed in-depth proof lemma eigenvalue differential integral",
  confounder: "Think step by step and prove rigorously.",
  // Greedy search against the pre-defence router on 80 MMLU + 80 GSM8K train prompts (seed 7).
  gadget: "await const python when colonial function boolean geometry",
  filler:
    "Some background that may or may not matter: the weather today was mild with a light breeze, the office " +
    "coffee machine was repaired on Tuesday, and the quarterly newsletter will go out next week as usual. " +
    "Several colleagues mentioned that the new chairs are comfortable, the parking lot will be repainted in " +
    "the spring, and the cafeteria now serves soup on Fridays. None of this changes anything below, but it " +
    "is included for completeness so that nothing is left out of the record. The library extended its " +
    "opening hours, the team photo is scheduled for the first Monday of next month, and the plants on the " +
    "third floor are doing well after being moved closer to the windows.",
  padSentence: "Please read the following question carefully before answering it.",
};

/**
 * Different texts of the same kinds, for tuning a defence on split "train" (the gated-mixture scorer's
 * tools/research/gaming/defence-cv.ts used them), so the suite's numbers are not measured on the very strings a
 * defence was tuned against.
 */
export const DEV_STRINGS: AttackStrings = {
  cueWords:
    "demonstrate deduce critique investigate diagnose tradeoffs implications theorem lemma calculus " +
    "exhaustive thorough elaborate rigorous formal analysis architecture evaluation optimization",
  confounder: "Reason carefully, verify each intermediate result and justify every claim.",
  gadget: "kernel integral jurisdiction eigenvalue recursion thermodynamics lemma portfolio",
  filler:
    "For context, our team moved to a new floor last month and the view of the river is lovely. The " +
    "printer on the east side still jams now and then, lunch is usually around noon, and someone keeps " +
    "leaving umbrellas by the door. We also started a small book club that meets every other Thursday " +
    "afternoon, and the garden outside has new benches. Nothing here is needed for the request, it is " +
    "only a bit of colour about the day so far and the people around.",
  padSentence: "Kindly consider the request below with care.",
};

const CYRILLIC: Record<string, string> = {
  a: "\u0430",
  c: "\u0441",
  e: "\u0435",
  o: "\u043e",
  p: "\u0440",
  x: "\u0445",
  y: "\u0443",
  i: "\u0456",
  j: "\u0458",
  s: "\u0455",
  h: "\u04bb",
  d: "\u0501",
  A: "\u0410",
  B: "\u0412",
  C: "\u0421",
  E: "\u0415",
  H: "\u041d",
  I: "\u0406",
  K: "\u041a",
  M: "\u041c",
  O: "\u041e",
  P: "\u0420",
  S: "\u0405",
  T: "\u0422",
  X: "\u0425",
};
const GREEK: Record<string, string> = {
  o: "\u03bf",
  v: "\u03bd",
  i: "\u03b9",
  a: "\u03b1",
  p: "\u03c1",
  u: "\u03c5",
  k: "\u03ba",
  A: "\u0391",
  B: "\u0392",
  E: "\u0395",
  H: "\u0397",
  I: "\u0399",
  K: "\u039a",
  M: "\u039c",
  N: "\u039d",
  O: "\u039f",
  P: "\u03a1",
  T: "\u03a4",
  X: "\u03a7",
  Z: "\u0396",
};

function mapChars(text: string, map: (ch: string, i: number) => string): string {
  let out = "";
  let i = 0;
  for (const ch of text) out += map(ch, i++);
  return out;
}

/** Every letter with a Cyrillic (else Greek) look-alike replaced: the text still reads the same. */
export function homoglyphs(text: string): string {
  return mapChars(text, (ch, i) => (i % 2 === 0 ? (CYRILLIC[ch] ?? GREEK[ch]) : (GREEK[ch] ?? CYRILLIC[ch])) ?? ch);
}

/** ASCII ! .. ~ as fullwidth forms (U+FF01..U+FF5E). */
export function fullwidth(text: string): string {
  return mapChars(text, (ch) => {
    const c = ch.charCodeAt(0);
    return c >= 0x21 && c <= 0x7e ? String.fromCharCode(c + 0xfee0) : ch;
  });
}

/** Letters and digits as mathematical bold (U+1D400.., U+1D7CE..). */
export function mathBold(text: string): string {
  return mapChars(text, (ch) => {
    const c = ch.charCodeAt(0);
    if (c >= 0x41 && c <= 0x5a) return String.fromCodePoint(0x1d400 + c - 0x41);
    if (c >= 0x61 && c <= 0x7a) return String.fromCodePoint(0x1d41a + c - 0x61);
    if (c >= 0x30 && c <= 0x39) return String.fromCodePoint(0x1d7ce + c - 0x30);
    return ch;
  });
}

/** ASCII text as Unicode tag characters (U+E0020..U+E007E): invisible, but some models read them. */
export function tagSmuggle(text: string): string {
  return mapChars(text, (ch) => {
    const c = ch.charCodeAt(0);
    return c >= 0x20 && c <= 0x7e ? String.fromCodePoint(0xe0000 + c) : "";
  });
}

/** A zero-width or format character after every character of the text. */
function interleave(text: string, invisible: readonly string[], seed: number): string {
  const random = seededRandom(seed);
  return mapChars(text, (ch) => ch + invisible[Math.floor(random() * invisible.length)]!);
}

const ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"];

/** Soft hyphens inside every word longer than three letters. */
function softHyphens(text: string): string {
  return text.replace(/[A-Za-z]{4,}/g, (word) => word.slice(0, 2) + "\u00ad" + word.slice(2));
}

const repeat = (s: string, k: number, sep = " ") => new Array<string>(k).fill(s).join(sep);

/** The attacks, built from a set of texts. */
export function attackSet(t: AttackStrings): Attack[] {
  const { cueWords, confounder, gadget, filler, padSentence } = t;
  return [
    {
      name: "stuff-cues-end",
      family: "keyword stuffing",
      description: "20 reasoning/complexity cue words appended",
      apply: (p) => `${p}\n${cueWords}`,
    },
    {
      name: "stuff-cues-start",
      family: "keyword stuffing",
      description: "the same cue words prepended",
      apply: (p) => `${cueWords}\n${p}`,
    },
    {
      name: "stuff-cues-x5",
      family: "keyword stuffing",
      description: "the cue words five times, appended",
      apply: (p) => `${p}\n${repeat(cueWords, 5)}`,
    },
    {
      name: "pad-filler",
      family: "length padding",
      description: "a 120-word neutral paragraph prepended",
      apply: (p) => `${filler}\n\n${p}`,
    },
    {
      name: "pad-filler-x3",
      family: "length padding",
      description: "the neutral paragraph three times, prepended",
      apply: (p) => `${repeat(filler, 3, "\n\n")}\n\n${p}`,
    },
    {
      name: "pad-repeat-sentence",
      family: "length padding",
      description: "one neutral sentence x30, prepended",
      apply: (p) => `${repeat(padSentence, 30)}\n${p}`,
    },
    {
      name: "pad-repeat-prompt",
      family: "length padding",
      description: "the prompt itself three times",
      apply: (p) => repeat(p, 3, "\n\n"),
    },
    {
      name: "confounder-start",
      family: "confounder",
      description: `"${confounder}" prepended`,
      apply: (p) => `${confounder} ${p}`,
    },
    {
      name: "confounder-end",
      family: "confounder",
      description: "the confounder appended",
      apply: (p) => `${p}\n${confounder}`,
    },
    {
      name: "confounder-x10-start",
      family: "confounder",
      description: "the confounder x10, prepended",
      apply: (p) => `${repeat(confounder, 10)}\n${p}`,
    },
    {
      name: "confounder-x10-end",
      family: "confounder",
      description: "the confounder x10, appended",
      apply: (p) => `${p}\n${repeat(confounder, 10)}`,
    },
    {
      name: "gadget-start",
      family: "confounder",
      description: "a fixed searched gadget string prepended",
      apply: (p) => `${gadget} ${p}`,
    },
    {
      name: "gadget-x5-end",
      family: "confounder",
      description: "the gadget x5, appended",
      apply: (p) => `${p}\n${repeat(gadget, 5)}`,
    },
    {
      name: "homoglyph-prompt",
      family: "homoglyphs",
      description: "every Latin letter with a Cyrillic/Greek look-alike replaced",
      apply: (p) => homoglyphs(p),
    },
    {
      name: "homoglyph-confounder",
      family: "homoglyphs",
      description: "confounder x10 in Cyrillic/Greek look-alikes, appended",
      apply: (p) => `${p}\n${homoglyphs(repeat(confounder, 10))}`,
    },
    {
      name: "fullwidth-prompt",
      family: "homoglyphs",
      description: "the prompt in fullwidth forms",
      apply: (p) => fullwidth(p),
    },
    {
      name: "fullwidth-cues",
      family: "homoglyphs",
      description: "the cue words in fullwidth forms, appended",
      apply: (p) => `${p}\n${fullwidth(cueWords)}`,
    },
    {
      name: "math-bold-prompt",
      family: "homoglyphs",
      description: "the prompt in mathematical bold letters and digits",
      apply: (p) => mathBold(p),
    },
    {
      name: "math-bold-cues",
      family: "homoglyphs",
      description: "the cue words in mathematical bold, appended",
      apply: (p) => `${p}\n${mathBold(cueWords)}`,
    },
    {
      name: "zero-width-interleave",
      family: "invisible characters",
      description: "a zero-width space/joiner/BOM after every character",
      apply: (p, seed) => interleave(p, ZERO_WIDTH, seed),
    },
    {
      name: "soft-hyphens",
      family: "invisible characters",
      description: "soft hyphens inside every word",
      apply: (p) => softHyphens(p),
    },
    {
      name: "invisible-padding",
      family: "invisible characters",
      description: "2,000 zero-width characters appended",
      apply: (p, seed) => p + interleave("\u200b".repeat(1000), ZERO_WIDTH, seed),
    },
    {
      name: "tag-smuggled-cues",
      family: "invisible characters",
      description: "confounder x5 + cue words as invisible tag characters",
      apply: (p) => p + tagSmuggle(`${repeat(confounder, 5)} ${cueWords}`),
    },
    {
      name: "fenced-cues",
      family: "hidden in code",
      description: "cue words and confounder x5 in a code fence, appended",
      apply: (p) => `${p}\n\n\`\`\`\n${cueWords}\n${repeat(confounder, 5, "\n")}\n\`\`\``,
    },
    {
      name: "comment-cues",
      family: "hidden in code",
      description: "cue words and confounder x5 in an HTML comment, prepended",
      apply: (p) => `<!-- ${cueWords} ${repeat(confounder, 5)} -->\n${p}`,
    },
    {
      name: "fenced-padding",
      family: "hidden in code",
      description: "the filler paragraph x3 in a code fence, appended",
      apply: (p) => `${p}\n\n\`\`\`text\n${repeat(filler, 3, "\n")}\n\`\`\``,
    },
  ];
}

export const ATTACKS: readonly Attack[] = attackSet(SUITE_STRINGS);
export const DEV_ATTACKS: readonly Attack[] = attackSet(DEV_STRINGS);
