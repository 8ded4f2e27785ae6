import { describe, expect, it } from "vitest";
import { weightedQuantile } from "./fit-scorer.ts";
import { fitTierDefaults, uncertainShare } from "./tier-defaults.ts";

describe("tier defaults", () => {
  it("weighted quantiles and uncertain shares by hand", () => {
    expect(weightedQuantile([1, 2, 3, 4], [1, 1, 1, 1], 0.5)).toBe(2);
    expect(weightedQuantile([1, 2, 3, 4], [1, 1, 1, 5], 0.5)).toBe(4);
    expect(uncertainShare([0.1, 0.29, 0.5, 0.71], [0.3, 0.7], 0.02)).toBe(0.5);
  });

  it("boundaries give chat prompts the stated shares; the band keeps every group under the target", () => {
    const chat = Array.from({ length: 100 }, (_, i) => i / 100);
    const sets = new Map([["A", Array.from({ length: 50 }, (_, i) => 0.3 + i / 500)]]);
    const d = fitTierDefaults(chat, sets, { complex: 0.3, simple: 0.35, classifier: 0.2 });
    expect(d.tier_boundaries).toEqual([0.34, 0.69]);
    expect(chat.filter((s) => s >= d.tier_boundaries[1]).length).toBe(31); // 0.69 itself and above
    expect(d.uncertainty_band).toBeGreaterThan(0);
    expect(d.evidence.classifier_share_train).toBeLessThanOrEqual(0.2);
    // Set A crowds the lower boundary: the band is narrowed for it, not for chat alone.
    const alone = fitTierDefaults(chat, new Map(), { complex: 0.3, simple: 0.35, classifier: 0.2 });
    expect(d.uncertainty_band).toBeLessThan(alone.uncertainty_band);
  });
});
