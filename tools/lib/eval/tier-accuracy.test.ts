import { describe, expect, it } from "vitest";
import { labelModel, servingModel, tierAccuracy, type TierMap } from "./tier-accuracy.ts";

// Two models, as in the RouteLLM sets: the cheap one serves simple and moderate.
const two: TierMap = [
  { model: "weak", maxTier: "moderate" },
  { model: "strong", maxTier: "complex" },
];

describe("tier accuracy", () => {
  it("serves a decided tier with the cheapest model that reaches it", () => {
    expect(servingModel(two, "simple")).toBe(0);
    expect(servingModel(two, "moderate")).toBe(0);
    expect(servingModel(two, "complex")).toBe(1);
    const gap: TierMap = [
      { model: "a", maxTier: "simple" },
      { model: "b", maxTier: "complex" },
    ];
    expect(servingModel(gap, "moderate")).toBe(1); // no moderate model: the next one up serves it
  });

  it("labels a prompt with the cheapest successful model (the cheapest when none succeeds)", () => {
    expect(labelModel(two, { weak: 1, strong: 1 })).toBe(0);
    expect(labelModel(two, { weak: 0, strong: 1 })).toBe(1);
    expect(labelModel(two, { weak: 0, strong: 0 })).toBe(0);
    expect(labelModel(two, { strong: 1 })).toBeUndefined();
  });

  it("counts accuracy, under- and over-routing on hand-made rows", () => {
    const rows: { outcomes: Record<string, number>; tier: "simple" | "moderate" | "complex" }[] = [
      { outcomes: { weak: 1, strong: 1 }, tier: "simple" }, // correct
      { outcomes: { weak: 1, strong: 1 }, tier: "complex" }, // over-routed
      { outcomes: { weak: 0, strong: 1 }, tier: "moderate" }, // under-routed (moderate = weak)
      { outcomes: { weak: 0, strong: 1 }, tier: "complex" }, // correct
      { outcomes: { weak: 0, strong: 0 }, tier: "simple" }, // correct (nothing to buy)
      { outcomes: { strong: 1 }, tier: "simple" }, // no label: skipped
    ];
    const t = tierAccuracy(two, rows);
    expect(t.prompts).toBe(5);
    expect(t.accuracy).toBeCloseTo(3 / 5, 12);
    expect(t.underRouting).toBeCloseTo(1 / 5, 12);
    expect(t.overRouting).toBeCloseTo(1 / 5, 12);
    expect(t.decided).toEqual({ simple: 2 / 5, moderate: 1 / 5, complex: 2 / 5 });
    expect(t.labels).toEqual({ weak: 3 / 5, strong: 2 / 5 });
    // Served outcomes: 1, 1, 0, 1, 0.
    expect(t.quality).toBeCloseTo(3 / 5, 12);
  });
});
