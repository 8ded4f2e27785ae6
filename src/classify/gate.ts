// The cascade gate: the wasm scorer decides when it is confident. Uncertain
// prompts will go to the learned classifier (see the classifier issue); until it
// exists they keep the heuristic tier.
import type { CanonicalRequest } from "../schema/canonical";
import { getScorer } from "../score/default-scorer";
import { promptView } from "../score/prompt-view";
import { assignTier, type TierConfig } from "../score/tiering";
import type { RoutingDecision } from "./decision";

export function decideTier(request: CanonicalRequest, tiers: TierConfig): RoutingDecision {
  const { score } = getScorer().score(promptView(request));
  const assignment = assignTier(score, tiers);
  return { tier: assignment.tier, score, confidence: assignment.confidence, stage: "heuristic" };
}
