import { describe, expect, it } from "vitest";
import { decodeTopicTable } from "../../src/score/topic-table.ts";
import { hashWord } from "./gen-lexicon.ts";
import { buildTopicTable, parseTopics, TOPIC_PARAMS } from "./gen-topics.ts";

/** Toy word vectors, in frequency order. */
const toyVectors = (table: [string, number[]][]) => ({
  words: table.map(([w]) => w),
  index: new Map(table.map(([w], i) => [w, i])),
  vector: (i: number) => Float64Array.from(table[i]![1]),
});
const seeds = parseTopics("math: sum\nwriting: poem\n");

/** The table file's entries as the wasm reads them: hash -> [weight, ids, share 1, share 2]. */
function entriesOf(file: Uint8Array): Map<number, number[]> {
  const table = decodeTopicTable(file);
  const out = new Map<number, number[]>();
  for (let i = 0; i < table.length; i += 8) {
    out.set(new DataView(table.buffer, i, 4).getUint32(0, true), Array.from(table.subarray(i + 4, i + 8)));
  }
  return out;
}

describe("the word-topic table", () => {
  it("parses topics with continuation lines, refuses non-ASCII words and more than 16 topics", () => {
    expect(parseTopics("# c\nmath: sum  integral\n  algebra\ncode: python\n")).toEqual([
      { name: "math", words: ["sum", "integral", "algebra"] },
      { name: "code", words: ["python"] },
    ]);
    expect(() => parseTopics("math: Sum")).toThrow(/lower-case/);
    expect(() => parseTopics(Array.from({ length: 17 }, (_, i) => `t${"abcdefghijklmnopq"[i]}: x`).join("\n"))).toThrow(
      /16/,
    );
  });

  it("assigns words to their nearest topic, leaves function words and unrelated words topic-less, shares first-8-letter entries", () => {
    // 3-d toy vectors, in frequency order.
    const table: [string, number[]][] = [
      ["the", [1, 1, 1]],
      ["sum", [1, 0, 0]],
      ["poem", [0, 1, 0]],
      ["integral", [0.9, 0.1, 0]],
      ["integrals", [0.9, 0.1, 0]],
      ["zebra", [0, 0, 1]],
      ["x2", [1, 0, 0]],
    ];
    const vectors = toyVectors(table);
    // Every word kept (none pruned, shares and weights unrounded): what each gets.
    const all = { ...TOPIC_PARAMS, functionWords: 1, minShare: 0, plainWords: 100, shareStep: 1, weightStep: 1 };
    const { bytes, meta } = buildTopicTable(seeds, vectors, all);
    const entries = entriesOf(bytes);
    // "integrals" shares "integral"'s first 8 letters: one entry; "x2" is not a word of letters.
    expect(meta.entries).toBe(5);
    const [, idsSum, shareSum] = entries.get(hashWord("sum"))!;
    expect(idsSum! & 15).toBe(0); // math first
    expect(shareSum).toBeGreaterThan(200);
    expect(entries.get(hashWord("poem"))![1]! & 15).toBe(1);
    expect(entries.get(hashWord("the"))!.slice(2)).toEqual([0, 0]); // a function word: in the table, no topic
    expect(entries.get(hashWord("zebra"))!.slice(2)).toEqual([0, 0]); // cosine 0 with both topics
    // Frequent words weigh less.
    expect(entries.get(hashWord("the"))![0]!).toBeLessThan(entries.get(hashWord("zebra"))![0]!);
  });

  it("keeps the frequent topical words and the clearly topical rare ones, drops topic-less ones, rounds to steps", () => {
    const table: [string, number[]][] = [
      ["the", [1, 1, 1]],
      ["sum", [1, 0, 0]],
      ["mixed", [1, 1, 0]], // half maths, half writing
      ["poem", [0, 1, 0]],
      ["zebra", [0, 0, 1]],
    ];
    const vectors = toyVectors(table);
    const params = {
      ...TOPIC_PARAMS,
      functionWords: 1,
      frequentWords: 2,
      perTopic: 0,
      minShare: 0.6,
      plainWords: 0,
      shareStep: 32,
      weightStep: 32,
    };
    const kept = (p: typeof params) => entriesOf(buildTopicTable(seeds, vectors, p).bytes);
    const strict = kept(params);
    expect([...strict.keys()].sort()).toEqual([hashWord("sum"), hashWord("poem")].sort());
    // Shares and weights on the 32-step grid (255 caps it); a second share that rounds to 0 stores no topic id.
    const [weight, ids, share1, share2] = strict.get(hashWord("sum"))!;
    expect([ids, share1, share2]).toEqual([0, 255, 0]);
    expect(weight! % 32 === 0 || weight === 255 || weight === 1).toBe(true); // 1 at least: a kept word weighs
    // "mixed" is among the frequentWords most frequent: kept whatever its share.
    expect(
      kept({ ...params, frequentWords: 3 })
        .get(hashWord("mixed"))!
        .slice(1),
    ).toEqual([0 | (1 << 4), 128, 128]);
    // Each topic keeps its perTopic most frequent words ("sum" is maths' first, "mixed" its second).
    expect(kept({ ...params, perTopic: 1 }).has(hashWord("mixed"))).toBe(false);
    expect(kept({ ...params, perTopic: 2 }).has(hashWord("mixed"))).toBe(true);
    expect(kept({ ...params, plainWords: 1 }).has(hashWord("the"))).toBe(true);
  });
});
