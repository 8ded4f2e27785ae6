// One pass over UTF-8 bytes in the scratch buffer -> a fixed-size feature vector.
// The primary span (last user turn) and the context span (system + earlier turns)
// are scanned by the same code; context features are kept separate so their
// weights can differ.
import { CUE_CODE, CUE_REASONING, CUE_SIMPLE, FNV_OFFSET, FNV_PRIME, lookupCue } from "./keywords";

export const FEATURE_COUNT: i32 = 10;

// Feature indices (the host mirrors this list in src/score/feature-names.ts).
export const F_LOG_TOKENS: i32 = 0;
export const F_CODE_FENCES: i32 = 1;
export const F_CODE_WORDS: i32 = 2;
export const F_REASONING: i32 = 3;
export const F_SIMPLE: i32 = 4;
export const F_MATH_DENSITY: i32 = 5;
export const F_QUESTIONS: i32 = 6;
export const F_LOG_CONTEXT_TOKENS: i32 = 7;
export const F_TOOLS: i32 = 8;
export const F_STRUCTURED: i32 = 9;

export const FLAG_TOOLS: i32 = 1;
export const FLAG_IMAGES: i32 = 2;
export const FLAG_JSON: i32 = 4;

// Per-span counters, reset on every scan (globals, not heap objects).
let asciiBytes: i32 = 0;
let multibyteChars: i32 = 0;
let fences: i32 = 0;
let codeWords: i32 = 0;
let reasoning: i32 = 0;
let simple: i32 = 0;
let mathChars: i32 = 0;
let questions: i32 = 0;

function resetCounters(): void {
  asciiBytes = 0; multibyteChars = 0; fences = 0; codeWords = 0;
  reasoning = 0; simple = 0; mathChars = 0; questions = 0;
}

@inline function isAsciiLetter(b: u32): bool {
  return ((b | 0x20) - 0x61) < 26;
}

function endWord(h: u32, len: i32): void {
  if (len == 0) return;
  const cue = lookupCue(h);
  if (cue == CUE_REASONING) reasoning++;
  else if (cue == CUE_SIMPLE) simple++;
  else if (cue == CUE_CODE) codeWords++;
}

function scanSpan(ptr: usize, len: i32): void {
  let h = FNV_OFFSET;
  let wordLen = 0;
  let backticks = 0;
  for (let i = 0; i < len; i++) {
    const b = <u32>load<u8>(ptr + <usize>i);
    if (b < 0x80) {
      asciiBytes++;
      if (isAsciiLetter(b)) {
        h = (h ^ (b | 0x20)) * FNV_PRIME;
        wordLen++;
      } else {
        endWord(h, wordLen);
        h = FNV_OFFSET;
        wordLen = 0;
        if (b == 0x60) {
          backticks++;
          if (backticks == 3) fences++;
        } else {
          backticks = 0;
          if (b == 0x3f) questions++;
          else if (b == 0x3d || b == 0x2b || b == 0x5e || b == 0x5c || b == 0x2a || (b - 0x30) < 10) mathChars++;
        }
      }
    } else {
      endWord(h, wordLen);
      h = FNV_OFFSET;
      wordLen = 0;
      backticks = 0;
      // Count characters by their lead bytes; continuation bytes are 10xxxxxx.
      if ((b & 0xc0) != 0x80) multibyteChars++;
    }
  }
  endWord(h, wordLen);
}

/** Script-aware token estimate: ~4 ASCII bytes per token, ~1 token per non-ASCII character. */
@inline function estimateTokens(): f32 {
  return <f32>asciiBytes * 0.25 + <f32>multibyteChars;
}

export function extractFeatures(ptr: usize, contextLen: i32, primaryLen: i32, flags: i32, out: usize): void {
  resetCounters();
  scanSpan(ptr, contextLen);
  const contextTokens = estimateTokens();

  resetCounters();
  scanSpan(ptr + <usize>contextLen, primaryLen);
  const tokens = estimateTokens();
  const chars = <f32>(asciiBytes + multibyteChars);

  store<f32>(out + (<usize>F_LOG_TOKENS << 2), Mathf.log(1 + tokens));
  store<f32>(out + (<usize>F_CODE_FENCES << 2), <f32>min(fences, 6));
  store<f32>(out + (<usize>F_CODE_WORDS << 2), Mathf.log(1 + <f32>codeWords));
  store<f32>(out + (<usize>F_REASONING << 2), Mathf.log(1 + <f32>reasoning));
  store<f32>(out + (<usize>F_SIMPLE << 2), Mathf.log(1 + <f32>simple));
  store<f32>(out + (<usize>F_MATH_DENSITY << 2), chars > 0 ? <f32>mathChars / chars : 0);
  store<f32>(out + (<usize>F_QUESTIONS << 2), <f32>min(questions, 5));
  store<f32>(out + (<usize>F_LOG_CONTEXT_TOKENS << 2), Mathf.log(1 + contextTokens));
  store<f32>(out + (<usize>F_TOOLS << 2), (flags & FLAG_TOOLS) != 0 ? 1 : 0);
  store<f32>(out + (<usize>F_STRUCTURED << 2), (flags & FLAG_JSON) != 0 ? 1 : 0);
}
