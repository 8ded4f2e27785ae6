// Why the scorer scored a prompt the way it did. The wasm scorer is linear (assembly/score.ts,
// docs/router-model.md):
//   z = bias + Σ_j w_j · min(x_j, clip_j),   score = sigmoid(z)
// This recomputes z in JS from the same weights, so the parts add up to the wasm's score, and
// lists each feature's part w_j · (x_j − typical_j) against the typical training prompt (the
// fit's feature means), so "+" means "needs a stronger model more than a typical prompt because of this".
import fit from "../../wasm/scorer-fit.json";
import model from "../../wasm/scorer-weights.json";
import type { CanonicalRequest } from "../../src/schema/canonical.ts";
import { getScorer } from "../../src/score/default-scorer.ts";
import { promptView } from "../../src/score/prompt-view.ts";

export interface Contribution {
  feature: string;
  value: number;
  /** w · (x − typical): positive pushes towards a stronger model. */
  contribution: number;
}

export interface Explanation {
  /** sigmoid(z), recomputed here (equals the wasm scorer's score up to float32 rounding). */
  score: number;
  z: number;
  /** The prompt's task topics (topic_* features), largest first. */
  topics: { topic: string; share: number }[];
  /** Every feature that moved z, largest |contribution| first. */
  inputs: Contribution[];
  estimatedTokens: number;
}

const typical: readonly number[] = fit.feature_means;

export function explainScore(request: CanonicalRequest): Explanation {
  const out = getScorer().score(promptView(request));
  let z = model.bias;
  const inputs: Contribution[] = [];
  out.features.forEach((x, j) => {
    const value = Math.min(x, model.clip[j]!);
    const w = model.weights[j]!;
    z += w * value;
    const contribution = w * (value - typical[j]!);
    if (contribution !== 0) inputs.push({ feature: model.features[j]!, value, contribution });
  });
  inputs.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const topics = model.features
    .map((name, j) => ({ name, share: out.features[j]! }))
    .filter((t) => t.name.startsWith("topic_") && t.share > 0)
    .map((t) => ({ topic: t.name.slice("topic_".length), share: t.share }))
    .sort((a, b) => b.share - a.share);
  return { score: 1 / (1 + Math.exp(-z)), z, topics, inputs, estimatedTokens: out.tokens };
}
