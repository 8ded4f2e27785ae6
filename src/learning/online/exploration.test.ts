import { describe, expect, it } from "vitest";
import { exploresDown } from "./exploration.ts";

const tiers = { boundaries: [0.4, 0.6] as const, uncertaintyBand: 0.01 };
const ids = Array.from({ length: 5_000 }, (_, i) => `dec_${i}`);
const share = (score: number, context: Parameters<typeof exploresDown>[4], p = 0.1) =>
  ids.filter((id) => exploresDown(id, p, score, tiers, context)).length / ids.length;

describe("exploration", () => {
  it("explores about the configured share of requests bound for the top tier, and no others", () => {
    expect(share(0.8, { objective: "balanced" })).toBeCloseTo(0.1, 1);
    expect(share(0.595, { objective: "balanced" })).toBeCloseTo(0.1, 1); // uncertain+1 puts it on top
    expect(share(0.5, { objective: "balanced" })).toBe(0);
  });

  it("never explores what the caller asked for, and is capped", () => {
    expect(share(0.8, { objective: "quality" })).toBe(0);
    expect(share(0.8, { objective: "balanced", minTier: "complex" })).toBe(0);
    expect(share(0.8, { objective: "balanced", stickyTier: "complex" })).toBe(0);
    expect(share(0.8, { objective: "balanced", capTier: "moderate" })).toBe(0);
    expect(share(0.8, { objective: "balanced" }, 0.9)).toBeLessThan(0.25); // MAX_EXPLORATION_SHARE
  });
});
