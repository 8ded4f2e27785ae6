// The wasm's hashed n-grams equal the plain-JS reference (tools/lib/scorer/ngram-reference.ts, after
// the normalisation of tools/lib/scorer/normalise-reference.ts): same buckets, presence values at unit
// L2 norm. Random text of every script exercises the normalisation (look-alikes, invisible
// characters, fullwidth and mathematical letters) through the same comparison.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GOLDEN_INPUTS } from "../../../test/fixtures/scorer-golden-prompts.ts";
import { loadScorer } from "./node-scorer.ts";
import { seededRandom } from "../../../src/util/seeded-random.ts";
import { randomText } from "./diff-inputs.ts";
import { FENCE_WEIGHT, items, ngramPresence, numberItem } from "./ngram-reference.ts";
import { normaliseBytes } from "./normalise-reference.ts";

const scorer = loadScorer(null);
const encoder = new TextEncoder();
const BITS = Math.log2(scorer.ngramBuckets);

function reference(text: string): Map<number, number> {
  const presence = ngramPresence(normaliseBytes(encoder.encode(text)), BITS);
  let norm = 0;
  for (const v of presence.values()) norm += v ** 2;
  norm = Math.sqrt(norm);
  return new Map([...presence].map(([k, v]) => [k, v / norm]));
}

function compare(text: string) {
  const out = scorer.score({ primary: text, context: "", flags: 0 });
  const want = reference(text);
  const got = new Map([...out.ngrams.index].map((k, t) => [k, out.ngrams.value[t]!]));
  expect([...got.keys()].sort((a, b) => a - b)).toEqual([...want.keys()].sort((a, b) => a - b));
  for (const [k, v] of want) expect(Math.abs(got.get(k)! - v)).toBeLessThan(1e-6);
}

describe("n-grams", () => {
  it("segments words, numbers and punctuation as the scan does", () => {
    // "The 3 cats" -> word, number (1 digit), word; "x2" and "snake_case" are single words.
    const seq = items(encoder.encode("The 3 cats, x2 snake_case 1,000.5!"));
    expect(seq.length).toBe(6);
    expect(seq[1]).toBe(numberItem(1));
    expect(seq[5]).toBe(numberItem(5)); // 1,000.5: one number, five digits -> the 4+ class
    expect(numberItem(5)).toBe(numberItem(4));
    // Case-insensitive and hashed on the first 8 letters: inflections share a bucket.
    expect(items(encoder.encode("Derivatives"))).toEqual(items(encoder.encode("derivati")));
  });

  it("the wasm matches the reference on the golden prompts (primary span only)", () => {
    for (const { input } of GOLDEN_INPUTS.filter((g) => g.input.context === "" && g.input.primary.length < 60_000)) {
      compare(input.primary);
    }
  });

  it("the wasm matches the reference on random text (any script, emoji, lone surrogates)", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), compare), { numRuns: 500, seed: 3 });
  });

  // Letters, look-alikes, invisible and format characters, fences and comments, mixed densely.
  const tricky = fc.constantFrom(
    ..."abcdeoprsxy ABCEHKMOPTX 0123456789 .,?!<>-`\n".split(""),
    ..."аеорсухѕіјһԁАВЕКМНОРСТХαονρικυΑΒΕΗΙΚΜΝΟΡΤΧօսհ".split(""),
    ..."бдлжπλωΩЖЛԱԲ日本😀".split(""),
    "\u200b",
    "\u200d",
    "\u00ad",
    "\ufeff",
    "\u0301",
    "\u202e",
    "\u00a0",
    "\u3000",
    "\u{E0041}",
    "\u{1D41A}",
    "\u{1D7CE}",
    "\uFF41",
    "\u24D0",
    "\u210E",
    "é",
    "Ł",
    "ṗ",
    "<!--",
    "-->",
    "```",
  );
  it("the wasm matches the reference on look-alike-heavy text", () => {
    fc.assert(
      fc.property(
        fc.array(tricky, { maxLength: 120 }).map((parts) => parts.join("")),
        compare,
      ),
      {
        numRuns: 2000,
        seed: 11,
      },
    );
  });

  it("the wasm matches the reference on runs of one script (the 16-byte paths at every alignment)", () => {
    // Runs of CJK, kana (and U+3000, U+3164), Hangul, Hebrew, Arabic (and U+061C), emoji, ... from
    // the differential check's palette: the normaliser moves always-kept bytes 16 at a time.
    const rand = seededRandom(5);
    for (let i = 0; i < 1500; i++) compare(randomText(rand, i % 20 === 0 ? 2000 : 200));
  });

  it("items inside a code fence count at the fence weight", () => {
    const out = scorer.score({ primary: "alpha\n```\nbeta\n```", context: "", flags: 0 });
    const values = new Set(Array.from(out.ngrams.value).map((v) => v.toFixed(6)));
    expect(values.size).toBe(2); // 1 outside, FENCE_WEIGHT inside (then normalised)
    const [a, b] = [...values].map(Number).sort((x, y) => x - y);
    expect(a! / b!).toBeCloseTo(FENCE_WEIGHT, 5);
  });

  it("an empty prompt has no n-grams, and the previous call's buckets are cleared", () => {
    scorer.score({ primary: "plenty of words here to fill some buckets", context: "", flags: 0 });
    expect(scorer.score({ primary: "", context: "", flags: 0 }).ngrams.index.length).toBe(0);
    compare("short");
  });

  it("bigrams do not cross from the context into the last turn", () => {
    const both = scorer.score({ primary: "world", context: "hello", flags: 0 });
    const buckets = new Set(both.ngrams.index);
    // Unigrams of both spans, no bigram: exactly two buckets (unless they collide).
    expect(buckets.size).toBeLessThanOrEqual(2);
  });
});
