import { describe, expect, it } from "vitest";
import { seededRandom } from "../../lib/eval/bootstrap.ts";
import { categoryGains, categoryScores, meanGain } from "./category-scores.ts";
import type { DataRow } from "../../lib/eval/data.ts";

const pair = { strong: "s", weak: "w" };
const row = (category: string | null, split: "train" | "test", s: number, w: number): DataRow => ({
  id: `x/${category}/${split}/${s}${w}`,
  set: "x",
  category,
  prompt: "p",
  split,
  outcomes: { s, w },
  meta: {},
});

describe("told the category", () => {
  // Train: a has gains 1, 0 (mean 0.5); b has gains 0, 0, -1 (mean -1/3); overall 0 / 5 = 0.
  const train = [
    row("a", "train", 1, 0),
    row("a", "train", 1, 1),
    row("b", "train", 1, 1),
    row("b", "train", 0, 0),
    row("b", "train", 0, 1),
  ];

  it("rates are the mean gain per category over the train rows", () => {
    const g = categoryGains(train, pair)!;
    expect(g.byCategory.get("a")).toBeCloseTo(0.5, 12);
    expect(g.byCategory.get("b")).toBeCloseTo(-1 / 3, 12);
    expect(g.overall).toBeCloseTo(0, 12);
  });

  it("test rows never enter the rates, whatever their outcomes", () => {
    // Leaked, these would pull a's rate below b's (reversing the ranking).
    const test = [...Array(8)].flatMap(() => [row("a", "test", 0, 1), row("b", "test", 1, 0)]);
    const g = categoryGains([...test, ...train, ...test], pair)!;
    expect([...g.byCategory]).toEqual([...categoryGains(train, pair)!.byCategory]);
    expect(g.overall).toBeCloseTo(0, 12);
  });

  it("rows without both outcomes are skipped; null categories count only in the overall mean", () => {
    const g = categoryGains(
      [...train, { ...row("a", "train", 0, 0), outcomes: { s: 0 } }, row(null, "train", 1, 0)],
      pair,
    )!;
    expect(g.byCategory.get("a")).toBeCloseTo(0.5, 12);
    expect(g.byCategory.has("null")).toBe(false);
    expect(g.overall).toBeCloseTo(1 / 6, 12);
  });

  it("needs two categories with train rows", () => {
    expect(categoryGains(train.slice(0, 2), pair)).toBeUndefined();
    expect(categoryGains([row(null, "train", 1, 0), row(null, "train", 0, 0)], pair)).toBeUndefined();
    expect(
      categoryGains(
        train.map((r) => ({ ...r, split: "test" as const })),
        pair,
      ),
    ).toBeUndefined();
  });

  it("scores: the category's rate, the overall rate for unseen or null categories, ties broken only inside a category", () => {
    const g = categoryGains(train, pair)!;
    const test = [
      ...Array.from({ length: 50 }, () => row("a", "test", 1, 1)),
      ...Array.from({ length: 50 }, () => row("b", "test", 1, 1)),
      row("c", "test", 1, 1),
      row(null, "test", 1, 1),
    ];
    const s = categoryScores(test, g, seededRandom(3));
    for (let i = 0; i < 50; i++) {
      expect(s[i]).toBeCloseTo(0.5, 8);
      expect(s[50 + i]).toBeCloseTo(-1 / 3, 8);
    }
    expect(s[100]).toBeCloseTo(0, 8);
    expect(s[101]).toBeCloseTo(0, 8);
    expect(Math.min(...s.slice(0, 50))).toBeGreaterThan(Math.max(...s.slice(50, 102)));
    expect(new Set(s.slice(0, 50)).size).toBe(50); // no ties left inside a
    // The order inside a category is random, not the row order.
    const ascending = s.slice(0, 50).every((x, i, a) => i === 0 || x > a[i - 1]!);
    expect(ascending).toBe(false);
    expect([...categoryScores(test, g, seededRandom(3))]).toEqual([...s]); // deterministic per seed
  });

  it("the jitter stays below half the smallest gap between rates", () => {
    const g = {
      byCategory: new Map([
        ["a", 0.1],
        ["b", 0.1 + 1e-12],
      ]),
      overall: 0,
    };
    const test = Array.from({ length: 200 }, (_, i) => row(i % 2 ? "a" : "b", "test", 0, 0));
    const s = categoryScores(test, g, seededRandom(1));
    const a = s.filter((_, i) => i % 2 === 1);
    const b = s.filter((_, i) => i % 2 === 0);
    expect(Math.max(...a)).toBeLessThan(Math.min(...b));
  });

  it("meanGain averages over rows with both outcomes", () => {
    expect(meanGain(train, pair)).toBeCloseTo(0, 12);
    expect(meanGain([row("a", "train", 1, 0), { ...row("a", "train", 0, 1), outcomes: { w: 1 } }], pair)).toBe(1);
    expect(meanGain([], pair)).toBeNaN();
  });
});
