// Labels from outcomes (docs/evaluation.md, "Labels").
//
// Two-model sets (strong S, weak W, outcomes in [0, 1]): the target is the strong
// model's win rate over the weak one with ties counting half,
//   y = (1 + q_S - q_W) / 2   in [0, 1].
// S right, W wrong -> 1; both right or both wrong -> 0.5; W right, S wrong -> 0.
// Its expectation is (1 + expected gain) / 2, so ranking by the fitted score is
// ranking by expected gain, which is what APGR rewards. The old binary label
// ("S right and W wrong") treated "both wrong" like "both right" (fine) but also
// "W right, S wrong" like a tie (not fine: routing up loses there).
//
// Tier labels (many-model sets, evaluation): the cheapest tier one of whose models
// succeeds (outcome >= 0.5). When no tier succeeds, no tier buys quality, so the
// cheapest ("simple") is the right call and the label is "simple".
import type { TierLabel } from "../../src/classify/tier-labels.ts";

export function winRateTarget(strong: number, weak: number): number {
  if (!Number.isFinite(strong) || !Number.isFinite(weak)) throw new Error("outcomes must be finite");
  return Math.min(1, Math.max(0, (1 + strong - weak) / 2));
}

export type TierModels = Record<TierLabel, readonly string[]>;

export const SUCCESS = 0.5;

/** The cheapest tier with a successful model; undefined when the row has no outcome for any tier. */
export function tierLabel(outcomes: Record<string, number>, tiers: TierModels): TierLabel | undefined {
  let seen = false;
  for (const tier of ["simple", "moderate", "complex"] as const) {
    for (const model of tiers[tier]) {
      const q = outcomes[model];
      if (q === undefined) continue;
      seen = true;
      if (q >= SUCCESS) return tier;
    }
  }
  return seen ? "simple" : undefined;
}
