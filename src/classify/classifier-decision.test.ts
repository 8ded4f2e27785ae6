import { describe, expect, it } from "vitest";
import { decideFromOutputs } from "./classifier-decision.ts";

describe("decideFromOutputs: p_strong rule", () => {
  const rule = { output: "p_strong" as const, boundaries: [0.3, 0.7] as [number, number] };
  it.each([
    [0.1, "simple", 0.2],
    [0.3, "moderate", 0],
    [0.5, "moderate", 0.2],
    [0.69, "moderate", 0.01],
    [0.95, "complex", 0.25],
  ] as const)("p_strong %d -> %s (confidence %d)", (p, tier, confidence) => {
    const verdict = decideFromOutputs({ pStrong: p }, rule);
    expect(verdict).toMatchObject({ tier, score: p });
    expect(verdict.confidence).toBeCloseTo(confidence, 9);
  });

  it("refuses a missing or non-finite output", () => {
    expect(() => decideFromOutputs({}, rule)).toThrow(/p_strong/);
    expect(() => decideFromOutputs({ pStrong: Number.NaN }, rule)).toThrow(/p_strong/);
  });
});

describe("decideFromOutputs: tier_probs rule", () => {
  const probs = (simple: number, moderate: number, complex: number) => ({ tierProbs: { simple, moderate, complex } });

  it("r = 0.5 picks the median tier, not the most likely one", () => {
    // Most likely is simple (0.45), but P(needs more than simple) = 0.55 > 0.5.
    expect(decideFromOutputs(probs(0.45, 0.2, 0.35), { output: "tier_probs", max_underroute_risk: 0.5 }).tier).toBe(
      "moderate",
    );
  });

  it("a smaller risk budget routes up", () => {
    const p = probs(0.7, 0.2, 0.1);
    expect(decideFromOutputs(p, { output: "tier_probs", max_underroute_risk: 0.5 }).tier).toBe("simple");
    expect(decideFromOutputs(p, { output: "tier_probs", max_underroute_risk: 0.25 }).tier).toBe("moderate");
    expect(decideFromOutputs(p, { output: "tier_probs", max_underroute_risk: 0.05 }).tier).toBe("complex");
  });

  it("score is the expected tier scaled to [0, 1]; confidence the margin to the risk threshold", () => {
    const verdict = decideFromOutputs(probs(0.2, 0.3, 0.5), { output: "tier_probs", max_underroute_risk: 0.4 });
    expect(verdict.score).toBeCloseTo(0.65, 9);
    expect(verdict.confidence).toBeCloseTo(0.1, 9); // |P(> moderate) 0.5 - 0.4|
    expect(verdict.tier).toBe("complex");
  });

  it("refuses missing tiers", () => {
    expect(() =>
      decideFromOutputs({ tierProbs: { simple: 1 } as never }, { output: "tier_probs", max_underroute_risk: 0.5 }),
    ).toThrow(/tier_probs/);
  });
});
