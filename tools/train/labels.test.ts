import { describe, expect, it } from "vitest";
import { tierLabel, winRateTarget } from "./labels.ts";

describe("winRateTarget (strong model's win rate over the weak, ties half)", () => {
  it.each([
    [1, 0, 1], // only the strong model is right: routing up pays
    [1, 1, 0.5], // both right: a tie
    [0, 0, 0.5], // both wrong: a tie too (routing up buys nothing)
    [0, 1, 0], // only the weak model is right: routing up loses
    [0.75, 0.25, 0.75], // judge scores in between
  ])("strong %d, weak %d -> %d", (strong, weak, y) => {
    expect(winRateTarget(strong, weak)).toBe(y);
  });

  it("refuses missing outcomes", () => {
    expect(() => winRateTarget(Number.NaN, 1)).toThrow(/finite/);
  });
});

describe("tierLabel (cheapest sufficient tier)", () => {
  const tiers = { simple: ["small"], moderate: ["mid"], complex: ["big", "big2"] };
  it.each([
    [{ small: 1, mid: 1, big: 1, big2: 1 }, "simple"],
    [{ small: 0, mid: 1, big: 1, big2: 1 }, "moderate"],
    [{ small: 0, mid: 0, big: 0, big2: 1 }, "complex"], // any model of the tier succeeding is enough
    [{ small: 0, mid: 0, big: 0, big2: 0 }, "simple"], // none succeeds: nothing is bought by routing up
    [{ small: 0.4, mid: 0.5, big: 1, big2: 1 }, "moderate"], // success = outcome >= 0.5
    [{ mid: 1 }, "moderate"], // a missing model does not count
  ] as const)("%j -> %s", (outcomes, label) => {
    expect(tierLabel(outcomes, tiers)).toBe(label);
  });

  it("is undefined when no tier model has an outcome", () => {
    expect(tierLabel({ other: 1 }, tiers)).toBeUndefined();
  });
});
