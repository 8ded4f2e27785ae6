// The scorer's narrow ABI. The host writes UTF-8 into a fixed scratch buffer
// (TextEncoder.encodeInto), then calls score(); nothing is allocated per call,
// so linear memory never grows after instantiation.
import { extractFeatures, FEATURE_COUNT } from "./features";
import { initKeywords } from "./keywords";
import { logistic } from "./score";

const INPUT_CAPACITY: i32 = 65536;
const INPUT: usize = memory.data(INPUT_CAPACITY, 16);
const FEATURES: usize = memory.data(FEATURE_COUNT * 4, 16);
const WEIGHTS: usize = memory.data((FEATURE_COUNT + 1) * 4, 16);

initKeywords();

export function inputPtr(): usize {
  return INPUT;
}
export function inputCapacity(): i32 {
  return INPUT_CAPACITY;
}
export function featuresPtr(): usize {
  return FEATURES;
}
export function weightsPtr(): usize {
  return WEIGHTS;
}
export function featureCount(): i32 {
  return FEATURE_COUNT;
}

/**
 * Scores the prompt in the scratch buffer: bytes [0, contextLen) are the system
 * prompt + earlier turns, the next primaryLen bytes are the last user turn.
 * Returns P(a stronger model is needed) in [0, 1]; features are left in FEATURES.
 */
export function score(contextLen: i32, primaryLen: i32, flags: i32): f64 {
  // Clamp untrusted lengths to the buffer so a host bug cannot read out of bounds.
  const c = min(max(contextLen, 0), INPUT_CAPACITY);
  const p = min(max(primaryLen, 0), INPUT_CAPACITY - c);
  extractFeatures(INPUT, c, p, flags, FEATURES);
  return logistic(FEATURES, WEIGHTS);
}
