// The score: a gated mixture over the feature vector and the n-gram buckets,
// with weights the host writes once from wasm/scorer-weights.json (refitting
// needs no recompile):
//   logits = bias + W · [min(features, clip); ngram values]   (C columns, SIMD)
//   gate   p = softmax(logits[0..K))                          K prompt groups
//   expert e_k = const_k + logits[col_k]  (col_k < 0: const_k alone)
//   score  = sum_k p_k * sigmoid(e_k)
// Dense features are clipped to the largest value seen in training, so keyword
// stuffing or a script the data never showed cannot push the score beyond what
// the data supports. Standardisation is folded into W and the bias by the fit.
import { FEATURE_COUNT } from "./layout";
import { NGRAM_BUCKETS, NGRAM_INDEX, NGRAM_VALUE } from "./ngrams";

export const MAX_COLUMNS: i32 = 32;
export const MAX_GROUPS: i32 = 32;
/** Rows of W: the dense features, then one per n-gram bucket. */
export const MODEL_ROWS: i32 = FEATURE_COUNT + NGRAM_BUCKETS;

export const CLIP: usize = memory.data(FEATURE_COUNT * 4, 16);
export const BIAS: usize = memory.data(MAX_COLUMNS * 4, 16);
/** Row-major [MODEL_ROWS][columns]; the row stride is the configured column count. */
export const WEIGHTS: usize = memory.data(MODEL_ROWS * MAX_COLUMNS * 4, 16);
/** Per group: the column of its linear expert (i32, -1 for none), then its constant logit (f32). */
export const EXPERTS: usize = memory.data(MAX_GROUPS * 8, 16);
const LOGITS: usize = memory.data(MAX_COLUMNS * 4, 16);
/** sigmoid(const_k) of the constant experts, computed once in setShape. */
const CONSTANT_SCORES: usize = memory.data(MAX_GROUPS * 8, 16);

let columns: i32 = 0;
let groups: i32 = 0;

/** Sets the model's shape; returns false (and keeps the old shape) when it does not fit. */
export function setShape(c: i32, k: i32): bool {
  if (c < 4 || c > MAX_COLUMNS || (c & 3) != 0 || k < 1 || k > MAX_GROUPS || k > c) return false;
  for (let g = 0; g < k; g++) {
    const col = load<i32>(EXPERTS + ((<usize>g) << 2));
    if (col >= c || col < -1 || (col >= 0 && col < k)) return false;
  }
  for (let g = 0; g < k; g++) {
    const e = <f64>load<f32>(EXPERTS + ((<usize>(MAX_GROUPS + g)) << 2));
    store<f64>(CONSTANT_SCORES + ((<usize>g) << 3), 1 / (1 + Math.exp(-e)));
  }
  columns = c;
  groups = k;
  return true;
}

@inline function addRow(row: usize, x: f32): void {
  const scale = f32x4.splat(x);
  for (let c = 0; c < columns; c += 4) {
    const at = LOGITS + ((<usize>c) << 2);
    v128.store(at, f32x4.add(v128.load(at), f32x4.mul(scale, v128.load(row + ((<usize>c) << 2)))));
  }
}

/** The score of the features in `features` and the n-grams in NGRAM_INDEX/VALUE (n of them). */
export function mixture(features: usize, n: i32): f64 {
  if (columns == 0) return 0.5; // no model loaded (feature extraction only)
  const stride = (<usize>columns) << 2;
  memory.copy(LOGITS, BIAS, stride);
  for (let j = 0; j < FEATURE_COUNT; j++) {
    const x = min(load<f32>(features + ((<usize>j) << 2)), load<f32>(CLIP + ((<usize>j) << 2)));
    if (x != 0) addRow(WEIGHTS + <usize>j * stride, x);
  }
  for (let t = 0; t < n; t++) {
    const row = <usize>FEATURE_COUNT + <usize>load<u16>(NGRAM_INDEX + ((<usize>t) << 1));
    addRow(WEIGHTS + row * stride, load<f32>(NGRAM_VALUE + ((<usize>t) << 2)));
  }
  let top: f64 = -Infinity;
  for (let k = 0; k < groups; k++) top = max(top, <f64>load<f32>(LOGITS + ((<usize>k) << 2)));
  let total: f64 = 0;
  let score: f64 = 0;
  for (let k = 0; k < groups; k++) {
    const p = Math.exp(<f64>load<f32>(LOGITS + ((<usize>k) << 2)) - top);
    const col = load<i32>(EXPERTS + ((<usize>k) << 2));
    let s: f64;
    if (col >= 0) {
      const e = <f64>load<f32>(EXPERTS + ((<usize>(MAX_GROUPS + k)) << 2)) + <f64>load<f32>(LOGITS + ((<usize>col) << 2));
      s = 1 / (1 + Math.exp(-e));
    } else s = load<f64>(CONSTANT_SCORES + ((<usize>k) << 3));
    total += p;
    score += p * s;
  }
  score /= total;
  // A NaN weight (host bug) must not leak out as a NaN score.
  return score == score ? score : 0.5;
}
