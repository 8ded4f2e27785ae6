// The METHODS.md §1 two-model protocol as pure functions: a router gives each
// prompt a score s (higher = needs the strong model); for thresholds at the
// deciles of s, plus all-weak and all-strong, prompts with s >= t go to the
// strong model. Quality, PGR, APGR and CPT follow from the resulting curve.

/** Outcomes of one prompt under the two models, each in [0, 1]. */
export interface PairOutcome {
  strong: number;
  weak: number;
}

export interface CurvePoint {
  threshold: number;
  /** Fraction of prompts routed to the strong model. */
  strongShare: number;
  /** Mean outcome of the model each prompt was routed to. */
  quality: number;
  /** Performance gap recovered: (quality - q_weak) / (q_strong - q_weak). */
  pgr: number;
}

export interface TwoModelMetrics {
  apgr: number;
  /** Smallest strong share reaching PGR 0.5 / 0.8 (linear interpolation on the curve). */
  cpt50: number;
  cpt80: number;
  qualityStrong: number;
  qualityWeak: number;
  curve: CurvePoint[];
}

/** Index k in 1..9 of the sorted scores marks the k-th decile threshold. */
export function decileThresholds(scores: ArrayLike<number>): number[] {
  const sorted = Float64Array.from(scores).sort();
  const thresholds: number[] = [];
  for (let k = 1; k <= 9; k++) thresholds.push(sorted[Math.floor((k * sorted.length) / 10)]!);
  return thresholds;
}

/**
 * The routing curve of one score vector, sorted by strong share (0 first, 1 last).
 * Thresholds that select the same set of prompts collapse into one point.
 */
export function routingCurve(scores: ArrayLike<number>, outcomes: readonly PairOutcome[]): CurvePoint[] {
  const n = scores.length;
  if (n === 0 || n !== outcomes.length)
    throw new Error("routingCurve: scores and outcomes must be non-empty and aligned");
  let sumStrong = 0;
  let sumWeak = 0;
  for (const o of outcomes) {
    sumStrong += o.strong;
    sumWeak += o.weak;
  }
  const qStrong = sumStrong / n;
  const qWeak = sumWeak / n;
  const gap = qStrong - qWeak;

  const thresholds = [Infinity, ...decileThresholds(scores), -Infinity];
  const points = new Map<number, CurvePoint>();
  for (const threshold of thresholds) {
    let routed = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const o = outcomes[i]!;
      if (scores[i]! >= threshold) {
        routed++;
        sum += o.strong;
      } else sum += o.weak;
    }
    const quality = sum / n;
    if (!points.has(routed)) {
      points.set(routed, { threshold, strongShare: routed / n, quality, pgr: (quality - qWeak) / gap });
    }
  }
  return [...points.values()].sort((a, b) => a.strongShare - b.strongShare);
}

/** Area under PGR over strong share in [0, 1], by the trapezoid rule. */
export function areaUnderPgr(curve: readonly CurvePoint[]): number {
  let area = 0;
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1]!;
    const b = curve[i]!;
    area += ((b.strongShare - a.strongShare) * (a.pgr + b.pgr)) / 2;
  }
  return area;
}

/** Smallest strong share at which the (piecewise linear) curve reaches `target` PGR; NaN if never. */
export function callPerformanceThreshold(curve: readonly CurvePoint[], target: number): number {
  for (let i = 0; i < curve.length; i++) {
    const b = curve[i]!;
    if (b.pgr < target) continue;
    if (i === 0) return b.strongShare;
    const a = curve[i - 1]!;
    return a.strongShare + ((target - a.pgr) * (b.strongShare - a.strongShare)) / (b.pgr - a.pgr);
  }
  return Number.NaN;
}

export function twoModelMetrics(scores: ArrayLike<number>, outcomes: readonly PairOutcome[]): TwoModelMetrics {
  const curve = routingCurve(scores, outcomes);
  const first = curve[0]!;
  const last = curve[curve.length - 1]!;
  return {
    apgr: areaUnderPgr(curve),
    cpt50: callPerformanceThreshold(curve, 0.5),
    cpt80: callPerformanceThreshold(curve, 0.8),
    qualityWeak: first.quality,
    qualityStrong: last.quality,
    curve,
  };
}
