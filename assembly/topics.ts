// Task topics of a prompt (maths, code, writing, chit-chat, ...: assembly/topics.txt), from a word
// table distilled from pretrained word vectors (tools/build/gen-topics.ts, wasm/scorer-topics.bin): each
// known word carries a soft assignment over the topics and a weight that discounts frequent words.
// A prompt's topic features are the weighted mean of its distinct words' assignments, so the scorer
// sees what a prompt is about (a word it never saw in training counts through its vector's topic),
// not which benchmark it resembles.
//
// The host writes the table's entries (8 bytes each: word hash u32, weight u8, topic ids u8 as two
// nibbles, two shares u8) into TOPIC_ENTRIES and calls buildTopicIndex(): an open-addressing index
// over them, built once. A lookup costs about one probe (load ~0.4); nothing is allocated.
import { firstSeen } from "./ngrams";

export const TOPIC_COUNT: i32 = 15;
export const TOPIC_CAPACITY: i32 = 32768;
const ENTRY_BYTES: i32 = 8;
export const TOPIC_ENTRIES: usize = memory.data(TOPIC_CAPACITY * ENTRY_BYTES, 16);
const SLOT_BITS: u32 = 16;
const SLOTS: u32 = 1 << SLOT_BITS;
/** Per slot: entry number + 1 (0 = empty). */
const INDEX: usize = memory.data(<i32>SLOTS * 4, 16);

/** Weighted share sums per topic, then their weight total (reset per call). */
const SUMS: usize = memory.data((TOPIC_COUNT + 1) * 4, 16);
const SALT: u32 = 0x7f4a7c15; // distinct-word stamps of their own: the cue logic keeps its own

let entries: i32 = 0;

@inline function slotOf(h: u32): u32 {
  return (h * 0x9e3779b1) >>> (32 - SLOT_BITS);
}

/** Builds the index over the first n entries of TOPIC_ENTRIES; false when n does not fit. */
export function buildTopicIndex(n: i32): bool {
  if (n < 0 || n > TOPIC_CAPACITY) return false;
  memory.fill(INDEX, 0, <usize>SLOTS * 4);
  for (let i = 0; i < n; i++) {
    const h = load<u32>(TOPIC_ENTRIES + <usize>(i * ENTRY_BYTES));
    let slot = slotOf(h);
    while (load<u32>(INDEX + ((<usize>slot) << 2)) != 0) slot = (slot + 1) & (SLOTS - 1);
    store<u32>(INDEX + ((<usize>slot) << 2), <u32>(i + 1));
  }
  entries = n;
  return true;
}

export function topicEntries(): i32 {
  return entries;
}

export function topicReset(): void {
  memory.fill(SUMS, 0, (TOPIC_COUNT + 1) * 4);
}

/** A finished ASCII word (hash of its first 8 letters) with span weight w. */
export function topicWord(h: u32, w: f32): void {
  let slot = slotOf(h);
  while (true) {
    const e = load<u32>(INDEX + ((<usize>slot) << 2));
    if (e == 0) return; // not a known word
    const at = TOPIC_ENTRIES + <usize>((<i32>e - 1) * ENTRY_BYTES);
    if (load<u32>(at) == h) {
      if (!firstSeen(h ^ SALT)) return; // each distinct word once per span
      const packed = load<u32>(at + 4);
      const weight = <f32>(packed & 0xff) * (w / 255);
      const ids = (packed >>> 8) & 0xff;
      const total = SUMS + (<usize>TOPIC_COUNT << 2);
      store<f32>(total, load<f32>(total) + weight);
      const s1 = <f32>((packed >>> 16) & 0xff);
      if (s1 > 0) {
        const a = SUMS + ((<usize>(ids & 15)) << 2);
        store<f32>(a, load<f32>(a) + weight * s1 * (1.0 / 255));
        const s2 = <f32>(packed >>> 24);
        const b = SUMS + ((<usize>(ids >>> 4)) << 2);
        store<f32>(b, load<f32>(b) + weight * s2 * (1.0 / 255));
      }
      return;
    }
    slot = (slot + 1) & (SLOTS - 1);
  }
}

/** Writes the TOPIC_COUNT topic features (weighted mean shares; 0 without known words) from `first`. */
export function topicFinish(out: usize, first: i32): void {
  const total = load<f32>(SUMS + (<usize>TOPIC_COUNT << 2));
  const inv: f32 = total > 0 ? 1 / total : 0;
  for (let t = 0; t < TOPIC_COUNT; t++) {
    store<f32>(out + ((<usize>(first + t)) << 2), load<f32>(SUMS + ((<usize>t) << 2)) * inv);
  }
}
