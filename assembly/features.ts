// Counters -> the feature vector. The context span (system prompt + earlier
// turns) and the primary span (last user turn) are scanned by the same code in
// one pass over the buffer [context | primary]; the context counts at
// CONTEXT_WEIGHT, so the last user turn dominates.
import * as K from "./counters";
import * as C from "./keywords";
import * as F from "./layout";
import { ngramFinish, ngramReset } from "./ngrams";
import { NORMALISED, normaliseSpan } from "./normalise";
import { scanSpan } from "./scan";
import { topicFinish, topicReset } from "./topics";

export const CONTEXT_WEIGHT: f32 = 0.25;

// The features that are log(1 + count): [feature, counter] pairs, computed in one loop (the same
// operations as one put() each, in a fraction of the wasm code).
const LOG_COUNTS: usize = memory.data<u8>([
  <u8>F.F_LOG_SENTENCES, <u8>K.K_SENTENCES,
  <u8>F.F_LOG_LINES, <u8>K.K_LINES,
  <u8>F.F_LOG_QUESTION_MARKS, <u8>K.K_QUESTION_MARKS,
  <u8>F.F_LOG_QUESTION_WORDS, <u8>C.CUE_QWORD,
  <u8>F.F_LOG_LIST_ITEMS, <u8>K.K_LIST_ITEMS,
  <u8>F.F_LOG_CHOICES, <u8>K.K_CHOICES,
  <u8>F.F_LOG_CONSTRAINTS, <u8>C.CUE_CONSTRAINT,
  <u8>F.F_LOG_REASONING, <u8>C.CUE_REASON,
  <u8>F.F_LOG_SIMPLE, <u8>C.CUE_SIMPLE,
  <u8>F.F_LOG_CREATIVE, <u8>C.CUE_CREATIVE,
  <u8>F.F_LOG_SHORT_CUES, <u8>C.CUE_SHORT,
  <u8>F.F_LOG_LONG_CUES, <u8>C.CUE_LONG,
  <u8>F.F_LOG_REQUESTED_WORDS, <u8>K.K_REQUESTED_WORDS,
  <u8>F.F_LOG_STRUCTURED, <u8>C.CUE_STRUCT,
  <u8>F.F_LOG_CODE_WORDS, <u8>C.CUE_CODE,
  <u8>F.F_LOG_CODE_LINES, <u8>K.K_CODE_LINES,
  <u8>F.F_LOG_DIFF_LINES, <u8>K.K_DIFF_LINES,
  <u8>F.F_LOG_LATEX, <u8>K.K_LATEX,
  <u8>F.F_LOG_EQUATIONS, <u8>K.K_EQUATIONS,
  <u8>F.F_LOG_NUMBERS, <u8>K.K_NUMBERS,
  <u8>F.F_LOG_MATH_WORDS, <u8>C.CUE_MATH,
  <u8>F.F_LOG_LAW, <u8>C.CUE_LAW,
  <u8>F.F_LOG_MEDICINE, <u8>C.CUE_MED,
  <u8>F.F_LOG_FINANCE, <u8>C.CUE_FIN,
  <u8>F.F_LOG_SCIENCE, <u8>C.CUE_SCI,
  <u8>F.F_LOG_COMPUTING, <u8>C.CUE_COMP,
  <u8>F.F_LOG_ETHICS_LOGIC, <u8>C.CUE_ETHICS,
  <u8>F.F_LOG_HUMANITIES, <u8>C.CUE_HUMAN,
  <u8>F.F_LOG_SCRIPT_SWITCHES, <u8>K.K_SCRIPT_SWITCHES,
]);
const LOG_COUNT_PAIRS: i32 = 29;

let lastTokens: f64 = 0;

/** Estimated tokens of the last scored input (context + primary, extrapolated for sampled inputs). */
export function lastTokenEstimate(): f64 {
  return lastTokens;
}

@inline function put(out: usize, index: i32, value: f32): void {
  store<f32>(out + ((<usize>index) << 2), value);
}

@inline function logCount(k: i32): f32 {
  return Mathf.log(1 + K.get(k));
}

@inline function ratio(a: f32, b: f32): f32 {
  return b > 0 ? a / b : 0;
}

export function extractFeatures(
  ptr: usize,
  contextLen: i32,
  primaryLen: i32,
  contextScale: f32,
  primaryScale: f32,
  flags: i32,
  maxTokens: i32,
  turns: i32,
  out: usize,
): void {
  K.resetCounters();
  ngramReset();
  topicReset();
  // Each span is normalised first (look-alikes, invisible characters: normalise.ts), into its own
  // buffer: the scan of one span is done before the next span is normalised.
  scanSpan(NORMALISED, normaliseSpan(ptr, contextLen, NORMALISED), CONTEXT_WEIGHT * contextScale);
  const contextTokens = K.get(K.K_TOKENS) * contextScale;
  const contextNovel = K.get(K.K_NOVEL_TOKENS) * contextScale;
  K.set(K.K_TOKENS, 0);
  K.set(K.K_NOVEL_TOKENS, 0);
  K.set(K.K_QUANTITY_TOKENS, 0); // the last user turn's problem size only
  scanSpan(NORMALISED, normaliseSpan(ptr + <usize>contextLen, primaryLen, NORMALISED), primaryScale);
  const tokens = K.get(K.K_TOKENS) * primaryScale;
  // The token estimate (for costs) counts everything; the size features only new content.
  lastTokens = <f64>tokens + <f64>contextTokens;
  const novel = K.get(K.K_NOVEL_TOKENS) * primaryScale;
  ngramFinish();

  const chars = K.get(K.K_CHARS);
  const words = K.get(K.K_WORDS);
  put(out, F.F_LOG_TOKENS, Mathf.log(1 + novel));
  put(out, F.F_LOG_CONTEXT_TOKENS, Mathf.log(1 + contextNovel));
  put(out, F.F_LONG_WORD_RATIO, ratio(K.get(K.K_LONG_WORDS), words));
  for (let i = 0; i < LOG_COUNT_PAIRS; i++) {
    const at = LOG_COUNTS + <usize>(i * 2);
    put(out, <i32>load<u8>(at), logCount(<i32>load<u8>(at + 1)));
  }
  put(out, F.F_CODE_FENCES, min(K.get(K.K_FENCES), 8) * 0.5);
  put(out, F.F_CODE_SYMBOL_DENSITY, ratio(K.get(K.K_CODE_SYMBOLS), chars));
  put(out, F.F_LOG_STACK_TRACE, Mathf.log(1 + K.get(K.K_STACK_LINES) + C_get(C.CUE_STACK)));
  put(out, F.F_IDENTIFIER_RATIO, ratio(K.get(K.K_IDENTIFIERS), words));
  put(out, F.F_MATH_OP_DENSITY, ratio(K.get(K.K_MATH_OPS), chars));
  put(out, F.F_NUMBER_DENSITY, ratio(K.get(K.K_NUMBERS), words + K.get(K.K_NUMBERS)));
  put(out, F.F_CJK_RATIO, ratio(K.get(K.K_CJK), chars));
  put(out, F.F_OTHER_SCRIPT_RATIO, ratio(K.get(K.K_OTHER_SCRIPT), chars));
  put(out, F.F_SYMBOL_RATIO, ratio(K.get(K.K_SYMBOLS), chars));
  put(out, F.F_ENGLISH_RATIO, ratio(C_get(C.CUE_STOP), words));

  put(out, F.F_REQ_TOOLS, (flags & F.FLAG_TOOLS) != 0 ? 1 : 0);
  put(out, F.F_REQ_IMAGES, (flags & F.FLAG_IMAGES) != 0 ? 1 : 0);
  put(out, F.F_REQ_JSON, (flags & F.FLAG_JSON) != 0 ? 1 : 0);
  put(out, F.F_REQ_JSON_SCHEMA, (flags & F.FLAG_JSON_SCHEMA) != 0 ? 1 : 0);
  put(out, F.F_LOG_MAX_TOKENS, Mathf.log(1 + <f32>max(maxTokens, 0)));
  put(out, F.F_LOG_TURNS, Mathf.log(1 + <f32>max(turns, 0)));
  put(out, F.F_LOG_QUANTITY_TOKENS, Mathf.log(1 + K.get(K.K_QUANTITY_TOKENS) * primaryScale));
  topicFinish(out, F.F_TOPIC_FIRST);
}

@inline function C_get(cue: u32): f32 {
  return K.get(<i32>cue);
}
