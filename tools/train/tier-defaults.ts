// The router's default tier boundaries and uncertainty band, fitted on out-of-fold
// scores of the training rows (each two-model set weighted equally, so the larger
// set does not decide alone). Stored in wasm/scorer-weights.json; the env
// variables ROUTER_TIER_BOUNDARIES / ROUTER_UNCERTAINTY_BAND override them.
//   upper boundary: "complex" gets the share of prompts that only the strong model
//                   solved in the training outcomes (matching marginals);
//   lower boundary: the weighted median: the half of prompts with the least
//                   expected gain is "simple";
//   band:           the widest band that sends at most `classifierShare` of each
//                   set's training prompts to the classifier.
import { SUCCESS } from "./labels.ts";
import type { PairOutcome } from "../eval/two-model.ts";

export interface ScoredRow {
  set: string;
  score: number;
  pair: PairOutcome;
}

export interface TierDefaults {
  tier_boundaries: [number, number];
  uncertainty_band: number;
  /** classifier_share_train: the largest share of any set's training prompts inside the band. */
  evidence: { complex_share_target: number; classifier_share_target: number; classifier_share_train: number };
}

/** Weighted quantile (weights need not sum to 1). */
export function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (const i of order) {
    acc += weights[i]!;
    if (acc >= q * total - 1e-9 * total) return values[i]!; // tolerance: sums of weights round
  }
  return values[order.at(-1)!]!;
}

/** Share (weighted) of scores closer than `band` to a boundary. */
export function uncertainShare(
  scores: readonly number[],
  weights: readonly number[],
  bounds: readonly number[],
  band: number,
) {
  let hit = 0;
  let total = 0;
  scores.forEach((s, i) => {
    total += weights[i]!;
    if (Math.min(...bounds.map((b) => Math.abs(s - b))) < band) hit += weights[i]!;
  });
  return hit / total;
}

export function fitTierDefaults(rows: readonly ScoredRow[], classifierShare: number): TierDefaults {
  const perSet = new Map<string, number>();
  for (const r of rows) perSet.set(r.set, (perSet.get(r.set) ?? 0) + 1);
  const weights = rows.map((r) => 1 / perSet.get(r.set)!);
  const scores = rows.map((r) => r.score);
  let onlyStrong = 0;
  rows.forEach((r, i) => {
    if (r.pair.strong >= SUCCESS && r.pair.weak < SUCCESS) onlyStrong += weights[i]!;
  });
  const complexShare = onlyStrong / perSet.size;
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const low = round(weightedQuantile(scores, weights, 0.5));
  const high = round(weightedQuantile(scores, weights, 1 - complexShare));
  if (!(low < high)) throw new Error(`tier defaults: boundaries ${low}, ${high} do not ascend`);
  // Widest band (0.0005 steps) whose uncertain share stays within the target on every set.
  const sets = [...perSet.keys()];
  const worstShare = (b: number) =>
    Math.max(
      ...sets.map((set) => {
        const mine = rows.filter((r) => r.set === set).map((r) => r.score);
        return uncertainShare(
          mine,
          mine.map(() => 1),
          [low, high],
          b,
        );
      }),
    );
  let band = 0;
  for (let b = 0.0005; b < (high - low) / 2; b += 0.0005) {
    if (worstShare(b) > classifierShare) break;
    band = round(b);
  }
  return {
    tier_boundaries: [low, high],
    uncertainty_band: band,
    evidence: {
      complex_share_target: round(complexShare),
      classifier_share_target: classifierShare,
      classifier_share_train: round(worstShare(band)),
    },
  };
}
