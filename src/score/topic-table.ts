// The word-topic table's file format (wasm/scorer-topics.bin, written by tools/build/gen-topics.ts),
// compact so the Worker bundle stays small. The wasm reads 8-byte entries (FNV-1a hash of the word's
// first 8 letters u32, weight u8, topic ids u8 as two nibbles, two shares u8; assembly/topics.ts), but
// a random u32 hash does not compress: the file holds the words themselves (their first 8 letters),
// sorted and front-coded, then each byte field as a column, and the host hashes the words once per
// isolate: about half the size after gzip.
//   "TPW1" | u32 count | u32 word bytes | count × (shared-prefix length byte 0-8, then the rest of the
//          word in a-z) | count × weight | count × ids | count × share 1 | count × share 2
// Node tools import this file too, hence no Worker-only APIs.

/** Bytes per entry as the wasm reads it. */
export const TOPIC_ENTRY_BYTES = 8;
/** The wasm hashes a word's first PREFIX letters (assembly/keywords.ts, tools/build/gen-lexicon.ts). */
export const TOPIC_WORD_PREFIX = 8;
const MAGIC = [0x54, 0x50, 0x57, 0x31]; // "TPW1"
const HEADER_BYTES = 12;
const A = 97;
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const Z = 122;

export interface TopicEntry {
  /** Lower-case a-z; only its first TOPIC_WORD_PREFIX letters are stored. */
  word: string;
  weight: number;
  ids: number;
  share1: number;
  share2: number;
}

function invalid(why: string): never {
  throw new Error(`scorer topic table invalid: ${why} (run npm run build:topics)`);
}

/** 32-bit FNV-1a over the first TOPIC_WORD_PREFIX letters, exactly as the wasm hashes words. */
export function hashTopicWord(word: string): number {
  let h = 2166136261;
  for (let i = 0; i < Math.min(word.length, TOPIC_WORD_PREFIX); i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Entries (distinct first-8-letter prefixes, any order) -> the file's bytes. */
export function encodeTopicTable(entries: readonly TopicEntry[]): Uint8Array {
  const sorted = entries
    .map((e) => ({ ...e, word: e.word.slice(0, TOPIC_WORD_PREFIX) }))
    .sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  const words: number[] = [];
  let previous = "";
  for (const { word } of sorted) {
    if (!/^[a-z]+$/.test(word)) invalid(`${JSON.stringify(word)} is not lower-case a-z`);
    if (word === previous) invalid(`${JSON.stringify(word)} twice`);
    let shared = 0;
    while (shared < word.length && word[shared] === previous[shared]) shared++;
    words.push(shared, ...Array.from(word.slice(shared), (c) => c.charCodeAt(0)));
    previous = word;
  }
  const columns = (["weight", "ids", "share1", "share2"] as const).flatMap((field) =>
    sorted.map((e) => {
      const value = e[field];
      if (!Number.isInteger(value) || value < 0 || value > 255) invalid(`${field} ${value} of ${e.word}`);
      return value;
    }),
  );
  const out = new Uint8Array(HEADER_BYTES + words.length + columns.length);
  out.set(MAGIC);
  new DataView(out.buffer).setUint32(4, sorted.length, true);
  new DataView(out.buffer).setUint32(8, words.length, true);
  out.set(words, HEADER_BYTES);
  out.set(columns, HEADER_BYTES + words.length);
  return out;
}

/** The file's bytes -> entries as the wasm reads them (8 bytes each); throws on anything malformed. */
export function decodeTopicTable(file: Uint8Array): Uint8Array {
  if (file.length < HEADER_BYTES || MAGIC.some((b, i) => file[i] !== b)) {
    invalid(`${file.length} bytes without the TPW1 header`);
  }
  const header = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const n = header.getUint32(4, true);
  const wordsEnd = HEADER_BYTES + header.getUint32(8, true);
  // Checked before allocating: the words, then exactly 4 column bytes a word.
  if (file.length !== wordsEnd + n * 4) invalid(`${file.length} bytes for ${n} words in ${wordsEnd - HEADER_BYTES}`);
  const entries = new Uint8Array(n * TOPIC_ENTRY_BYTES);
  // Hashes go in as u32 words (every entry starts on a multiple of 8): little-endian, as wasm reads them.
  const words = new Uint32Array(entries.buffer);
  if (!LITTLE_ENDIAN) invalid("a big-endian host");
  // The word so far as FNV-1a states: hashes[k] is the hash of its first k letters, so a word that
  // shares a prefix with the one before continues from that prefix's state.
  const hashes = new Int32Array(TOPIC_WORD_PREFIX + 1);
  hashes[0] = 2166136261 | 0;
  let length = 0;
  let at = HEADER_BYTES;
  for (let i = 0; i < n; i++) {
    const shared = at < wordsEnd ? file[at++]! : -1;
    if (shared < 0 || shared > length) invalid(`word ${i}: shared prefix ${shared} of ${length} letters`);
    length = shared;
    let hash = hashes[length]!;
    for (; at < wordsEnd; at++) {
      const c = file[at]!;
      if (c < A || c > Z) break;
      if (length === TOPIC_WORD_PREFIX) invalid(`word ${i} longer than ${TOPIC_WORD_PREFIX} letters`);
      hash = Math.imul(hash ^ c, 16777619);
      hashes[++length] = hash;
    }
    if (length === 0 || length === shared) invalid(`word ${i} is empty or repeats the one before`);
    words[i * 2] = hash;
  }
  if (at !== wordsEnd) invalid(`${wordsEnd - at} word bytes left over`);
  for (let column = 0; column < 4; column++) {
    for (let i = 0; i < n; i++) entries[i * TOPIC_ENTRY_BYTES + 4 + column] = file[at++]!;
  }
  return entries;
}
