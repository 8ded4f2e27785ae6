// Before/after on the evaluation part (never the rows the calibration was fitted on): the
// uncalibrated router (deployment defaults, its own scores) against the calibrated one (the
// tenant's tiers and adjusted scores, decided by the Worker's exact path), through the project's
// evaluation library: APGR with a paired bootstrap, the operating points each policy actually
// picks (top-tier share, quality, cost, routed too low), and cost at equal quality.
import { servedTier } from "../../../src/learning/online/served-tier.ts";
import { TOP_TIER } from "../../../src/schema/canonical.ts";
import type { TierConfig } from "../../../src/score/tiering.ts";
import { compareRouters } from "../eval/compare.ts";
import { routerCostCurve, type CostPoint, type PricedPrompt } from "../eval/cost-quality.ts";
import { bootstrapIndices, percentileInterval, type Interval } from "../../lib/eval/bootstrap.ts";
import type { CalRow } from "./rows.ts";

export interface Price {
  input: number;
  output: number;
}

export interface EvalOptions {
  defaults: TierConfig;
  calibrated: TierConfig;
  /** The calibrated router's final score per row (adjusted when the calibration adjusts). */
  calibratedScores: Float64Array;
  prices?: { strong: Price; weak: Price } | undefined;
  /** Output tokens per answer when rows do not record them. */
  outputTokens: number;
  resamples: number;
  seed: number;
}

export interface OperatingPoint {
  strongShare: number;
  quality: number;
  /** Share of prompts served below the top tier on which the stronger model did better. */
  routedTooLow: number;
  /** USD per 1,000 prompts (priced pairs only). */
  costPer1k: number | null;
}

export interface CalibrationEvaluation {
  prompts: number;
  qualityStrong: number;
  qualityWeak: number;
  apgr: Record<"uncalibrated" | "calibrated", { value: number; interval: Interval }>;
  apgrDelta: { value: number; interval: Interval };
  points: Record<"uncalibrated" | "calibrated", OperatingPoint>;
  /** Each policy's cost against the other ranking's cheapest cost at the same quality (priced pairs). */
  equalQuality: {
    atCalibratedQuality: { calibrated: number; uncalibrated: number | null };
    atUncalibratedQuality: { calibrated: number | null; uncalibrated: number };
    /** 1 − calibrated / uncalibrated cost at the calibrated point's quality, with a paired bootstrap interval. */
    saving: { value: number | null; interval: Interval };
  } | null;
}

const BALANCED = { objective: "balanced" as const };

function priced(rows: readonly CalRow[], prices: { strong: Price; weak: Price }, outputTokens: number): PricedPrompt[] {
  const cost = (p: Price, r: CalRow, out: number) => (r.tokens * p.input + out * p.output) / 1e6;
  return rows.map((r) => ({
    cost: {
      strong: cost(prices.strong, r, r.outputTokens?.strong ?? outputTokens),
      weak: cost(prices.weak, r, r.outputTokens?.weak ?? outputTokens),
    },
    outcome: { strong: r.strong, weak: r.weak },
  }));
}

/** The calibrated policy's saving over the uncalibrated ranking at the same quality, on one sample. */
function savingOn(
  prompts: readonly PricedPrompt[],
  raw: ArrayLike<number>,
  servedTop: readonly boolean[],
  steps: number,
): number | null {
  let quality = 0;
  let cost = 0;
  prompts.forEach((p, i) => {
    const model = servedTop[i] ? "strong" : "weak";
    quality += p.outcome[model]!;
    cost += p.cost[model]!;
  });
  const other = costAt(routerCostCurve(prompts, raw, "weak", "strong", steps), quality / prompts.length);
  return other === null || other === 0 ? null : 1 - ((cost / prompts.length) * 1000) / other;
}

function point(
  rows: readonly CalRow[],
  scores: Float64Array,
  tiers: TierConfig,
  prompts?: PricedPrompt[],
): OperatingPoint {
  let top = 0;
  let quality = 0;
  let tooLow = 0;
  let cost = 0;
  rows.forEach((r, i) => {
    const strong = servedTier(scores[i]!, tiers, BALANCED) === TOP_TIER;
    if (strong) top++;
    else if (r.strong > r.weak) tooLow++;
    quality += strong ? r.strong : r.weak;
    if (prompts) cost += strong ? prompts[i]!.cost.strong! : prompts[i]!.cost.weak!;
  });
  const n = rows.length;
  return {
    strongShare: top / n,
    quality: quality / n,
    routedTooLow: tooLow / n,
    costPer1k: prompts ? (cost / n) * 1000 : null,
  };
}

/** Cheapest point of a router's cost curve reaching `quality` (USD per 1,000 prompts), or null. */
function costAt(curve: readonly CostPoint[], quality: number): number | null {
  const ok = curve.filter((p) => p.quality >= quality - 1e-12);
  return ok.length > 0 ? Math.min(...ok.map((p) => p.cost)) * 1000 : null;
}

export function evaluateCalibration(rows: readonly CalRow[], options: EvalOptions): CalibrationEvaluation {
  const raw = Float64Array.from(rows, (r) => r.raw);
  const outcomes = rows.map((r) => ({ strong: r.strong, weak: r.weak }));
  const reports = compareRouters(
    new Map([
      ["uncalibrated", raw],
      ["calibrated", options.calibratedScores],
    ]),
    outcomes,
    { resamples: options.resamples, seed: options.seed, reference: "uncalibrated" },
  );
  const [before, after] = reports as [(typeof reports)[0], (typeof reports)[0]];
  const prompts = options.prices ? priced(rows, options.prices, options.outputTokens) : undefined;
  const points = {
    uncalibrated: point(rows, raw, options.defaults, prompts),
    calibrated: point(rows, options.calibratedScores, options.calibrated, prompts),
  };
  let equalQuality: CalibrationEvaluation["equalQuality"] = null;
  if (prompts) {
    const steps = Math.min(rows.length, 1_000);
    const curveBefore = routerCostCurve(prompts, raw, "weak", "strong", steps);
    const curveAfter = routerCostCurve(prompts, options.calibratedScores, "weak", "strong", steps);
    const servedTop = rows.map(
      (_, i) => servedTier(options.calibratedScores[i]!, options.calibrated, BALANCED) === TOP_TIER,
    );
    const samples: number[] = [];
    for (const idx of bootstrapIndices(rows.length, options.resamples, options.seed)) {
      const saving = savingOn(
        Array.from(idx, (i) => prompts[i]!),
        Float64Array.from(idx, (i) => raw[i]!),
        Array.from(idx, (i) => servedTop[i]!),
        200,
      );
      if (saving !== null) samples.push(saving);
    }
    equalQuality = {
      saving: { value: savingOn(prompts, raw, servedTop, steps), interval: percentileInterval(samples) },
      atCalibratedQuality: {
        calibrated: points.calibrated.costPer1k!,
        uncalibrated: costAt(curveBefore, points.calibrated.quality),
      },
      atUncalibratedQuality: {
        calibrated: costAt(curveAfter, points.uncalibrated.quality),
        uncalibrated: points.uncalibrated.costPer1k!,
      },
    };
  }
  return {
    prompts: rows.length,
    qualityStrong: before.metrics.qualityStrong,
    qualityWeak: before.metrics.qualityWeak,
    apgr: {
      uncalibrated: { value: before.metrics.apgr, interval: before.apgrInterval },
      calibrated: { value: after.metrics.apgr, interval: after.apgrInterval },
    },
    apgrDelta: { value: after.apgrDeltaVsReference!.delta, interval: after.apgrDeltaVsReference!.interval },
    points,
    equalQuality,
  };
}
