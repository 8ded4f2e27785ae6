import { describe, expect, it } from "vitest";
import type { DataRow } from "./data.ts";
import { evaluateSet, type RoutedRow } from "./evaluate-set.ts";
import { ticks } from "./svg.ts";

const tiers = { boundaries: [0.4, 0.6] as [number, number], uncertaintyBand: 0.01 };

function routed(n: number): RoutedRow[] {
  return Array.from({ length: n }, (_, i) => {
    const helps = i % 4 === 0; // the strong model alone is right on every fourth prompt
    const row: DataRow = {
      id: `t/${i}`,
      set: "t",
      category: null,
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
  });
});

it("chart ticks are round numbers inside the range", () => {
  expect(ticks([0, 1])).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  expect(ticks([-0.2, 1.6])).toEqual([0, 0.5, 1, 1.5]);
  expect(ticks([0.3, 1.1], 8)).toEqual([0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1]);
});
