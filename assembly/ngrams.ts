// Hashed word n-grams, counted in the same pass as the other features: every
// word (its first 8 letters, lower-cased: the FNV-1a hash scan.ts already
// computes) and every number (one token per digit-count class) is an item; each
// item adds its unigram and its bigram with the previous item of the span to one
// of NGRAM_BUCKETS buckets (Fibonacci hashing of the item hash). Nothing is allocated:
// values live in a static block, and only the buckets touched by this call are listed
// and later cleared.
//
// Repetition buys nothing (router gaming): a bucket's value is the largest weight of any
// item in it (presence, not a count), and ngramItem() tells the scan whether the item and
// its bigram are new in the span (a stamp table), so repeated words, phrases, sentences or
// a repeated prompt add nothing to the counts the scan keeps either.
//
// Output (after ngramFinish): NGRAM_INDEX[0..n) the touched buckets (u16, in
// first-touch order) and NGRAM_VALUE[0..n) their values, scaled to unit L2 norm over
// the prompt. tools/lib/scorer/ngram-reference.ts mirrors this in JS.
export const NGRAM_BITS: i32 = 12;
export const NGRAM_BUCKETS: i32 = 1 << NGRAM_BITS;
const SHIFT: u32 = 32 - <u32>NGRAM_BITS;

const COUNTS: usize = memory.data(NGRAM_BUCKETS * 4, 16);
export const NGRAM_INDEX: usize = memory.data(NGRAM_BUCKETS * 2, 16);
export const NGRAM_VALUE: usize = memory.data(NGRAM_BUCKETS * 4, 16);

/** Novelty stamps: a slot holds the span number that last saw a key hashed to it. */
const SEEN_BITS: i32 = 15;
const SEEN: usize = memory.data((1 << SEEN_BITS) * 2, 16);
let stamp: u16 = 0;

/** ngramItem() result bits: the item is new in the span (checked only for the span's first item:
 * otherwise ask wordIsNew(), which the scan does only for cue words) / its bigram is new. */
export const NEW_WORD: i32 = 1;
export const NEW_BIGRAM: i32 = 2;

/** True the first time the word hash `item` is asked about in this span (distinct cue words). */
@inline export function wordIsNew(item: u32): bool {
  return firstSeen(item ^ 0x5bd1e995);
}

let touched: i32 = 0;
let prev: u32 = 0;
let hasPrev: bool = false;

@inline function bump(bucket: u32, w: f32): void {
  const at = COUNTS + ((<usize>bucket) << 2);
  const value = load<f32>(at);
  if (value == 0) {
    // w > 0, so a bucket is listed once: touched never exceeds NGRAM_BUCKETS.
    store<u16>(NGRAM_INDEX + ((<usize>touched) << 1), <u16>bucket);
    touched++;
  }
  if (w > value) store<f32>(at, w);
}

/** True the first time `key` is seen in this span (false positives ~ keys / 32768). */
export function firstSeen(key: u32): bool {
  const at = SEEN + ((<usize>((key * 0x9e3779b1) >>> (32 - SEEN_BITS))) << 1);
  if (load<u16>(at) == stamp) return false;
  store<u16>(at, stamp);
  return true;
}

/** Clears the buckets the previous call touched (not the whole table). */
export function ngramReset(): void {
  for (let t = 0; t < touched; t++) {
    store<f32>(COUNTS + ((<usize>load<u16>(NGRAM_INDEX + ((<usize>t) << 1))) << 2), 0);
  }
  touched = 0;
}

/** Bigrams and novelty never cross spans (context, last user turn). */
export function ngramSpanStart(): void {
  hasPrev = false;
  stamp++;
  if (stamp == 0) {
    // Every 65,535 spans: forget all stamps at once (amortised, no per-call clearing).
    memory.fill(SEEN, 0, (1 << SEEN_BITS) * 2);
    stamp = 1;
  }
}

/** Item hash of a number token: one per digit-count class (1, 2, 3, 4+). */
@inline export function numberItem(digits: i32): u32 {
  return 0x4e554d30 + <u32>min(digits, 4);
}

/** Counts one item (a word hash or a number token) with weight w; returns NEW_WORD | NEW_BIGRAM bits. */
export function ngramItem(item: u32, w: f32): i32 {
  const bigram = (prev * 0x85ebca6b) ^ item ^ 0x27d4eb2f;
  const first = !hasPrev;
  const newBigram = first ? wordIsNew(item) : firstSeen(bigram);
  if (w > 0) {
    // Fibonacci hashing: the high bits of a multiplication by an odd constant.
    bump((item * 0x9e3779b1) >>> SHIFT, w);
    if (hasPrev) bump((bigram * 0x9e3779b1) >>> SHIFT, w);
  }
  prev = item;
  hasPrev = true;
  return newBigram ? (first ? NEW_WORD | NEW_BIGRAM : NEW_BIGRAM) : 0;
}

/** Turns the counts of the touched buckets into values; returns how many there are. */
export function ngramFinish(): i32 {
  let sum: f32 = 0;
  for (let t = 0; t < touched; t++) {
    const bucket = <usize>load<u16>(NGRAM_INDEX + ((<usize>t) << 1));
    const v = load<f32>(COUNTS + (bucket << 2));
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
