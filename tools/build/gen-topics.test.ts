import { describe, expect, it } from "vitest";
import { hashWord } from "./gen-lexicon.ts";
import { buildTopicTable, parseTopics, TOPIC_PARAMS } from "./gen-topics.ts";

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
    const vectors = {
      words: table.map(([w]) => w),
      index: new Map(table.map(([w], i) => [w, i])),
      vector: (i: number) => Float64Array.from(table[i]![1]),
    };
    const seeds = parseTopics("math: sum\nwriting: poem\n");
    const { bytes, meta } = buildTopicTable(seeds, vectors, { ...TOPIC_PARAMS, functionWords: 1 });
    const entries = new Map<number, number[]>();
    for (let i = 0; i < bytes.length; i += 8) {
      const view = new DataView(bytes.buffer, i, 8);
      entries.set(view.getUint32(0, true), [bytes[i + 4]!, bytes[i + 5]!, bytes[i + 6]!, bytes[i + 7]!]);
    }
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
});
