import { describe, expect, it } from "vitest";
import topics from "../../wasm/scorer-topics.bin";
import {
  decodeTopicTable,
  encodeTopicTable,
  hashTopicWord,
  TOPIC_ENTRY_BYTES,
  type TopicEntry,
} from "./topic-table.ts";

const entry = (word: string, n: number): TopicEntry => ({ word, weight: n, ids: n + 1, share1: n + 2, share2: n + 3 });

function wasmEntries(bytes: Uint8Array): Map<number, number[]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<number, number[]>();
  for (let at = 0; at < bytes.length; at += TOPIC_ENTRY_BYTES) {
    out.set(view.getUint32(at, true), Array.from(bytes.subarray(at + 4, at + TOPIC_ENTRY_BYTES)));
  }
  return out;
}

describe("the word-topic table file", () => {
  it("round-trips words (first 8 letters, hashed as the wasm hashes them) and their fields, in any order", () => {
    const words = [
      entry("integral", 10),
      entry("integrate", 20), // 8-letter prefix "integrat": shares 7 letters with "integral"
      entry("in", 30), // a prefix of the words after it
      entry("sonnet", 40),
      entry("a", 50),
    ];
    const decoded = wasmEntries(decodeTopicTable(encodeTopicTable(words)));
    expect(decoded.size).toBe(words.length);
    for (const e of words) {
      expect(decoded.get(hashTopicWord(e.word))).toEqual([e.weight, e.ids, e.share1, e.share2]);
    }
    // FNV-1a over the first 8 letters: longer words hash as their prefix.
    expect(hashTopicWord("integrating")).toBe(hashTopicWord("integrat"));
    expect(hashTopicWord("a")).toBe(Math.imul(2166136261 ^ 97, 16777619) >>> 0);
  });

  it("refuses words it cannot store and fields that are not bytes", () => {
    expect(() => encodeTopicTable([entry("Maths", 1)])).toThrow(/lower-case/);
    expect(() => encodeTopicTable([entry("algebraic", 1), entry("algebrai", 2)])).toThrow(/twice/);
    expect(() => encodeTopicTable([{ ...entry("sum", 1), share1: 256 }])).toThrow(/share1 256/);
  });

  it("refuses a file that is not one: no header, truncated, trailing bytes, malformed words", () => {
    const file = encodeTopicTable([entry("poem", 1), entry("proof", 2)]);
    expect(() => decodeTopicTable(new Uint8Array(200))).toThrow(/TPW1 header/);
    expect(() => decodeTopicTable(file.subarray(0, file.length - 1))).toThrow(/bytes for 2 words/);
    expect(() => decodeTopicTable(Uint8Array.from([...file, 0]))).toThrow(/bytes for 2 words/);
    const bad = file.slice();
    bad[12] = 3; // the first word claims 3 letters shared with the (empty) word before it
    expect(() => decodeTopicTable(bad)).toThrow(/shared prefix/);
    // "a", then a word that shares its one letter and adds none
    const repeated = Uint8Array.from([
      ...file.subarray(0, 4),
      2,
      0,
      0,
      0,
      3,
      0,
      0,
      0,
      0,
      97,
      1,
      ...new Array(8).fill(0),
    ]);
    expect(() => decodeTopicTable(repeated)).toThrow(/repeats/);
    // The word count says 1, the word bytes hold 2: bytes left over.
    const extra = Uint8Array.from([...file.subarray(0, 4), 1, 0, 0, 0, 4, 0, 0, 0, 0, 97, 0, 98, 0, 0, 0, 0]);
    expect(() => decodeTopicTable(extra)).toThrow(/left over/);
    const long = encodeTopicTable([entry("abcdefgh", 1)]);
    const longer = Uint8Array.from([...long.subarray(0, 21), 105, ...long.subarray(21)]); // "abcdefghi"
    longer[8] = 10; // one more word byte
    expect(() => decodeTopicTable(longer)).toThrow(/longer than 8/);
  });

  it("the committed table decodes into distinct words, many with a topic, every one with a weight", () => {
    const entries = wasmEntries(decodeTopicTable(new Uint8Array(topics)));
    expect(entries.size).toBeGreaterThan(5000);
    const topical = [...entries.values()].filter(([, , share1]) => share1! > 0);
    expect(topical.length).toBeGreaterThan(entries.size / 3);
    for (const [weight] of entries.values()) expect(weight).toBeGreaterThan(0);
  });
});
