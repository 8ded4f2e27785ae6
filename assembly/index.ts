// The scorer's narrow ABI. The host writes UTF-8 into a fixed scratch buffer
// (TextEncoder.encodeInto) laid out as [context | primary], then calls score();
// nothing is allocated per call, so linear memory never grows after start-up.
//
// Room to grow: the classifier issue will add hashed word/char n-gram features
// computed in the same pass. They get their own static output buffer and a
// pointer export (e.g. ngramsPtr/ngramCount) next to featuresPtr; score()'s
// signature and the feature layout stay as they are. Bump ABI_VERSION then.
import { extractFeatures, lastTokenEstimate } from "./features";
import { initKeywords } from "./keywords";
import { FEATURE_COUNT, FEATURE_NAMES } from "./layout";
import { logistic, WEIGHTS_SLOTS } from "./score";

const ABI_VERSION: i32 = 3;
const INPUT_CAPACITY: i32 = 65536;
const INPUT: usize = memory.data(INPUT_CAPACITY, 16);
const FEATURES: usize = memory.data(FEATURE_COUNT * 4, 16);
const WEIGHTS: usize = memory.data(WEIGHTS_SLOTS * 8, 16);
const MAX_SCALE: f64 = 1e6;

initKeywords();

export function abiVersion(): i32 {
  return ABI_VERSION;
}
export function inputPtr(): usize {
  return INPUT;
}
export function inputCapacity(): i32 {
  return INPUT_CAPACITY;
}
export function featuresPtr(): usize {
  return FEATURES;
}
export function featureCount(): i32 {
  return FEATURE_COUNT;
}
/** FEATURE_COUNT f64 weights, the bias, then FEATURE_COUNT f64 clip limits. */
export function weightsPtr(): usize {
  return WEIGHTS;
}
/** Comma-separated feature names, UTF-16 code units (a static string: no allocation). */
export function featureNamesPtr(): usize {
  return changetype<usize>(FEATURE_NAMES);
}
export function featureNamesLength(): i32 {
  return FEATURE_NAMES.length;
}
/** Estimated prompt tokens of the last call (context + primary, extrapolated when sampled). */
export function tokenEstimate(): f64 {
  return lastTokenEstimate();
}

@inline function clampScale(scale: f64): f32 {
  // NaN, < 1 or absurd scales from a host bug fall back to something finite.
  return <f32>(scale >= 1 ? min(scale, MAX_SCALE) : 1);
}

/**
 * Scores the prompt in the scratch buffer: bytes [0, contextLen) are the system
 * prompt + earlier turns, the next primaryLen bytes the last user turn. A scale
 * > 1 says the span is a head+tail sample of a text that many times larger (count
 * features are extrapolated). Request facts: flags (tools 1, images 2, json 4,
 * json_schema 8), maxTokens (0 = unset), turns (earlier messages).
 * Returns P(a stronger model is needed) in [0, 1]; the features stay in FEATURES.
 */
export function score(
  contextLen: i32,
  primaryLen: i32,
  contextScale: f64,
  primaryScale: f64,
  flags: i32,
  maxTokens: i32,
  turns: i32,
): f64 {
  // Clamp untrusted lengths to the buffer so a host bug cannot read out of bounds.
  const c = min(max(contextLen, 0), INPUT_CAPACITY);
  const p = min(max(primaryLen, 0), INPUT_CAPACITY - c);
  extractFeatures(INPUT, c, p, clampScale(contextScale), clampScale(primaryScale), flags, maxTokens, turns, FEATURES);
  return logistic(FEATURES, WEIGHTS);
}
