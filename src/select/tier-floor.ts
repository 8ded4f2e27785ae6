// The tier floor: the lowest tier a candidate must serve well. Each step that raises it is
// recorded so the decision can say why (x-router-tier-floor).
//
//   decided tier (scorer/classifier)          e.g. "decided=simple"
//   + 1 when the decision is uncertain         "uncertain+1"   (not for auto:cost, which trusts the decision)
//   + 1 for auto:quality                        "quality+1"
//   raised to router.min_tier                   "min_tier=complex"
//   raised to the conversation's sticky tier    "sticky=moderate" (never drop a tier mid-conversation)
//   raised to a requested model's tier          "model=moderate"  (fallbacks must be as capable)
//   capped at the policy's max_tier             reported separately as a tier cap
import { TIERS, tierRank, type Tier } from "../schema/canonical.ts";
import type { Objective } from "../schema/router-options.ts";

export interface FloorInput {
  decided: Tier;
  /** The prompt may belong to the next tier up (score within the uncertainty band below a boundary). */
  uncertain: boolean;
  objective: Objective;
  minTier?: Tier | undefined;
  stickyTier?: Tier | undefined;
  requestedTier?: Tier | undefined;
}

export interface Floor {
  tier: Tier;
  reasons: string[];
}

const TOP = TIERS.length - 1;

export function tierFloor(input: FloorInput): Floor {
  let rank = tierRank(input.decided);
  const reasons = [`decided=${input.decided}`];
  const bump = (reason: string) => {
    if (rank < TOP) {
      rank += 1;
      reasons.push(reason);
    }
  };
  const raise = (tier: Tier | undefined, label: string) => {
    if (tier && tierRank(tier) > rank) {
      rank = tierRank(tier);
      reasons.push(`${label}=${tier}`);
    }
  };
  if (input.uncertain && input.objective !== "cost") bump("uncertain+1");
  if (input.objective === "quality") bump("quality+1");
  raise(input.minTier, "min_tier");
  raise(input.stickyTier, "sticky");
  raise(input.requestedTier, "model");
  return { tier: TIERS[rank]!, reasons };
}
