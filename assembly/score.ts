// Logistic score over the feature vector. Weights live in linear memory (f64)
// and are written by the host from wasm/scorer-weights.json, so refitting needs
// no recompile. Standardisation is already folded into the weights.
//
// Each feature is clipped to the largest value seen in training before it is
// weighted: a linear model must not extrapolate (keyword stuffing or a script
// the data never showed cannot push the score beyond what the data supports).
import { FEATURE_COUNT } from "./layout";

/** Weights block: FEATURE_COUNT weights, the bias, then FEATURE_COUNT clip limits (all f64). */
export const WEIGHTS_SLOTS: i32 = FEATURE_COUNT * 2 + 1;

/** Returns P(strong model needed) = sigmoid(bias + sum w_i * min(x_i, clip_i)). */
export function logistic(features: usize, weights: usize): f64 {
  const clips = weights + ((<usize>FEATURE_COUNT + 1) << 3);
  let z: f64 = load<f64>(weights + ((<usize>FEATURE_COUNT) << 3));
  for (let i = 0; i < FEATURE_COUNT; i++) {
    const x = min(<f64>load<f32>(features + ((<usize>i) << 2)), load<f64>(clips + ((<usize>i) << 3)));
    z += x * load<f64>(weights + ((<usize>i) << 3));
  }
  // A NaN weight (host bug) must not leak out as a NaN score.
  if (!(z == z)) return 0.5;
  return 1.0 / (1.0 + Math.exp(-z));
}
