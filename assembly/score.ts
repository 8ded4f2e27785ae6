// Logistic score over the feature vector. Weights live in linear memory (f64)
// and are written by the host from wasm/scorer-weights.json, so refitting needs
// no recompile. Standardisation is already folded into the weights.
import { FEATURE_COUNT } from "./layout";

/** Weights: FEATURE_COUNT coefficients followed by the bias. Returns P(strong model needed). */
export function logistic(features: usize, weights: usize): f64 {
  let z: f64 = load<f64>(weights + ((<usize>FEATURE_COUNT) << 3));
  for (let i = 0; i < FEATURE_COUNT; i++) {
    z += <f64>load<f32>(features + ((<usize>i) << 2)) * load<f64>(weights + ((<usize>i) << 3));
  }
  // Clamp z: exp() of a huge argument is fine in wasm, but a NaN weight must not leak out as NaN.
  if (!(z == z)) return 0.5;
  return 1.0 / (1.0 + Math.exp(-z));
}
