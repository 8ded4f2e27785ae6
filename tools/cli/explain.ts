// Why the scorer scored a prompt the way it did: the wasm scorer is a logistic model over its
// feature vector, score = sigmoid(bias + Σ wᵢ · min(xᵢ, clipᵢ)) (assembly/score.ts), so each
// feature's contribution to the logit is exact, not an approximation.
import weightsFile from "../../wasm/scorer-weights.json";
import type { CanonicalRequest } from "../../src/schema/canonical.ts";
import { getScorer } from "../../src/score/default-scorer.ts";
import { promptView } from "../../src/score/prompt-view.ts";

export interface Contribution {
  feature: string;
  value: number;
  /** Value after clipping to the training range. */
  clipped: number;
  weight: number;
  /** weight × clipped: this feature's share of the logit. */
  contribution: number;
}

export interface Explanation {
  /** The heuristic score, recomputed from the parts below (equals the wasm scorer's). */
  score: number;
  bias: number;
  logit: number;
  /** Features with a non-zero value, largest |contribution| first. */
  fired: Contribution[];
  estimatedTokens: number;
}

export function explainScore(request: CanonicalRequest): Explanation {
  const out = getScorer().score(promptView(request));
  const { features, weights, clip, bias } = weightsFile as {
    features: string[];
    weights: number[];
    clip: number[];
    bias: number;
  };
  const fired: Contribution[] = [];
  let logit = bias;
  features.forEach((feature, i) => {
    const value = out.features[i]!;
    const clipped = Math.min(value, clip[i]!);
    const contribution = clipped * weights[i]!;
    logit += contribution;
    if (value !== 0) fired.push({ feature, value, clipped, weight: weights[i]!, contribution });
  });
  fired.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return { score: 1 / (1 + Math.exp(-logit)), bias, logit, fired, estimatedTokens: out.tokens };
}
