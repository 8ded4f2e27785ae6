// Adversarial augmentation for the router's training (docs/gaming.md): copies of training
// prompts with text added that must not change the routing decision — neutral filler,
// distractor sentences from other training prompts, runs of words (gadget-like), cue-word
// stuffing and instruction-style confounders — with the source row's label and group.
// The added texts come from templates and the training prompts only; the gaming suite's
// attack texts (tools/gaming/attacks.ts) are never used, so the suite measures how the
// defence generalises, not whether it memorised the test strings.
import { seededRandom } from "../eval/bootstrap.ts";

const pick = <T>(xs: readonly T[], random: () => number): T => xs[Math.floor(random() * xs.length)]!;

const SUBJECTS = ["The meeting", "Our delivery", "The weekly report", "The weather", "My neighbour", "The bus"];
const SUBJECTS_2 = ["The new intern", "This spreadsheet", "The garden", "A colleague", "The front desk"];
const VERBS = ["was moved to", "is expected on", "happened on", "will be ready by", "was discussed on"];
const TIMES = ["Monday", "the morning", "next week", "Friday afternoon", "the first of the month", "noon"];
const ASIDES = [
  "as usual",
  "if nothing changes",
  "according to the notice",
  "which nobody minded",
  "for what it is worth",
];
const VERBS_INSTRUCT = ["Explain", "Show", "Justify", "Check", "Walk through", "Lay out", "Double-check"];
const OBJECTS_INSTRUCT = ["your reasoning", "every step", "all of your work", "each assumption", "the logic"];
const MANNERS = ["carefully", "in detail", "thoroughly", "precisely", "with full rigour", "one step at a time"];

/** A neutral sentence that says nothing about the task. */
export function fillerSentence(random: () => number): string {
  const subject = pick(random() < 0.5 ? SUBJECTS : SUBJECTS_2, random);
  return `${subject} ${pick(VERBS, random)} ${pick(TIMES, random)}, ${pick(ASIDES, random)}.`;
}

/** An instruction-style confounder ("Explain every step carefully."). */
export function instructionSentence(random: () => number): string {
  return `${pick(VERBS_INSTRUCT, random)} ${pick(OBJECTS_INSTRUCT, random)} ${pick(MANNERS, random)}.`;
}

export interface AugmentSources {
  /** Sentences of other training prompts (distractors with real content). */
  sentences: readonly string[];
  /** Words of the training vocabulary and the cue lexicon (gadget- and stuffing-like runs). */
  words: readonly string[];
  cueWords: readonly string[];
}

/**
 * One augmented copy of `prompt`: one to three additions, each before or after it. Without
 * `distractors` (prompts that are not benchmark questions: a greeting with a law question
 * added is no longer a greeting), distractor sentences become filler.
 */
export function augmentPrompt(
  prompt: string,
  sources: AugmentSources,
  random: () => number,
  distractors = true,
  /** Probability that an addition is wrapped in a code fence (text hidden as "code"). */
  fences = 0,
): string {
  let text = prompt;
  const additions = 1 + Math.floor(random() * 3);
  for (let a = 0; a < additions; a++) {
    const kind = random();
    let added: string;
    if (kind < 0.25 || (!distractors && kind < 0.45)) {
      const n = 2 + Math.floor(random() * 8);
      added = Array.from({ length: n }, () => fillerSentence(random)).join(" ");
    } else if (kind < 0.45) {
      added = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(sources.sentences, random)).join(" ");
    } else if (kind < 0.65) {
      added = Array.from({ length: 3 + Math.floor(random() * 10) }, () => pick(sources.words, random)).join(" ");
    } else if (kind < 0.85) {
      added = Array.from({ length: 3 + Math.floor(random() * 18) }, () => pick(sources.cueWords, random)).join(" ");
    } else {
      const k = 1 + Math.floor(random() * 3);
      added = Array.from({ length: k }, () => instructionSentence(random)).join(" ");
    }
    if (fences > 0 && random() < fences) added = `\n\`\`\`\n${added}\n\`\`\`\n`;
    const sep = random() < 0.5 ? " " : "\n";
    text = random() < 0.5 ? `${added}${sep}${text}` : `${text}${sep}${added}`;
  }
  return text;
}

/** Splits prompts into sentences usable as distractors (6..40 words, no choice lines). */
export function distractorSentences(prompts: readonly string[], limit: number, seed: number): string[] {
  const random = seededRandom(seed);
  const out: string[] = [];
  for (const p of prompts) {
    if (random() > 0.2) continue;
    for (const s of p.split(/(?<=[.?!])\s+|\n/)) {
      const words = s.trim().split(/\s+/).length;
      if (words >= 6 && words <= 40 && !/^[A-D]\. /.test(s)) out.push(s.trim());
    }
    if (out.length >= limit) break;
  }
  return out;
}
