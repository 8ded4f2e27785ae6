// Seeded resampling: the same seed gives the same intervals on any machine.

import { seededRandom } from "../../../src/util/seeded-random.ts";

export { seededRandom };

/** Indices of `resamples` bootstrap samples of n items (with replacement). */
export function* bootstrapIndices(n: number, resamples: number, seed: number): Generator<Uint32Array> {
  const rng = seededRandom(seed);
  for (let r = 0; r < resamples; r++) {
    const idx = new Uint32Array(n);
    for (let i = 0; i < n; i++) idx[i] = Math.floor(rng() * n);
    yield idx;
  }
}

/** Linear-interpolated quantile (q in [0, 1]) of finite values; NaN when none. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export interface Interval {
  low: number;
  high: number;
}

/** The central 95% percentile interval. */
export function percentileInterval(values: readonly number[]): Interval {
  return { low: quantile(values, 0.025), high: quantile(values, 0.975) };
}
