// Hashed word n-grams, counted in the same pass as the other features: every
// word (its first 8 letters, lower-cased: the FNV-1a hash scan.ts already
// computes) and every number (one token per digit-count class) is an item; each
// item adds its unigram and its bigram with the previous item of the span to one
// of NGRAM_BUCKETS buckets. Nothing is allocated: counts live in a static block,
// and only the buckets touched by this call are listed and later cleared.
//
// Output (after ngramFinish): NGRAM_INDEX[0..n) the touched buckets (u16, in
// first-touch order) and NGRAM_VALUE[0..n) their values, log(1 + count) scaled to
// unit L2 norm over the prompt. tools/scorer/ngram-reference.ts mirrors this in JS.
export const NGRAM_BITS: i32 = 12;
export const NGRAM_BUCKETS: i32 = 1 << NGRAM_BITS;
const MASK: u32 = <u32>NGRAM_BUCKETS - 1;

const COUNTS: usize = memory.data(NGRAM_BUCKETS * 4, 16);
export const NGRAM_INDEX: usize = memory.data(NGRAM_BUCKETS * 2, 16);
export const NGRAM_VALUE: usize = memory.data(NGRAM_BUCKETS * 4, 16);

let touched: i32 = 0;
let prev: u32 = 0;
let hasPrev: bool = false;

@inline function fmix(x: u32): u32 {
  x ^= x >>> 16;
  x *= 0x85ebca6b;
  x ^= x >>> 13;
  x *= 0xc2b2ae35;
  x ^= x >>> 16;
  return x;
}

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
  bump(fmix(item) & MASK, w);
  if (hasPrev) bump(fmix((prev * 0x9e3779b1) ^ item ^ 0x27d4eb2f) & MASK, w);
  prev = item;
  hasPrev = true;
}

/** Turns the counts of the touched buckets into values; returns how many there are. */
export function ngramFinish(): i32 {
  let sum: f32 = 0;
  for (let t = 0; t < touched; t++) {
    const bucket = <usize>load<u16>(NGRAM_INDEX + ((<usize>t) << 1));
    const v = Mathf.log(1 + load<f32>(COUNTS + (bucket << 2)));
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
