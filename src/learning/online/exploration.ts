// Bounded, visible exploration: a tenant may let a small share of the requests its policy
// would serve at the top tier be served one tier down. Their feedback is what tells calibration
// whether the top boundary could move up (nothing else observes a cheaper answer to a prompt
// that always goes to the strongest model). Requests whose top tier was asked for — min_tier,
// a sticky conversation, auto:quality, a pinned model — are never explored.
import { TIER_BELOW_TOP, TOP_TIER } from "../../schema/canonical.ts";
import type { TierConfig } from "../../score/tiering.ts";
import { sampled } from "./sampling.ts";
import { servedTier, type TierContext } from "./served-tier.ts";
import { MAX_EXPLORATION_SHARE } from "../store/settings-schema.ts";

export const EXPLORED_TIER = TIER_BELOW_TOP;

/** The caller (or its conversation) asked for the top tier: learning never serves or tries below it. */
export const topTierAskedFor = (context: TierContext): boolean =>
  context.objective === "quality" || context.minTier === TOP_TIER || context.stickyTier === TOP_TIER;

export function exploresDown(
  decisionId: string,
  share: number,
  score: number,
  tiers: TierConfig,
  context: TierContext,
): boolean {
  if (topTierAskedFor(context)) return false;
  if (context.capTier !== undefined) return false;
  if (servedTier(score, tiers, context) !== TOP_TIER) return false;
  return sampled(decisionId, "explore", Math.min(share, MAX_EXPLORATION_SHARE));
}
