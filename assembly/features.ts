// Counters -> the feature vector. The context span (system prompt + earlier
// turns) and the primary span (last user turn) are scanned by the same code in
// one pass over the buffer [context | primary]; the context counts at
// CONTEXT_WEIGHT, so the last user turn dominates.
import * as K from "./counters";
import * as C from "./keywords";
import * as F from "./layout";
import { ngramFinish, ngramReset } from "./ngrams";
import { normaliseSpan } from "./normalise";
import { scanSpan } from "./scan";

export const CONTEXT_WEIGHT: f32 = 0.25;

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
  // Each span is normalised in place first (look-alikes, invisible characters: normalise.ts).
  scanSpan(ptr, normaliseSpan(ptr, contextLen), CONTEXT_WEIGHT * contextScale);
  const contextTokens = K.get(K.K_TOKENS) * contextScale;
  const contextNovel = K.get(K.K_NOVEL_TOKENS) * contextScale;
  K.set(K.K_TOKENS, 0);
  K.set(K.K_NOVEL_TOKENS, 0);
  K.set(K.K_QUANTITY_TOKENS, 0); // the last user turn's problem size only
  scanSpan(ptr + <usize>contextLen, normaliseSpan(ptr + <usize>contextLen, primaryLen), primaryScale);
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
  put(out, F.F_LOG_SENTENCES, logCount(K.K_SENTENCES));
  put(out, F.F_LOG_LINES, logCount(K.K_LINES));

  put(out, F.F_LOG_QUESTION_MARKS, logCount(K.K_QUESTION_MARKS));
  put(out, F.F_LOG_QUESTION_WORDS, Mathf.log(1 + C_get(C.CUE_QWORD)));
  put(out, F.F_LOG_LIST_ITEMS, logCount(K.K_LIST_ITEMS));
  put(out, F.F_LOG_CHOICES, logCount(K.K_CHOICES));
  put(out, F.F_LOG_CONSTRAINTS, Mathf.log(1 + C_get(C.CUE_CONSTRAINT)));

  put(out, F.F_LOG_REASONING, Mathf.log(1 + C_get(C.CUE_REASON)));
  put(out, F.F_LOG_SIMPLE, Mathf.log(1 + C_get(C.CUE_SIMPLE)));
  put(out, F.F_LOG_CREATIVE, Mathf.log(1 + C_get(C.CUE_CREATIVE)));
  put(out, F.F_LOG_SHORT_CUES, Mathf.log(1 + C_get(C.CUE_SHORT)));
  put(out, F.F_LOG_LONG_CUES, Mathf.log(1 + C_get(C.CUE_LONG)));
  put(out, F.F_LOG_REQUESTED_WORDS, logCount(K.K_REQUESTED_WORDS));
  put(out, F.F_LOG_STRUCTURED, Mathf.log(1 + C_get(C.CUE_STRUCT)));

  put(out, F.F_CODE_FENCES, min(K.get(K.K_FENCES), 8) * 0.5);
  put(out, F.F_LOG_CODE_WORDS, Mathf.log(1 + C_get(C.CUE_CODE)));
  put(out, F.F_CODE_SYMBOL_DENSITY, ratio(K.get(K.K_CODE_SYMBOLS), chars));
  put(out, F.F_LOG_CODE_LINES, logCount(K.K_CODE_LINES));
  put(out, F.F_LOG_STACK_TRACE, Mathf.log(1 + K.get(K.K_STACK_LINES) + C_get(C.CUE_STACK)));
  put(out, F.F_LOG_DIFF_LINES, logCount(K.K_DIFF_LINES));
  put(out, F.F_IDENTIFIER_RATIO, ratio(K.get(K.K_IDENTIFIERS), words));

  put(out, F.F_LOG_LATEX, logCount(K.K_LATEX));
  put(out, F.F_MATH_OP_DENSITY, ratio(K.get(K.K_MATH_OPS), chars));
  put(out, F.F_LOG_EQUATIONS, logCount(K.K_EQUATIONS));
  put(out, F.F_LOG_NUMBERS, logCount(K.K_NUMBERS));
  put(out, F.F_NUMBER_DENSITY, ratio(K.get(K.K_NUMBERS), words + K.get(K.K_NUMBERS)));
  put(out, F.F_LOG_MATH_WORDS, Mathf.log(1 + C_get(C.CUE_MATH)));

  put(out, F.F_LOG_LAW, Mathf.log(1 + C_get(C.CUE_LAW)));
  put(out, F.F_LOG_MEDICINE, Mathf.log(1 + C_get(C.CUE_MED)));
  put(out, F.F_LOG_FINANCE, Mathf.log(1 + C_get(C.CUE_FIN)));
  put(out, F.F_LOG_SCIENCE, Mathf.log(1 + C_get(C.CUE_SCI)));
  put(out, F.F_LOG_COMPUTING, Mathf.log(1 + C_get(C.CUE_COMP)));
  put(out, F.F_LOG_ETHICS_LOGIC, Mathf.log(1 + C_get(C.CUE_ETHICS)));
  put(out, F.F_LOG_HUMANITIES, Mathf.log(1 + C_get(C.CUE_HUMAN)));

  put(out, F.F_CJK_RATIO, ratio(K.get(K.K_CJK), chars));
  put(out, F.F_OTHER_SCRIPT_RATIO, ratio(K.get(K.K_OTHER_SCRIPT), chars));
  put(out, F.F_SYMBOL_RATIO, ratio(K.get(K.K_SYMBOLS), chars));
  put(out, F.F_LOG_SCRIPT_SWITCHES, logCount(K.K_SCRIPT_SWITCHES));
  put(out, F.F_ENGLISH_RATIO, ratio(C_get(C.CUE_STOP), words));

  put(out, F.F_REQ_TOOLS, (flags & F.FLAG_TOOLS) != 0 ? 1 : 0);
  put(out, F.F_REQ_IMAGES, (flags & F.FLAG_IMAGES) != 0 ? 1 : 0);
  put(out, F.F_REQ_JSON, (flags & F.FLAG_JSON) != 0 ? 1 : 0);
  put(out, F.F_REQ_JSON_SCHEMA, (flags & F.FLAG_JSON_SCHEMA) != 0 ? 1 : 0);
  put(out, F.F_LOG_MAX_TOKENS, Mathf.log(1 + <f32>max(maxTokens, 0)));
  put(out, F.F_LOG_TURNS, Mathf.log(1 + <f32>max(turns, 0)));
  put(out, F.F_LOG_QUANTITY_TOKENS, Mathf.log(1 + K.get(K.K_QUANTITY_TOKENS) * primaryScale));
}

@inline function C_get(cue: u32): f32 {
  return K.get(<i32>cue);
}
