import { describe, expect, it } from "vitest";
import { FEATURE_NAMES } from "../../score/feature-names.ts";
import { adjustScore, compileAdjustment } from "../online/adjustment.ts";
import { fitCalibration, predict, type FitDecision, type FitInput, type FitLabel } from "./fit-calibration.ts";
import { sigmoid } from "./logistic.ts";
import { rng } from "../../../test/support/tenant-simulator.ts";

const DEFAULTS = { boundaries: [0.5861, 0.6243] as const, uncertaintyBand: 0.005 };
const OPTIONS = { minDecisions: 200, minLabels: 100, minPaired: 200, adjustFeatures: true, maxClassifierShare: 0.2 };
const BALANCED = { objective: "balanced" as const };

function traffic(n: number, seed: number, mean = 0.6, sd = 0.03) {
  const random = rng(seed);
  return Array.from({ length: n }, () => {
    const features = new Float32Array(FEATURE_NAMES.length).map(() => random());
    const u = Math.max(random(), 1e-9);
    const score = Math.min(
      0.8,
      Math.max(0.45, mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())),
    );
    return { score, features, objective: "balanced" as const };
  });
}

const input = (decisions: FitDecision[], labels: FitLabel[], target: FitInput["target"]): FitInput => ({
  decisions,
  labels,
  target,
  defaults: DEFAULTS,
  scorer: "test",
  featureNames: FEATURE_NAMES,
  options: OPTIONS,
});

describe("fitCalibration", () => {
  it("places the top boundary so the predicted top-tier share is the target, keeping the gate's share", () => {
    const decisions = traffic(5_000, 1);
    for (const value of [0.1, 0.3, 0.6]) {
      const fit = fitCalibration(input(decisions, [], { kind: "strong_share", value }));
      if (!fit.ok) throw new Error(fit.reason);
      const [low, high] = fit.body.tiers.boundaries;
      expect(low).toBeLessThan(high);
      const tiers = { boundaries: [low, high] as const, uncertaintyBand: fit.body.tiers.uncertainty_band };
      const scores = Float64Array.from(decisions, (d) => d.score);
      const shares = predict(scores, decisions, tiers);
      expect(Math.abs(shares.strongShare - value)).toBeLessThan(0.005);
      const before = predict(scores, decisions, DEFAULTS);
      expect(shares.classifierShare).toBeLessThanOrEqual(Math.min(0.2, before.classifierShare) + 1e-9);
      expect((fit.body.evidence.predicted as { strong_share: number }).strong_share).toBeCloseTo(shares.strongShare, 5);
    }
  });

  it("is a pure function of its input (same evidence, same calibration)", () => {
    const decisions = traffic(1_000, 2);
    const a = fitCalibration(input(decisions, [], { kind: "strong_share", value: 0.3 }));
    const b = fitCalibration(input([...decisions], [], { kind: "strong_share", value: 0.3 }));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("refuses to fit on too little evidence, and says why", () => {
    const few = fitCalibration(input(traffic(50, 3), [], { kind: "strong_share", value: 0.3 }));
    expect(few).toMatchObject({ ok: false, reason: expect.stringContaining("200 auto-routed decisions") });
    const unlabelled = fitCalibration(input(traffic(500, 3), [], { kind: "max_under_routing", value: 0.05 }));
    expect(unlabelled).toMatchObject({ ok: false, reason: expect.stringContaining("labelled outcomes") });
  });

  it("meets a quality floor: the cheapest boundary whose estimated routed-too-low share is within it", () => {
    const random = rng(5);
    const decisions = traffic(4_000, 6);
    const truth = (s: number) => sigmoid(50 * (s - 0.6));
    // Labels from answers served below the top tier: thumbs down (1) when a stronger model did better.
    const labels = decisions.slice(0, 2_000).map((d) => ({
      score: d.score,
      y: random() < truth(d.score) ? 1 : 0.5,
      paired: false,
    }));
    const fit = fitCalibration(input(decisions, labels, { kind: "max_under_routing", value: 0.05 }));
    if (!fit.ok) throw new Error(fit.reason);
    const tiers = { boundaries: fit.body.tiers.boundaries, uncertaintyBand: fit.body.tiers.uncertainty_band };
    const scores = Float64Array.from(decisions, (d) => d.score);
    const under = predict(scores, decisions, tiers, truth).underRouting!;
    expect(Math.abs(under - 0.05)).toBeLessThan(0.01);
  });

  it("adds a score adjustment only when paired outcomes show a feature re-ranks prompts", () => {
    const random = rng(7);
    const decisions = traffic(3_000, 8);
    const useful = FEATURE_NAMES.indexOf("log_code_lines");
    // The tenant's truth: the stronger model helps on prompts high in one feature, whatever the score.
    const winRate = (d: (typeof decisions)[0]) => sigmoid(6 * (d.features[useful]! - 0.5));
    const paired = (signal: boolean) =>
      decisions.slice(0, 1_500).map((d) => {
        const p = signal ? winRate(d) : 0.5;
        return { score: d.score, features: d.features, y: random() < p ? 1 : random() < 0.5 ? 0.5 : 0, paired: true };
      });
    const withSignal = fitCalibration(input(decisions, paired(true), { kind: "strong_share", value: 0.3 }));
    if (!withSignal.ok) throw new Error(withSignal.reason);
    const adjustment = withSignal.body.adjustment!;
    expect(adjustment).not.toBeNull();
    const weights = new Map(adjustment.features.map((f) => [f.name, Math.abs(f.weight)]));
    expect(Math.max(...weights.values())).toBe(weights.get("log_code_lines"));
    const compiled = compileAdjustment(adjustment, FEATURE_NAMES)!;
    const high = new Float32Array(FEATURE_NAMES.length).fill(0.5);
    const low = high.slice();
    high[useful] = 0.95;
    low[useful] = 0.05;
    expect(adjustScore(compiled, 0.6, high)).toBeGreaterThan(adjustScore(compiled, 0.6, low));

    const noise = fitCalibration(input(decisions, paired(false), { kind: "strong_share", value: 0.3 }));
    expect(noise.ok && noise.body.adjustment).toBeNull();
  });
});
