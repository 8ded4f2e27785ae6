import { describe, expect, it } from "vitest";
import { assignTier } from "./tiering.ts";

const config = { boundaries: [0.3, 0.7] as const, uncertaintyBand: 0.05 };

describe("assignTier", () => {
  it.each([
    [0, "simple"],
    [0.29, "simple"],
    [0.3, "moderate"],
    [0.69, "moderate"],
    [0.7, "complex"],
    [1, "complex"],
  ] as const)("score %d -> %s", (score, tier) => {
    expect(assignTier(score, config).tier).toBe(tier);
  });

  it("confidence is the distance to the nearest boundary; uncertain inside the band", () => {
    expect(assignTier(0.5, config)).toEqual({ tier: "moderate", confidence: expect.closeTo(0.2, 9), uncertain: false });
    expect(assignTier(0.32, config).uncertain).toBe(true);
    expect(assignTier(0.26, config).uncertain).toBe(true);
    expect(assignTier(0.9, config).uncertain).toBe(false);
  });
});
