// The scorer's narrow ABI. The host writes UTF-8 into a fixed scratch buffer
// (TextEncoder.encodeInto) laid out as [context | primary], then calls score();
// nothing is allocated per call, so linear memory never grows after start-up.
//
// Outputs of a call: the score (return value), the feature vector (featuresPtr,
// featureCount f32) and the hashed word n-grams (ngramIndexPtr: ngramCount u16
// bucket numbers, ngramValuePtr: as many f32 values), all in static buffers that
// the next call overwrites. The word-topic table (topics.ts) is written by the host
// into topicTablePtr, then buildTopics(); the model (linear, see score.ts) into
// clipPtr/modelWeightsPtr, then setModel().
import { extractFeatures, lastTokenEstimate } from "./features";
import { initKeywords } from "./keywords";
import { initNormalise } from "./normalise";
import { FEATURE_COUNT, FEATURE_NAMES } from "./layout";
import { NGRAM_BUCKETS, NGRAM_INDEX, NGRAM_VALUE, ngramCount as touchedBuckets } from "./ngrams";
import { CLIP, linearScore, setModel as activateModel, WEIGHTS } from "./score";
import { buildTopicIndex, TOPIC_CAPACITY, TOPIC_COUNT, TOPIC_ENTRIES } from "./topics";

const ABI_VERSION: i32 = 5;
const INPUT_CAPACITY: i32 = 65536;
const INPUT: usize = memory.data(INPUT_CAPACITY, 16);
const FEATURES: usize = memory.data(FEATURE_COUNT * 4, 16);
const MAX_SCALE: f64 = 1e6;

initKeywords();
initNormalise();

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

export function ngramBuckets(): i32 {
  return NGRAM_BUCKETS;
}
export function ngramIndexPtr(): usize {
  return NGRAM_INDEX;
}
export function ngramValuePtr(): usize {
  return NGRAM_VALUE;
}
/** Touched buckets of the last call (entries in the index/value buffers). */
export function ngramCount(): i32 {
  return touchedBuckets();
}

/** Room for this many word-table entries (8 bytes each) at topicTablePtr. */
export function topicCapacity(): i32 {
  return TOPIC_CAPACITY;
}
export function topicCount(): i32 {
  return TOPIC_COUNT;
}
export function topicTablePtr(): usize {
  return TOPIC_ENTRIES;
}
/** Indexes the first n entries written at topicTablePtr; false when n does not fit. */
export function buildTopics(n: i32): bool {
  return buildTopicIndex(n);
}
/** featureCount f32 upper clip limits. */
export function clipPtr(): usize {
  return CLIP;
}
/** featureCount f32 weights. */
export function modelWeightsPtr(): usize {
  return WEIGHTS;
}
/** Activates the weights and clips written above with this bias (active false: features only). */
export function setModel(bias: f64, active: bool): bool {
  return activateModel(bias, active);
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
 * Returns the score in [0, 1] (0.5 before a model is loaded); features and n-grams stay in their buffers.
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
  return linearScore(FEATURES);
}
