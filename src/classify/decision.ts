import type { Tier } from "../schema/canonical.ts";

/**
 * Which stage made the tier decision (reported in x-router-stage):
 * - `heuristic`: the wasm scorer, confident (or uncertain with the classifier switched off / not bundled);
 * - `classifier`: the scorer was uncertain and the ONNX classifier decided;
 * - `heuristic-pending`: uncertain while the classifier is still loading — the safe side of the
 *   uncertain boundary was taken (one tier up when the score is just below it);
 * - `heuristic-fallback`: uncertain and the classifier failed (load or inference) — heuristic tier;
 * - `override`: a concrete model was requested; nothing was scored.
 */
export type DecisionStage = "heuristic" | "classifier" | "heuristic-pending" | "heuristic-fallback" | "override";

export interface RoutingDecision {
  tier: Tier;
  /** P(a stronger model is needed), from the stage that decided. */
  score: number;
  /** Distance of the score to the nearest tier boundary. */
  confidence: number;
  stage: DecisionStage;
  /** The score before a tenant's calibration adjusted it (set only when one did). */
  rawScore?: number;
  /** The scorer's dense features (an owned copy), for the decision record and calibration. */
  features?: Float32Array;
}
