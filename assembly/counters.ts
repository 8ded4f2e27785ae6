// Counters filled by the scan, kept in one fixed block of linear memory (no heap
// objects) and reset per call. Counts are f32 and grow by the span's weight w, so
// the last user turn counts fully and the context at a reduced weight.

// Cue counts occupy slots 0..23 (index = CUE_* in keywords.ts); the rest follow.
export const K_TOKENS: i32 = 24; // unweighted token estimate of the current span
export const K_CHARS: i32 = 25;
export const K_WORDS: i32 = 26;
export const K_LONG_WORDS: i32 = 27;
export const K_IDENTIFIERS: i32 = 28;
export const K_SENTENCES: i32 = 29;
export const K_LINES: i32 = 30;
export const K_QUESTION_MARKS: i32 = 31;
export const K_LIST_ITEMS: i32 = 32;
export const K_CHOICES: i32 = 33;
export const K_FENCES: i32 = 34;
export const K_CODE_SYMBOLS: i32 = 35;
export const K_CODE_LINES: i32 = 36;
export const K_STACK_LINES: i32 = 37;
export const K_DIFF_LINES: i32 = 38;
export const K_LATEX: i32 = 39;
export const K_MATH_OPS: i32 = 40;
export const K_EQUATIONS: i32 = 41;
export const K_NUMBERS: i32 = 42;
export const K_CJK: i32 = 43;
export const K_OTHER_SCRIPT: i32 = 44;
export const K_SYMBOLS: i32 = 45;
export const K_SCRIPT_SWITCHES: i32 = 46;
/** Largest requested output size seen, in words ("a 500-word essay" -> 500); a max, not a sum. */
export const K_REQUESTED_WORDS: i32 = 47;
/** Token estimate of the new content only (repeats, whitespace runs not counted; fenced text at a reduced weight). */
export const K_NOVEL_TOKENS: i32 = 48;
/** New-content tokens of sentences that state a quantity (padding and instructions rarely do). */
export const K_QUANTITY_TOKENS: i32 = 49;
export const COUNTER_SLOTS: i32 = 52;

const COUNTERS: usize = memory.data(COUNTER_SLOTS * 4, 16);

@inline export function add(k: i32, x: f32): void {
  const at = COUNTERS + ((<usize>k) << 2);
  store<f32>(at, load<f32>(at) + x);
}

@inline export function get(k: i32): f32 {
  return load<f32>(COUNTERS + ((<usize>k) << 2));
}

@inline export function set(k: i32, x: f32): void {
  store<f32>(COUNTERS + ((<usize>k) << 2), x);
}

export function resetCounters(): void {
  memory.fill(COUNTERS, 0, <usize>COUNTER_SLOTS * 4);
}
