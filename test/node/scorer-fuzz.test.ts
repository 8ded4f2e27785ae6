// Any text, however broken, scores without a trap, an exception or memory growth.
import fc from "fast-check";
import { expect, it } from "vitest";
import { loadScorer } from "../../tools/lib/scorer/node-scorer.ts";

const scorer = loadScorer();

// UTF-16 units of every kind, lone surrogates included, plus whole code points.
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
  fc.constantFrom("\u0000", "\ud800", "\udfff", "😀", "👩‍👩‍👧", "日本", "שלום", "\u202e", "```", "$\\frac", "\n    at f ("),
  fc.string({ unit: "grapheme", maxLength: 3 }),
);
const text = fc.string({ unit: anyUnit, maxLength: 400 });

function check(primary: string, context: string, flags: number, maxTokens: number) {
  const out = scorer.score({ primary, context, flags, maxTokens, turns: flags });
  expect(out.score).toBeGreaterThanOrEqual(0);
  expect(out.score).toBeLessThanOrEqual(1);
  expect(Number.isFinite(out.tokens) && out.tokens >= 0).toBe(true);
  for (const f of out.features) expect(Number.isFinite(f)).toBe(true);
  return out.score;
}

it("thousands of random strings: finite scores in [0, 1], deterministic, memory flat", () => {
  const before = scorer.memoryBytes;
  fc.assert(
    fc.property(text, text, fc.integer({ min: -1, max: 31 }), fc.integer(), (primary, context, flags, maxTokens) => {
      const first = check(primary, context, flags, maxTokens);
      expect(check(primary, context, flags, maxTokens)).toBe(first);
    }),
    { numRuns: 5000, seed: 20260601 },
  );
  expect(scorer.memoryBytes).toBe(before);
  // About 4 s alone; a CI run with workerd suites in parallel on 2 cores took over 20 s.
}, 120_000);

it("huge and pathological inputs stay bounded", () => {
  const before = scorer.memoryBytes;
  const oneMegabyteLine = "x".repeat(1 << 20);
  for (const primary of [
    oneMegabyteLine,
    "\u0000".repeat(300_000),
    "😀".repeat(200_000),
    "\ud800".repeat(200_000),
    "日本語".repeat(100_000),
    "\u202eمرحبا ".repeat(50_000),
    "(".repeat(500_000),
    "1".repeat(500_000),
    "a".repeat(499_999) + "\ud83d",
  ]) {
    check(primary, primary.slice(0, 70_000), 15, 1 << 30);
  }
  // The token estimate of a sampled input is extrapolated to the full length.
  const tokens = scorer.score({ primary: "lorem ipsum dolor sit amet ".repeat(40_000), context: "", flags: 0 }).tokens;
  expect(tokens).toBeGreaterThan(150_000);
  expect(tokens).toBeLessThan(260_000);
  expect(scorer.memoryBytes).toBe(before);
});
