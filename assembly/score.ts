// Logistic score over the feature vector. Weights live in linear memory and are
// written by the host from a JSON artifact, so refitting needs no recompile.
import { FEATURE_COUNT } from "./features";

/** Weights: FEATURE_COUNT coefficients followed by the bias. */
export function logistic(features: usize, weights: usize): f64 {
  let z: f64 = <f64>load<f32>(weights + ((<usize>FEATURE_COUNT) << 2));
  for (let i = 0; i < FEATURE_COUNT; i++) {
    z += <f64>load<f32>(features + ((<usize>i) << 2)) * <f64>load<f32>(weights + ((<usize>i) << 2));
  }
  return 1.0 / (1.0 + Math.exp(-z));
}
