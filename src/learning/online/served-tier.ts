// The tier a routed request would be served at, as a pure function of its score and the
// tenant's tiers: the selector's tier floor (score tier, +1 when uncertain, objective bumps,
// min_tier, sticky tier) capped where the request was capped. Calibration fits boundaries
// with it, exploration reads it, and the simulator routes with it.
import { tierRank, TOP_TIER, type Tier } from "../../schema/canonical.ts";
import type { Objective } from "../../schema/router-options.ts";
import { assignTier, type TierConfig } from "../../score/tiering.ts";
import { tierFloor } from "../../select/tier-floor.ts";

/** What besides the score shaped a request's tier (recorded with each decision). */
export interface TierContext {
  objective: Objective;
  minTier?: Tier | undefined;
  stickyTier?: Tier | undefined;
  /** The tier the request was capped at (policy or availability), if it was. */
  capTier?: Tier | undefined;
}

/** The score is within the band below the boundary to the next tier up (as plan-route decides). */
export function uncertainBelow(score: number, tier: Tier, tiers: TierConfig): boolean {
  const next = tiers.boundaries[tierRank(tier)];
  return next !== undefined && tier !== TOP_TIER && next - score < tiers.uncertaintyBand;
}

export function servedTier(score: number, tiers: TierConfig, context: TierContext): Tier {
  const decided = assignTier(score, tiers).tier;
  const floor = tierFloor({
    decided,
    uncertain: uncertainBelow(score, decided, tiers),
    objective: context.objective,
    minTier: context.minTier,
    stickyTier: context.stickyTier,
  });
  const cap = context.capTier;
  return cap && tierRank(cap) < tierRank(floor.tier) ? cap : floor.tier;
}
