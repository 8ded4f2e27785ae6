// The calibration fit, pure (no I/O, no clock): shared by the tenant's Durable Object (online
// recalibration) and `npm run calibrate` (offline). From the tenant's recent auto-routed
// decisions (score, features, what else shaped the tier) and labelled outcomes (feedback and
// shadow comparisons), it fits
//   1. an optional score adjustment (score-adjustment-fit.ts), from paired outcomes only;
//   2. the top boundary, to the target: the share served by the top tier, or the cheapest
//      boundary whose estimated under-routing stays within the floor;
//   3. the lower boundary, keeping the deployment defaults' simple : moderate mix of the
//      tenant's non-top traffic;
//   4. the uncertainty band (the classifier gate), keeping the share of the tenant's traffic the
//      defaults send to the classifier (at most max_classifier_share).
// Predictions use servedTier(), the selector's own floor rule, so "strong share" means what the
// router will do, uncertainty bumps included.
import { TIERS, TOP_TIER } from "../../schema/canonical.ts";
import type { TierConfig } from "../../score/tiering.ts";
import { assignTier } from "../../score/tiering.ts";
import { adjustScore, compileAdjustment } from "../online/adjustment.ts";
import type { Adjustment, CalibrationBody, CalibrationTarget } from "../store/calibration-schema.ts";
import { fitScoreOnly } from "./logistic.ts";
import { fitAdjustment, type AdjustmentFit } from "./score-adjustment-fit.ts";
import { servedTier, type TierContext } from "../online/served-tier.ts";

export interface FitDecision extends TierContext {
  /** The decision's unadjusted score (the classifier's when it decided). */
  score: number;
  /** The scorer's dense features (absent: no adjustment can use this row). */
  features?: ArrayLike<number> | undefined;
}

export interface FitLabel {
  score: number;
  features?: ArrayLike<number> | undefined;
  /** A stronger model's win rate over the answer served (labels.ts). */
  y: number;
  /** Both answers were seen (shadow comparison): usable to fit the adjustment. */
  paired: boolean;
}

/**
 * Paired outcomes an adjustment is fitted on, at most (the most recent): as many as the default
 * decision window holds. A re-ranking gain is small per example (MMLU's replay: 0.0013 nats), so
 * it takes ~10,000 comparisons to tell it from noise; 20,000 fit in about 2.4 s of the alarm's CPU
 * (docs/bench/learning.md).
 */
export const MAX_PAIRED = 20_000;

export interface FitOptions {
  minDecisions: number;
  minLabels: number;
  minPaired: number;
  adjustFeatures: boolean;
  maxClassifierShare: number;
  /** At most this many paired outcomes (the most recent) fit the adjustment (default MAX_PAIRED). */
  maxPaired?: number;
}

export interface FitInput {
  decisions: readonly FitDecision[];
  labels: readonly FitLabel[];
  target: CalibrationTarget;
  /** The deployment's tiers (environment defaults): the starting point and the "before". */
  defaults: TierConfig;
  scorer: string;
  featureNames: readonly string[];
  options: FitOptions;
}

export type FitResult =
  { ok: true; body: CalibrationBody } | { ok: false; reason: string; evidence: Record<string, number | string | null> };

const r6 = (x: number) => Number(x.toFixed(6));

/** Shares under one configuration, on adjusted scores. */
export function predict(
  scores: Float64Array,
  contexts: readonly TierContext[],
  tiers: TierConfig,
  gain?: (score: number) => number,
  /** Where the gain is read (the adjusted scores when routing is judged on raw ones). */
  gainScores: Float64Array = scores,
) {
  let top = 0;
  let under = 0;
  let uncertain = 0;
  const [low, high] = tiers.boundaries;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    const tier = servedTier(s, tiers, contexts[i]!);
    if (tier === TOP_TIER) top++;
    else if (gain) under += gain(gainScores[i]!);
    if (Math.min(Math.abs(s - low), Math.abs(s - high)) < tiers.uncertaintyBand) uncertain++;
  }
  const n = Math.max(scores.length, 1);
  return { strongShare: top / n, underRouting: gain ? under / n : null, classifierShare: uncertain / n };
}

/** Value below which `share` of the sorted values lie. */
function quantileOf(sorted: Float64Array, share: number): number {
  if (sorted.length === 0) return 0.5;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.floor(share * sorted.length)));
  return sorted[at]!;
}

function shareBelow(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo / Math.max(sorted.length, 1);
}

const clampUnit = (x: number) => Math.min(0.999999, Math.max(0.000001, x));

export function fitCalibration(input: FitInput): FitResult {
  const { decisions, labels, target, defaults, options } = input;
  const counts = { decisions: decisions.length, labels: labels.length, paired: labels.filter((l) => l.paired).length };
  if (decisions.length < options.minDecisions) {
    return { ok: false, reason: `needs ${options.minDecisions} auto-routed decisions`, evidence: counts };
  }
  const quality = target.kind === "max_under_routing";
  if (quality && labels.length < options.minLabels) {
    return { ok: false, reason: `needs ${options.minLabels} labelled outcomes`, evidence: counts };
  }

  // 1. Adjustment (re-ranking), from paired outcomes with features.
  let adjustment: Adjustment | null = null;
  let adjustmentFit: AdjustmentFit | undefined;
  const paired = labels.filter((l) => l.paired && l.features).slice(-(options.maxPaired ?? MAX_PAIRED));
  if (options.adjustFeatures && paired.length >= options.minPaired) {
    adjustmentFit = fitAdjustment(
      paired.map((l) => ({ score: l.score, features: l.features!, y: l.y })),
      input.featureNames,
    );
    adjustment = adjustmentFit.adjustment;
  }
  const compiled = adjustment ? compileAdjustment(adjustment, input.featureNames) : undefined;
  const adjust = (score: number, features: ArrayLike<number> | undefined) =>
    compiled && features ? adjustScore(compiled, score, features) : score;
  const raw = Float64Array.from(decisions, (d) => d.score);
  const scores = Float64Array.from(decisions, (d) => adjust(d.score, d.features));
  const sorted = scores.slice().sort();

  // 2. The level model for quality targets: P(routed too low | adjusted score), fitted on
  //    max(0, 2y − 1): 1 when the stronger model did better (or the client said the answer was
  //    inadequate), 0 when it did not, and in between for graded feedback.
  let gain: ((s: number) => number) | undefined;
  if (labels.length >= options.minLabels) {
    gain = fitScoreOnly(
      Float64Array.from(labels, (l) => adjust(l.score, l.features)),
      Float64Array.from(labels, (l) => Math.max(0, 2 * l.y - 1)),
    );
  }

  // The defaults on this traffic: the "before", the simple : moderate mix and the gate's share.
  const before = predict(raw, decisions, defaults, gain, scores);
  let decidedSimple = 0;
  let decidedTop = 0;
  for (const s of raw) {
    const tier = assignTier(s, defaults).tier;
    if (tier === TIERS[0]) decidedSimple++;
    if (tier === TOP_TIER) decidedTop++;
  }
  const nonTop = raw.length - decidedTop;
  const simpleMix = nonTop > 0 ? decidedSimple / nonTop : 0.5;
  const gateShare = Math.min(options.maxClassifierShare, before.classifierShare);

  const span = Math.max(sorted[sorted.length - 1]! - sorted[0]!, 1e-6);
  const minGap = Math.max(span / 1000, 1e-6);
  const configFor = (high: number, band: number): TierConfig => {
    let low = quantileOf(sorted, simpleMix * shareBelow(sorted, high));
    if (!(low < high - minGap)) low = high - minGap;
    return { boundaries: [clampUnit(low), clampUnit(high)], uncertaintyBand: band };
  };
  // Candidate top boundaries: every observed score, plus one above them all (nothing on top).
  const candidates = Float64Array.from(new Set([...sorted, sorted[sorted.length - 1]! + minGap]))
    .filter((c) => c > sorted[0]! + minGap)
    .sort();
  const solveHigh = (band: number): number => {
    // Both quantities are monotone in the boundary: binary search over the candidates.
    const ok = (high: number) => {
      const p = predict(scores, decisions, configFor(high, band), gain);
      return quality ? (p.underRouting ?? 0) <= target.value : p.strongShare <= target.value;
    };
    let lo = 0;
    let hi = candidates.length - 1;
    if (quality) {
      // Largest boundary still within the floor (the cheapest that meets it).
      if (!ok(candidates[0]!)) return candidates[0]!;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (ok(candidates[mid]!)) lo = mid;
        else hi = mid - 1;
      }
      return candidates[lo]!;
    }
    // Smallest boundary whose share is within the target, or its neighbour below when closer.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ok(candidates[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    const share = (i: number) => predict(scores, decisions, configFor(candidates[i]!, band)).strongShare;
    return lo > 0 && Math.abs(share(lo - 1) - target.value) < Math.abs(share(lo) - target.value)
      ? candidates[lo - 1]!
      : candidates[lo]!;
  };
  // The widest band holding at most gateShare of the traffic: a quantile of distances to a boundary.
  const solveBand = (tiers: TierConfig): number => {
    const [low, high] = tiers.boundaries;
    const distances = Float64Array.from(scores, (s) => Math.min(Math.abs(s - low), Math.abs(s - high))).sort();
    const within = Math.floor(gateShare * distances.length);
    const band = within >= distances.length ? Infinity : distances[within]!;
    return Math.min(band, (high - low) / 2, 0.2);
  };

  let band = Math.min(defaults.uncertaintyBand, span / 10);
  let tiers = configFor(solveHigh(band), band);
  for (let round = 0; round < 2; round++) {
    band = solveBand(tiers);
    tiers = configFor(solveHigh(band), band);
  }
  // Six decimals in the stored object; the band is refitted on the rounded boundaries and
  // rounded down, so the gate's share stays within its bound.
  const boundaries: [number, number] = [r6(tiers.boundaries[0]), r6(tiers.boundaries[1])];
  const rounded: TierConfig = {
    boundaries,
    uncertaintyBand: Math.floor(solveBand({ boundaries, uncertaintyBand: 0 }) * 1e6) / 1e6,
  };
  if (!(rounded.boundaries[0] < rounded.boundaries[1])) {
    return { ok: false, reason: "boundaries collapse on this traffic", evidence: counts };
  }
  const after = predict(scores, decisions, rounded, gain);
  const shares = (p: ReturnType<typeof predict>) => ({
    strong_share: r6(p.strongShare),
    under_routing: p.underRouting === null ? null : r6(p.underRouting),
    classifier_share: r6(p.classifierShare),
  });
  return {
    ok: true,
    body: {
      source: "online",
      scorer: input.scorer,
      target,
      tiers: { boundaries: rounded.boundaries as [number, number], uncertainty_band: rounded.uncertaintyBand },
      adjustment,
      evidence: {
        ...counts,
        before: shares(before),
        predicted: shares(after),
        adjustment_cv: adjustmentFit ? adjustmentFit.cv : null,
      },
    },
  };
}
