// wasm/scorer-weights.json: the fitted gated mixture the wasm scores with (see
// assembly/score.ts), plus the tier defaults fitted with it. Written by
// tools/train-router.ts; checked here before a byte reaches wasm memory.
// Node tools import this file too, hence the `.ts` imports.

export const SCORER_MODEL_FORMAT = "triage-scorer/2";

export interface ScorerModel {
  /** SCORER_MODEL_FORMAT (a plain string: JSON imports type it so). */
  format: string;
  /** Dense feature names, in the wasm's order. */
  features: readonly string[];
  ngrams: { buckets: number };
  /** Logit columns (a multiple of 4): the first groups.length are the gate. */
  columns: number;
  /** Prompt groups of the gate, in column order. */
  groups: readonly string[];
  /** Per group: the column of its linear expert (-1 for none) and its constant logit. */
  experts: readonly { column: number; logit: number }[];
  bias: readonly number[];
  /** Per dense feature: the largest training value (inputs are clipped to it). */
  clip: readonly number[];
  /** [features + buckets][columns] float32, little-endian, base64. */
  weights_f32_base64: string;
  /** Tier boundaries and uncertainty band fitted on the training data (env variables override them). */
  defaults: { tier_boundaries: readonly number[]; uncertainty_band: number };
}

export interface ModelLimits {
  featureNames: readonly string[];
  buckets: number;
  maxColumns: number;
  maxGroups: number;
}

/** Throws a message naming the first problem; returns the decoded weight matrix. */
export function checkScorerModel(model: ScorerModel, limits: ModelLimits): Float32Array {
  const fail = (why: string): never => {
    throw new Error(`scorer weights invalid: ${why} (run npm run train)`);
  };
  if (model.format !== SCORER_MODEL_FORMAT) fail(`format ${String(model.format)}, expected ${SCORER_MODEL_FORMAT}`);
  if (model.features.join() !== limits.featureNames.join()) fail("fitted for a different feature layout");
  if (model.ngrams?.buckets !== limits.buckets)
    fail(`${model.ngrams?.buckets} n-gram buckets, the wasm has ${limits.buckets}`);
  const { columns, groups, experts } = model;
  if (!Number.isInteger(columns) || columns < 4 || columns > limits.maxColumns || columns % 4 !== 0) {
    fail(`columns ${columns} (a multiple of 4, at most ${limits.maxColumns})`);
  }
  if (groups.length < 1 || groups.length > Math.min(columns, limits.maxGroups)) fail(`${groups.length} groups`);
  if (experts.length !== groups.length) fail("one expert per group is required");
  for (const e of experts) {
    if (!Number.isFinite(e.logit) || !(e.column === -1 || (e.column >= groups.length && e.column < columns))) {
      fail(`expert ${JSON.stringify(e)}`);
    }
  }
  if (model.bias.length !== columns || !model.bias.every(Number.isFinite)) fail("bias");
  if (model.clip.length !== model.features.length || model.clip.some(Number.isNaN)) fail("clip");
  const weights = decodeFloat32(model.weights_f32_base64);
  if (weights.length !== (model.features.length + limits.buckets) * columns) fail("weight matrix size");
  for (const w of weights) if (!Number.isFinite(w)) fail("non-finite weight");
  const [low, high] = model.defaults.tier_boundaries as [number, number];
  if (
    model.defaults.tier_boundaries.length !== 2 ||
    !(low > 0 && low < high && high < 1) ||
    !(model.defaults.uncertainty_band >= 0)
  )
    fail("defaults");
  return weights;
}

/** base64 -> little-endian float32 (atob exists in workerd and Node). */
export function decodeFloat32(base64: string): Float32Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  if (bytes.length % 4 !== 0) throw new Error("scorer weights invalid: float32 data length");
  return new Float32Array(bytes.buffer, 0, bytes.length / 4);
}
