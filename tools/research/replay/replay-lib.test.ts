import { describe, expect, it } from "vitest";
import { quantile, replay, routeAll, replayCatalog, type ReplayRow } from "./replay-lib.ts";

const PRICES = { strong: { input: 10, output: 30 }, weak: { input: 1, output: 1 } };

// Weak is right exactly on low-score prompts; strong is always right: a perfect router saves.
function rows(n: number, split: string): ReplayRow[] {
  return Array.from({ length: n }, (_, i) => {
    const score = i / n;
    return {
      id: `${split}-${i}`,
      split,
      score,
      inputTokens: 100,
      outcomes: { strong: 1, weak: score < 0.5 ? 1 : 0 },
      outputTokens: {},
    };
  });
}

describe("replay", () => {
  const data = [...rows(200, "train"), ...rows(100, "test")];

  it("routes through the selector: the best train model serves complex, the rest simple", () => {
    const catalog = replayCatalog(PRICES, "strong");
    expect(routeAll(data.slice(0, 2), catalog, 0.5)).toEqual(["weak", "weak"]);
    expect(routeAll(data.slice(150, 151), catalog, 0.5)).toEqual(["strong"]);
    expect(routeAll(data.slice(0, 1), catalog, null)).toEqual(["strong"]);
  });

  it("chooses the threshold on train and reports savings on test within 1 % quality loss", () => {
    const result = replay(data, PRICES);
    expect(result.best).toBe("strong");
    expect(result.chosenOnTrain.test.qualityLoss).toBeLessThanOrEqual(0.01);
    // Half the prompts go to a model costing 1/18.75 as much: ~47 % saved.
    const strongCost = (100 * 10 + 150 * 30) / 1e6;
    const weakCost = (100 * 1 + 150 * 1) / 1e6;
    expect(result.alwaysBest.costUsd).toBeCloseTo(100 * strongCost, 9);
    expect(result.chosenOnTrain.test.costSaved).toBeCloseTo((50 * (strongCost - weakCost)) / (100 * strongCost), 1);
    expect(result.oracle.costSaved).toBeGreaterThanOrEqual(result.chosenOnTrain.test.costSaved - 1e-9);
    expect(result.randomBaseline.costSaved).toBeLessThan(result.chosenOnTrain.test.costSaved);
  });

  it("saves nothing when the score carries no information and quality must be kept", () => {
    const noisy = data.map((row, i) => ({ ...row, score: ((i * 7919) % 101) / 101 }));
    expect(replay(noisy, PRICES).chosenOnTrain.test.costSaved).toBeLessThan(0.1);
  });

  it("quantile interpolates", () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
  });
});
