// The offline path on synthetic rows: a tenant whose models' gain depends on a feature the
// deployed score does not weigh. Fitted on one part, evaluated on another.
import { describe, expect, it } from "vitest";
import { adjustScore, compileAdjustment } from "../../../src/learning/online/adjustment.ts";
import { sigmoid } from "../../../src/learning/fit/logistic.ts";
import { rng } from "../../../test/support/tenant-simulator.ts";
import { FEATURE_NAMES } from "../../../src/score/feature-names.ts";
import { evaluateCalibration } from "./evaluate.ts";
import { fitByReplay, fitFromOutcomes, offlineCalibration } from "./fit.ts";
import type { CalRow } from "./rows.ts";

const DEFAULTS = { boundaries: [0.5861, 0.6243] as const, uncertaintyBand: 0.005 };
const KEY = FEATURE_NAMES.indexOf("log_math_words");

function rows(n: number, seed: number, part: CalRow["part"]): CalRow[] {
  const random = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const features = new Float32Array(FEATURE_NAMES.length).map(() => random());
    const raw = 0.55 + 0.1 * random();
    const gain = sigmoid(8 * (features[KEY]! - 0.6)); // the score knows nothing of it
    const strong = random() < 0.5 + 0.5 * gain ? 1 : 0;
    const weak = random() < 0.5 ? strong * (random() < 1 - gain ? 1 : 0) : 0;
    return { id: `${part}-${i}`, prompt: "p", part, strong, weak, raw, stage: "heuristic", features, tokens: 100 };
  });
}

const ctx = {
  tenant: "t",
  target: { kind: "strong_share" as const, value: 0.3 },
  defaults: DEFAULTS,
  scorer: "test",
  adjustFeatures: true,
};

function evaluate(fitRows: CalRow[], evalRows: CalRow[], fit: ReturnType<typeof fitFromOutcomes>) {
  if (!fit.ok) throw new Error(fit.reason);
  const calibration = offlineCalibration(fit, "t", 0);
  const compiled = calibration.adjustment ? compileAdjustment(calibration.adjustment, FEATURE_NAMES) : undefined;
  const scores = Float64Array.from(evalRows, (r) => (compiled ? adjustScore(compiled, r.raw, r.features) : r.raw));
  return {
    calibration,
    evaluation: evaluateCalibration(evalRows, {
      defaults: DEFAULTS,
      calibrated: { boundaries: calibration.tiers.boundaries, uncertaintyBand: calibration.tiers.uncertainty_band },
      calibratedScores: scores,
      prices: { strong: { input: 10, output: 30 }, weak: { input: 0.5, output: 1.5 } },
      outputTokens: 100,
      resamples: 200,
      seed: 1,
    }),
  };
}

describe("npm run calibrate (pure parts)", () => {
  const fitRows = rows(3_000, 1, "fit");
  const evalRows = rows(1_500, 2, "eval");

  it("outcomes mode: learns the tenant's ranking and hits the target on held-out rows", () => {
    const { calibration, evaluation } = evaluate(fitRows, evalRows, fitFromOutcomes(fitRows, ctx));
    expect(calibration).toMatchObject({ object: "router.calibration", version: 1, source: "offline" });
    expect(calibration.adjustment).not.toBeNull();
    expect(evaluation.apgrDelta.value).toBeGreaterThan(0.1);
    expect(evaluation.apgrDelta.interval.low).toBeGreaterThan(0);
    expect(Math.abs(evaluation.points.calibrated.strongShare - 0.3)).toBeLessThan(0.04);
    expect(evaluation.equalQuality!.saving.value).toBeGreaterThan(0);
  });

  it("replay mode: the simulated online loop publishes versions and ends near the target", () => {
    const replay = fitByReplay(fitRows, ctx, {
      seed: 1,
      feedbackShare: 0.5,
      shadowShare: 1,
      exploreShare: 0.05,
      everyDecisions: 200,
    });
    expect(replay.versions).toBeGreaterThan(5);
    expect(replay.shadow).toBeGreaterThan(1_000);
    const { evaluation } = evaluate(fitRows, evalRows, replay.fit!);
    expect(Math.abs(evaluation.points.calibrated.strongShare - 0.3)).toBeLessThan(0.05);
    expect(evaluation.apgrDelta.value).toBeGreaterThan(0.05);
  }, 60_000); // CPU-bound simulation: allow for a busy machine

  it("replay mode: downward comparisons label top-tier decisions too, and the fit uses them", () => {
    const options = { seed: 1, feedbackShare: 0, shadowShare: 1, exploreShare: 0, everyDecisions: 200 };
    const up = fitByReplay(fitRows, ctx, options);
    const both = fitByReplay(fitRows, ctx, { ...options, shadowDownShare: 1 });
    expect(both.shadow).toBeGreaterThan(up.shadow + 300); // ~30% of the traffic is served at the top
    expect(both.shadow).toBeLessThanOrEqual(fitRows.length);
    if (!both.fit?.ok) throw new Error("no fit");
    expect(both.fit.body.evidence.paired).toBe(both.shadow); // none of the top-tier labels dropped
  }, 60_000); // CPU-bound simulation: allow for a busy machine
});
