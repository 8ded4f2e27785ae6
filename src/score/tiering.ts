// Score -> tier and confidence. Boundaries and the uncertainty band are
// configuration (environment variables), not constants compiled into the wasm.
import { TIERS, type Tier } from "../schema/canonical.ts";

export interface TierConfig {
  /** Ascending: score < b[0] is simple, < b[1] moderate, else complex. */
  boundaries: readonly [number, number];
  /** Scores closer than this to a boundary are uncertain. */
  uncertaintyBand: number;
}

export interface TierAssignment {
  tier: Tier;
  /** Distance from the score to the nearest tier boundary. */
  confidence: number;
  uncertain: boolean;
}

export function assignTier(score: number, config: TierConfig): TierAssignment {
  const [low, high] = config.boundaries;
  const tier: Tier = score < low ? TIERS[0] : score < high ? TIERS[1] : TIERS[2];
  const confidence = Math.min(Math.abs(score - low), Math.abs(score - high));
  return { tier, confidence, uncertain: confidence < config.uncertaintyBand };
}
