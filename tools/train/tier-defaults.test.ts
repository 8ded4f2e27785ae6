import { describe, expect, it } from "vitest";
import { fitTierDefaults, uncertainShare, weightedQuantile } from "./tier-defaults.ts";

describe("tier defaults", () => {
  it("weighted quantiles and uncertain shares by hand", () => {
    expect(weightedQuantile([1, 2, 3, 4], [1, 1, 1, 1], 0.5)).toBe(2);
    expect(weightedQuantile([1, 2, 3, 4], [1, 1, 1, 5], 0.5)).toBe(4);
    expect(uncertainShare([0.1, 0.29, 0.5, 0.71], [1, 1, 1, 1], [0.3, 0.7], 0.02)).toBe(0.5);
  });

  it("upper boundary matches the share only the strong model solves; band keeps every set under the target", () => {
    // Set A: 10 prompts with scores 0.50..0.59; the strong model alone solves the top 2 (20%).
    // Set B: 10 prompts with scores 0.60..0.69; it alone solves the top 4 (40%).
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => ({
        set: "A",
        score: 0.5 + i / 100,
        pair: { strong: 1, weak: i >= 8 ? 0 : 1 },
      })),
      ...Array.from({ length: 10 }, (_, i) => ({
        set: "B",
        score: 0.6 + i / 100,
        pair: { strong: 1, weak: i >= 6 ? 0 : 1 },
      })),
    ];
    const d = fitTierDefaults(rows, 0.2);
    expect(d.evidence.complex_share_target).toBeCloseTo(0.3, 12); // mean of 20% and 40%
    expect(d.tier_boundaries[0]).toBeCloseTo(0.59, 12); // weighted median
    expect(d.tier_boundaries[1]).toBeCloseTo(0.63, 12); // 70% quantile: the top 30% are complex
    expect(d.evidence.classifier_share_train).toBeLessThanOrEqual(0.2);
    expect(d.uncertainty_band).toBeGreaterThan(0);
  });
});
