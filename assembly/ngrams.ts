// Hashed word n-grams, counted in the same pass as the other features: every
// word (its first 8 letters, lower-cased: the FNV-1a hash scan.ts already
// computes) and every number (one token per digit-count class) is an item; each
// item adds its unigram and its bigram with the previous item of the span to one
// of NGRAM_BUCKETS buckets (Fibonacci hashing of the item hash). Nothing is allocated: counts live in a static block,
// and only the buckets touched by this call are listed and later cleared.
//
// Output (after ngramFinish): NGRAM_INDEX[0..n) the touched buckets (u16, in
// first-touch order) and NGRAM_VALUE[0..n) their values, log(1 + count) scaled to
// unit L2 norm over the prompt. tools/scorer/ngram-reference.ts mirrors this in JS.
export const NGRAM_BITS: i32 = 12;
export const NGRAM_BUCKETS: i32 = 1 << NGRAM_BITS;
const SHIFT: u32 = 32 - <u32>NGRAM_BITS;

const COUNTS: usize = memory.data(NGRAM_BUCKETS * 4, 16);
export const NGRAM_INDEX: usize = memory.data(NGRAM_BUCKETS * 2, 16);
export const NGRAM_VALUE: usize = memory.data(NGRAM_BUCKETS * 4, 16);

/** log(1 + n) for whole counts 0..LOG_TABLE-1 (the usual case: the last turn counts 1 per item). */
const LOG_TABLE: i32 = 256;
const LOG1P: usize = memory.data(LOG_TABLE * 4, 16);

let touched: i32 = 0;
let prev: u32 = 0;
let hasPrev: bool = false;

@inline function bump(bucket: u32, w: f32): void {
  const at = COUNTS + ((<usize>bucket) << 2);
  const count = load<f32>(at);
  if (count == 0) {
    // w > 0, so a bucket is listed once: touched never exceeds NGRAM_BUCKETS.
    store<u16>(NGRAM_INDEX + ((<usize>touched) << 1), <u16>bucket);
    touched++;
  }
  store<f32>(at, count + w);
}

/** Fills the log table (start function): the same Mathf.log values the slow path computes. */
export function initNgrams(): void {
  for (let n = 0; n < LOG_TABLE; n++) store<f32>(LOG1P + ((<usize>n) << 2), Mathf.log(1 + <f32>n));
}

@inline function log1p(count: f32): f32 {
  const n = <i32>count;
  if (<f32>n == count && n < LOG_TABLE) return load<f32>(LOG1P + ((<usize>n) << 2));
  return Mathf.log(1 + count);
}

/** Clears the buckets the previous call touched (not the whole table). */
export function ngramReset(): void {
  for (let t = 0; t < touched; t++) {
    store<f32>(COUNTS + ((<usize>load<u16>(NGRAM_INDEX + ((<usize>t) << 1))) << 2), 0);
  }
  touched = 0;
}

/** Bigrams never cross spans (context, last user turn). */
export function ngramSpanStart(): void {
  hasPrev = false;
}

/** Item hash of a number token: one per digit-count class (1, 2, 3, 4+). */
@inline export function numberItem(digits: i32): u32 {
  return 0x4e554d30 + <u32>min(digits, 4);
}

/** Counts one item (a word hash or a number token) with weight w. */
export function ngramItem(item: u32, w: f32): void {
  if (!(w > 0)) return;
  // Fibonacci hashing: the high bits of a multiplication by an odd constant.
  bump((item * 0x9e3779b1) >>> SHIFT, w);
  if (hasPrev) bump(((prev * 0x85ebca6b) ^ item ^ 0x27d4eb2f) * 0x9e3779b1 >>> SHIFT, w);
  prev = item;
  hasPrev = true;
}

/** Turns the counts of the touched buckets into values; returns how many there are. */
export function ngramFinish(): i32 {
  let sum: f32 = 0;
  for (let t = 0; t < touched; t++) {
    const bucket = <usize>load<u16>(NGRAM_INDEX + ((<usize>t) << 1));
    const v = log1p(load<f32>(COUNTS + (bucket << 2)));
    store<f32>(NGRAM_VALUE + ((<usize>t) << 2), v);
    sum += v * v;
  }
  const inv: f32 = sum > 0 ? 1 / Mathf.sqrt(sum) : 0;
  for (let t = 0; t < touched; t++) {
    const at = NGRAM_VALUE + ((<usize>t) << 2);
    store<f32>(at, load<f32>(at) * inv);
  }
  return touched;
}

export function ngramCount(): i32 {
  return touched;
}
