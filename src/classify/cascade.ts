// The cascade rule, free of wasm, ORT and env so it is tested with an injected
// classifier: a confident scorer decides; an uncertain one (confidence below the
// band) hands over to the classifier when it is ready.
import type { NgramView, ScorerInput } from "../score/scorer.ts";
import { assignTier, type TierConfig } from "../score/tiering.ts";
import type { Tier } from "../schema/canonical.ts";
import type { ClassifierAccess } from "./classifier.ts";
import type { RoutingDecision } from "./decision.ts";

export interface Scored {
  score: number;
  /** The scorer's feature view (wasm memory): copied here before anything async. */
  features: Float32Array;
  /** The scorer's n-gram views (wasm memory): copied here before anything async. */
  ngrams?: NgramView;
  prompt: ScorerInput;
}

export interface CascadeDeps {
  /** Asked only for uncertain prompts (so confident traffic never loads the model). */
  classifier: () => ClassifierAccess | { state: "off" };
  onRunError: (error: unknown) => void;
  /** A tenant's score adjustment (learning/online/adjustment.ts): the tiers are on its scale. */
  adjust?: (score: number) => number;
}

export async function cascade(scored: Scored, tiers: TierConfig, deps: CascadeDeps): Promise<RoutingDecision> {
  const { adjust } = deps;
  const score = adjust ? adjust(scored.score) : scored.score;
  const heuristic = assignTier(score, tiers);
  const decided = (stage: RoutingDecision["stage"], tier: Tier = heuristic.tier): RoutingDecision => ({
    tier,
    score,
    confidence: heuristic.confidence,
    stage,
    ...(adjust ? { rawScore: scored.score } : {}),
  });
  if (!heuristic.uncertain) return decided("heuristic");

  const access = deps.classifier();
  switch (access.state) {
    case "off":
    case "not-bundled":
      return decided("heuristic");
    case "failed":
      return decided("heuristic-fallback");
    case "loading":
      return decided("heuristic-pending", saferTier(score, tiers));
    case "ready":
      try {
        const features = scored.features.slice();
        const ngrams = scored.ngrams && { index: scored.ngrams.index.slice(), value: scored.ngrams.value.slice() };
        const verdict = await access.classifier.classify({
          scorerFeatures: features,
          ...(ngrams ? { ngrams } : {}),
          prompt: scored.prompt,
          boundaries: tiers.boundaries,
        });
        if (!adjust) {
          return { tier: verdict.tier, score: verdict.score, confidence: verdict.confidence, stage: "classifier" };
        }
        // The classifier's p_strong is on the scorer's scale: adjust it the same way, tier it on the tenant's scale.
        const adjusted = adjust(verdict.score);
        const tiered = assignTier(adjusted, tiers);
        return {
          tier: tiered.tier,
          score: adjusted,
          confidence: tiered.confidence,
          stage: "classifier",
          rawScore: verdict.score,
        };
      } catch (error) {
        deps.onRunError(error);
        return decided("heuristic-fallback");
      }
  }
}

/**
 * The safe choice while the classifier loads: the upper side of the boundary the
 * score is uncertain about — one tier up when the score is just below it, the
 * heuristic tier when it is just above (going further up would add cost, not safety).
 */
export function saferTier(score: number, tiers: TierConfig): Tier {
  const [low, high] = tiers.boundaries;
  const nearest = Math.abs(score - low) <= Math.abs(score - high) ? low : high;
  return assignTier(Math.max(score, nearest), tiers).tier;
}
