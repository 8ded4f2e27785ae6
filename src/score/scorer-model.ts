// wasm/scorer-weights.json + wasm/scorer-weights.bin: the fitted gated mixture the
// wasm scores with (see assembly/score.ts) and the tier defaults fitted with it. The
// JSON holds the shape and the small parts; the .bin the float32 weight matrix (imported
// as bytes: nothing to decode at start). Written by tools/train-router.ts; checked here
// before a byte reaches wasm memory.
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
  /** The weight matrix's file: [features + buckets][columns] float32, little-endian. */
  weights: { file: string; bytes: number; sha256: string };
  /** Tier boundaries and uncertainty band fitted on the training data (env variables override them). */
  defaults: { tier_boundaries: readonly number[]; uncertainty_band: number };
}

export interface ModelLimits {
  featureNames: readonly string[];
  buckets: number;
  maxColumns: number;
  maxGroups: number;
}

/** Throws a message naming the first problem; returns the weight matrix (a copy of `data`). */
export function checkScorerModel(
  model: ScorerModel,
  limits: ModelLimits,
  data: ArrayBuffer | Uint8Array,
): Float32Array {
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
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length !== model.weights.bytes || bytes.length % 4 !== 0)
    fail(`${model.weights.file} has ${bytes.length} bytes`);
  const weights = new Float32Array(bytes.slice().buffer); // copy: aligned, and ours
  if (weights.length !== (model.features.length + limits.buckets) * columns) fail("weight matrix size");
  // x - x is 0 for finite x and NaN for NaN/±Infinity; one indexed pass, no per-element calls.
  let check = 0;
  for (let i = 0; i < weights.length; i++) check += weights[i]! - weights[i]!;
  if (check !== 0) fail("non-finite weight");
  const [low, high] = model.defaults.tier_boundaries as [number, number];
  if (
    model.defaults.tier_boundaries.length !== 2 ||
    !(low > 0 && low < high && high < 1) ||
    !(model.defaults.uncertainty_band >= 0)
  )
    fail("defaults");
  return weights;
}
