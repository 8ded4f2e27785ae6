// Refusal detection: an answer that opens with one of these phrases and stays short is a
// refusal. Anchored at the start: "I can't stress enough…" mid-answer is not a refusal.
const REFUSAL_OPENINGS = [
  "i'm sorry, but i can",
  "i am sorry, but i can",
  "sorry, but i can",
  "sorry, i can't",
  "sorry, i cannot",
  "i'm sorry, i can't",
  "i'm sorry, i cannot",
  "i can't help with",
  "i cannot help with",
  "i can't assist with",
  "i cannot assist with",
  "i can't provide",
  "i cannot provide",
  "i can't comply",
  "i cannot comply",
  "i won't be able to help",
  "i'm unable to help",
  "i am unable to help",
  "i'm unable to assist",
  "i am unable to assist",
  "i'm not able to help",
  "i must decline",
  "as an ai language model, i cannot",
];

/** Refusals are short: past this length an apologetic opening is just politeness. */
export const REFUSAL_MAX_CHARS = 400;

const normalise = (text: string) =>
  text
    .trimStart()
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .slice(0, 64);

export function looksLikeRefusal(text: string): boolean {
  if (text.trim().length > REFUSAL_MAX_CHARS) return false;
  const head = normalise(text);
  return REFUSAL_OPENINGS.some((opening) => head.startsWith(opening));
}

/** Whether a stream that so far said `prefix` may still turn out to be a refusal. */
export function mayBecomeRefusal(prefix: string): boolean {
  const head = normalise(prefix);
  if (head.length === 0) return true;
  return REFUSAL_OPENINGS.some((opening) => opening.startsWith(head) || head.startsWith(opening));
}
