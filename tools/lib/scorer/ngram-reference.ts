// A plain-JS mirror of the wasm's hashed word n-grams (assembly/ngrams.ts and the
// word/number segmentation of assembly/scan.ts), for prototyping and as the
// reference the wasm is tested against. Works on UTF-8 bytes exactly as the wasm does,
// after the same normalisation (normalise-reference.ts). Items inside ``` fences count at
// FENCE_WEIGHT; a bucket's value is the largest weight of any item in it (presence).

/** assembly/scan.ts FENCE_WEIGHT. */
export const FENCE_WEIGHT = 0.25;

export const FNV_OFFSET = 2166136261;
export const FNV_PRIME = 16777619;
export const PREFIX = 8;

/** Item hash of a number token: one token per digit-count class (1, 2, 3, 4+ digits). */
export function numberItem(digits: number): number {
  return (0x4e554d30 + Math.min(digits, 4)) >>> 0; // "NUM0" + class
}

/** Fibonacci hashing: the top `bits` bits of item * 0x9e3779b1 (mod 2^32). */
export function unigramBucket(item: number, bits: number): number {
  return Math.imul(item, 0x9e3779b1) >>> (32 - bits);
}

export function bigramBucket(prev: number, item: number, bits: number): number {
  return Math.imul(Math.imul(prev, 0x85ebca6b) ^ item ^ 0x27d4eb2f, 0x9e3779b1) >>> (32 - bits);
}

const isLetter = (b: number) => ((b | 0x20) - 0x61) >>> 0 < 26;
const isDigit = (b: number) => (b - 0x30) >>> 0 < 10;

/** The item sequence (word hashes and number tokens) of one span of UTF-8 bytes. */
export function items(bytes: Uint8Array): number[] {
  return weightedItems(bytes, 1).map((x) => x.item);
}

/** Items with their weight: `weight`, or weight * FENCE_WEIGHT when they end inside a ``` fence. */
export function weightedItems(bytes: Uint8Array, weight: number): { item: number; w: number }[] {
  const out: { item: number; w: number }[] = [];
  let h = FNV_OFFSET;
  let wordLen = 0;
  let numDigits = 0;
  let w = weight;
  const endWord = () => {
    out.push({ item: h >>> 0, w });
    h = FNV_OFFSET;
    wordLen = 0;
  };
  const endNumber = () => {
    out.push({ item: numberItem(numDigits), w });
    numDigits = 0;
  };
  let p = 0;
  const end = bytes.length;
  while (p < end) {
    const b = bytes[p]!;
    if (isLetter(b)) {
      if (numDigits > 0) endNumber();
      while (true) {
        if (wordLen < PREFIX) h = Math.imul(h ^ (bytes[p]! | 0x20), FNV_PRIME) >>> 0;
        wordLen++;
        p++;
        if (p >= end || !isLetter(bytes[p]!)) break;
      }
      continue;
    }
    if (b < 0x80) {
      if (isDigit(b)) {
        if (wordLen > 0) wordLen++;
        else numDigits++;
        p++;
        continue;
      }
      if (b === 0x5f && wordLen > 0) {
        wordLen++;
        p++;
        continue;
      }
      if (wordLen > 0) endWord();
      if (numDigits > 0) {
        const next = p + 1 < end ? bytes[p + 1]! : 0;
        if ((b === 0x2c || b === 0x2e) && isDigit(next)) {
          p++;
          continue;
        }
        endNumber();
      }
      // The last backtick of a run of three or more toggles a fence.
      if (b === 0x60 && p >= 2 && bytes[p - 1] === 0x60 && bytes[p - 2] === 0x60 && bytes[p + 1] !== 0x60) {
        w = w === weight ? weight * FENCE_WEIGHT : weight;
      }
      p++;
      continue;
    }
    if (b < 0xc0) {
      p++;
      continue;
    }
    const b1 = p + 1 < end ? bytes[p + 1]! : 0;
    if ((b >= 0xc3 && b <= 0xcd && !(b === 0xcd && b1 >= 0xb0)) || (b === 0xe1 && b1 >= 0xb8 && b1 <= 0xbb)) {
      if (numDigits > 0) endNumber();
      wordLen++;
      p++;
      while (p < end && (bytes[p]! & 0xc0) === 0x80) p++;
      continue;
    }
    if (wordLen > 0) endWord();
    if (numDigits > 0) endNumber();
    p++;
    while (p < end && (bytes[p]! & 0xc0) === 0x80) p++;
  }
  if (wordLen > 0) endWord();
  if (numDigits > 0) endNumber();
  return out;
}

/** Bucket -> presence (largest item weight) of the unigrams and bigrams of one (normalised) span. */
export function ngramPresence(bytes: Uint8Array, bits: number, weight = 1, into = new Map<number, number>()) {
  const seq = weightedItems(bytes, weight);
  const mark = (bucket: number, w: number) => into.set(bucket, Math.max(into.get(bucket) ?? 0, w));
  for (let i = 0; i < seq.length; i++) {
    mark(unigramBucket(seq[i]!.item, bits), seq[i]!.w);
    if (i > 0) mark(bigramBucket(seq[i - 1]!.item, seq[i]!.item, bits), seq[i]!.w);
  }
  return into;
}
