// wasm/scorer-weights.json: the fitted linear model the wasm scores with (see
// assembly/score.ts), the word-topic table it was fitted with, and the tier
// defaults fitted with it. Written by tools/build/train/main.ts; checked here before a
// number reaches wasm memory.
// Node tools import this file too, hence the `.ts` imports.

export const SCORER_MODEL_FORMAT = "triage-scorer/3";

export interface ScorerModel {
  /** SCORER_MODEL_FORMAT (a plain string: JSON imports type it so). */
  format: string;
  /** Feature names, in the wasm's order. */
  features: readonly string[];
  /** The word-topic table (wasm/scorer-topics.bin) the weights were fitted with. */
  topics: { names: readonly string[]; entries: number; sha256: string };
  /** z = bias + sum_j weights[j] * min(x_j, clip[j]); score = sigmoid(z). */
  bias: number;
  weights: readonly number[];
  /** Per feature: the largest training value (inputs are clipped to it). */
  clip: readonly number[];
  /** Tier boundaries and uncertainty band fitted on the training data (env variables override them). */
  defaults: { tier_boundaries: readonly number[]; uncertainty_band: number };
}

export interface ModelLimits {
  featureNames: readonly string[];
  topicNames: readonly string[];
  topicEntries: number;
}

/** Throws a message naming the first problem. */
export function checkScorerModel(model: ScorerModel, limits: ModelLimits): void {
  const fail = (why: string): never => {
    throw new Error(`scorer weights invalid: ${why} (run npm run train)`);
  };
  if (model.format !== SCORER_MODEL_FORMAT) fail(`format ${String(model.format)}, expected ${SCORER_MODEL_FORMAT}`);
  if (model.features.join() !== limits.featureNames.join()) fail("fitted for a different feature layout");
  if (model.topics?.names?.join() !== limits.topicNames.join()) fail("fitted for different topics");
  if (model.topics.entries !== limits.topicEntries)
    fail(`fitted with ${model.topics.entries} topic words, the table has ${limits.topicEntries}`);
  if (!Number.isFinite(model.bias)) fail("bias");
  const n = model.features.length;
  if (model.weights.length !== n || !model.weights.every(Number.isFinite)) fail("weights");
  if (model.clip.length !== n || model.clip.some(Number.isNaN)) fail("clip");
  const [low, high] = model.defaults.tier_boundaries as [number, number];
  if (
    model.defaults.tier_boundaries.length !== 2 ||
    !(low > 0 && low < high && high < 1) ||
    !(model.defaults.uncertainty_band >= 0)
  )
    fail("defaults");
}
