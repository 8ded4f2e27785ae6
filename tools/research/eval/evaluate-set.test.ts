import { describe, expect, it } from "vitest";
import type { DataRow } from "../../lib/eval/data.ts";
import { evaluateSet, type RoutedRow } from "./evaluate-set.ts";
import { ticksWithin } from "../../lib/chart.ts";

const tiers = { boundaries: [0.4, 0.6] as [number, number], uncertaintyBand: 0.01 };

function routed(n: number): RoutedRow[] {
  return Array.from({ length: n }, (_, i) => {
    const helps = i % 4 === 0; // the strong model alone is right on every fourth prompt
    const row: DataRow = {
      id: `t/${i}`,
      set: "t",
      category: helps ? "hard" : "easy",
      prompt: "x".repeat(1 + ((i * 7) % 13)),
      split: "test",
      outcomes: { strong: 1, weak: helps ? 0 : 1, ref: 0.5 },
      meta: i === 1 ? { label_suspect: true } : {},
    };
    const score = helps ? 0.9 : 0.1 + (i % 3) / 100;
    return {
      row,
      scorer: score,
      classifier: score,
      cascade: score,
      stage: i % 5 === 0 ? "classifier" : "heuristic",
      tier: helps ? "complex" : "simple",
      tokens: 10,
    };
  });
}

describe("evaluateSet", () => {
  it("a router that knows where the strong model helps gets the oracle's APGR, tiers all right", () => {
    const r = evaluateSet(
      "t",
      "0".repeat(64),
      routed(40),
      {
        pairs: [{ strong: "strong", weak: "weak" }],
        suspectSplit: true,
        tierMap: [
          { model: "weak", maxTier: "moderate" },
          { model: "strong", maxTier: "complex" },
        ],
      },
      { resamples: 50, seed: 1, tiers },
    );
    expect(r.prompts).toBe(40);
    expect(r.classifierShare).toBeCloseTo(8 / 40, 12);
    expect(r.pairs.map((p) => p.name)).toEqual(["strong vs weak", "without label_suspect"]);
    const get = (name: string) => r.pairs[0]!.reports.find((x) => x.name === name)!.metrics.apgr;
    expect(Math.abs(get("cascade") - get("oracle"))).toBeLessThan(0.01); // decile thresholds: not exact
    expect(get("cascade")).toBeGreaterThan(get("length"));
    expect(r.tiers!.cascade.accuracy).toBe(1);
    expect(r.tiers!.cascade.underRouting).toBe(0);
    expect(r.pairs[0]!.reports.some((x) => x.name === "category")).toBe(false); // no train rows given
  });

  it("told the category: rates from the given train rows only, label_suspect ones left out with the test rows", () => {
    const train = (category: string, strong: number, weak: number, suspect = false): DataRow => ({
      id: `t/train/${category}`,
      set: "t",
      category,
      prompt: "y",
      split: "train",
      outcomes: { strong, weak },
      meta: suspect ? { label_suspect: true } : {},
    });
    // Clean train rows rank easy above hard: the reverse of the test rows (where only hard gains).
    // The label_suspect ones (gain -1 on easy) put hard first again, so only the all-rows variant ranks right.
    // Were the test rows leaked into the rates, the clean variant would rank hard first too.
    const trainRows = [
      ...[0, 1].flatMap(() => [train("hard", 1, 1), train("easy", 1, 0)]),
      ...Array.from({ length: 6 }, () => train("easy", 0, 1, true)),
    ];
    const spec = { pairs: [{ strong: "strong", weak: "weak" }], suspectSplit: true };
    const r = evaluateSet("t", "0".repeat(64), routed(40), spec, { resamples: 50, seed: 1, tiers }, trainRows);
    const get = (p: number, name: string) => r.pairs[p]!.reports.find((x) => x.name === name)!.metrics.apgr;
    expect(r.pairs.map((p) => p.categories)).toEqual([2, 2]);
    expect(Math.abs(get(0, "category") - get(0, "oracle"))).toBeLessThan(0.01);
    expect(get(1, "category")).toBeLessThan(0.3); // the reversed ranking
    expect(r.pairs[1]!.reports.find((x) => x.name === "category")!.apgrInterval.high).toBeLessThan(0.5);
    expect(r.labelSuspect).toEqual({ prompts: 1, categories: ["easy"], trainGain: -1 });
  });
});

it("chart ticks are round numbers inside the range", () => {
  expect(ticksWithin([0, 1])).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  expect(ticksWithin([-0.2, 1.6])).toEqual([0, 0.5, 1, 1.5]);
  expect(ticksWithin([0.3, 1.1], 8)).toEqual([0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1]);
});
