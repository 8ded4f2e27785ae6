// The score: a linear model over the feature vector, with weights the host writes
// once from wasm/scorer-weights.json (refitting needs no recompile):
//   z     = bias + sum_j w_j * min(x_j, clip_j)
//   score = sigmoid(z)
// z estimates how much more than a typical prompt this one needs a stronger model
// (tools/build/train/main.ts fits it on outcomes of many models; docs/router-model.md).
// Dense features are clipped to the largest value seen in training, so keyword
// stuffing or a script the data never showed cannot push the score beyond what
// the data supports. Standardisation is folded into the weights by the fit.
import { FEATURE_COUNT } from "./layout";

export const CLIP: usize = memory.data(FEATURE_COUNT * 4, 16);
export const WEIGHTS: usize = memory.data(FEATURE_COUNT * 4, 16);
let bias: f64 = 0;
let loaded = false;

/** Activates the weights and clips written by the host (false: feature extraction only). */
export function setModel(b: f64, active: bool): bool {
  if (!(b == b) || !active) {
    loaded = false;
    return !active;
  }
  for (let j = 0; j < FEATURE_COUNT; j++) {
    const w = load<f32>(WEIGHTS + ((<usize>j) << 2));
    const c = load<f32>(CLIP + ((<usize>j) << 2));
    if (!(w == w) || !(c == c)) return false;
  }
  bias = b;
  loaded = true;
  return true;
}

/** The score of the features in `features` (0.5 before a model is loaded). */
export function linearScore(features: usize): f64 {
  if (!loaded) return 0.5;
  let z: f64 = bias;
  for (let j = 0; j < FEATURE_COUNT; j++) {
    const at = (<usize>j) << 2;
    const x = min(load<f32>(features + at), load<f32>(CLIP + at));
    z += <f64>(x * load<f32>(WEIGHTS + at));
  }
  return 1 / (1 + Math.exp(-z));
}
