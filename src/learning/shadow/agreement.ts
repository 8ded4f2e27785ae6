// Cheap agreement measures between two answers to the same prompt (no model involved):
// normalised exact match, the final numeric answer, and token-overlap F1.

/** Lower case, Unicode-normalised, punctuation and markup dropped, whitespace collapsed. */
export function normaliseAnswer(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[*_`#>~|]/g, " ")
    .replace(/[^\p{L}\p{N}\s.-]/gu, " ")
    .replace(/(?<!\d)\.|\.(?!\d)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const NUMBER = /-?\d[\d,]*(?:\.\d+)?/g;

/**
 * The answer's final number: the one after a "####" / "answer is" / "=" marker when there is
 * one, else the last number in the text. Thousands separators and trailing zeros are ignored.
 */
export function finalNumber(text: string): number | undefined {
  const marked = /(?:####|answer(?: is)?\s*[:=]?|=)\s*\$?\s*(-?\d[\d,]*(?:\.\d+)?)(?![\d,.]*\d)/gi;
  let pick: string | undefined;
  for (const match of text.matchAll(marked)) pick = match[1];
  if (pick === undefined) pick = [...text.matchAll(NUMBER)].at(-1)?.[0];
  if (pick === undefined) return undefined;
  const value = Number(pick.replace(/,/g, ""));
  return Number.isFinite(value) ? value : undefined;
}

const tokens = (text: string) => normaliseAnswer(text).split(" ").filter(Boolean);

/** Token-overlap F1 (bag of words), in [0, 1]; 1 for two empty answers. */
export function tokenF1(a: string, b: string): number {
  const x = tokens(a);
  const y = tokens(b);
  if (x.length === 0 && y.length === 0) return 1;
  if (x.length === 0 || y.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const t of y) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of x) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      common++;
      counts.set(t, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / x.length;
  const recall = common / y.length;
  return (2 * precision * recall) / (precision + recall);
}
