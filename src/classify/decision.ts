import type { Tier } from "../schema/canonical";

/** Which stage made the tier decision (reported in x-router-stage). */
export type DecisionStage = "heuristic" | "classifier" | "override";

export interface RoutingDecision {
  tier: Tier;
  /** P(a stronger model is needed), from the stage that decided. */
  score: number;
  /** Distance of the score to the nearest tier boundary. */
  confidence: number;
  stage: DecisionStage;
}
