// The scorer's committed artifacts agree with each other: wasm layout, host
// mirror, fitted weights, the word-topic table and the generated lexicon.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FEATURE_NAMES } from "../../src/score/feature-names.ts";
import { Scorer } from "../../src/score/scorer.ts";
import { generateLexicon, LEXICON_OUTPUT, LEXICON_SOURCE } from "../../tools/build/gen-lexicon.ts";
import { TOPIC_NAMES } from "../../src/score/topic-names.ts";
import { encodeTopicTable } from "../../src/score/topic-table.ts";
import { parseTopics, TOPICS_META, TOPICS_SOURCE } from "../../tools/build/gen-topics.ts";
import { loadScorer, loadWasmModule, readTopicBytes, readWeights } from "../../tools/lib/scorer/node-scorer.ts";

describe("scorer artifacts", () => {
  it("the wasm's feature names are the host's FEATURE_NAMES and the weights'", () => {
    expect(loadScorer().featureNames).toEqual([...FEATURE_NAMES]);
    expect(readWeights().features).toEqual([...FEATURE_NAMES]);
  });

  it("scorer.wasm stays within its 16 KB budget (docs/scorer.md)", () => {
    expect(readFileSync("wasm/scorer.wasm").length).toBeLessThanOrEqual(16 * 1024);
  });

  it("assembly/layout.ts indices follow the same order", () => {
    const source = readFileSync("assembly/layout.ts", "utf8");
    const indices = [...source.matchAll(/export const F_([A-Z_]+): i32 = (\d+);/g)];
    const topicFirst = FEATURE_NAMES.indexOf("topic_math");
    const dense = indices.filter(([, name]) => name !== "TOPIC_FIRST");
    expect(dense.map(([, name, i]) => [name!.toLowerCase(), Number(i)])).toEqual(
      FEATURE_NAMES.slice(0, topicFirst).map((n, i) => [n, i]),
    );
    expect(Number(indices.find(([, name]) => name === "TOPIC_FIRST")![2])).toBe(topicFirst);
    expect(FEATURE_NAMES.slice(topicFirst)).toEqual(TOPIC_NAMES.map((t) => `topic_${t}`));
  });

  it("the weights were fitted on the committed wasm's features (else: npm run train)", () => {
    const weights = JSON.parse(readFileSync("wasm/scorer-weights.json", "utf8"));
    expect(weights.wasm_sha256).toBe(createHash("sha256").update(readFileSync("wasm/scorer.wasm")).digest("hex"));
  });

  it("assembly/lexicon.generated.ts is up to date with lexicon.txt (else: npm run build:wasm)", () => {
    expect(readFileSync(LEXICON_OUTPUT, "utf8")).toBe(generateLexicon(readFileSync(LEXICON_SOURCE, "utf8")));
  });

  it("the word-topic table is the one topics.txt names and the weights were fitted with (else: npm run build:topics, npm run train)", () => {
    const names = parseTopics(readFileSync(TOPICS_SOURCE, "utf8")).map((t) => t.name);
    expect(names).toEqual([...TOPIC_NAMES]);
    const meta = JSON.parse(readFileSync(TOPICS_META, "utf8"));
    expect(meta.topics).toEqual([...TOPIC_NAMES]);
    const bytes = readTopicBytes();
    expect(bytes.length).toBe(meta.bytes);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(sha256).toBe(meta.sha256);
    expect(readWeights().topics).toEqual({ names: [...TOPIC_NAMES], entries: meta.entries, sha256 });
  });

  it("the topic features read what a prompt is about", () => {
    const scorer = loadScorer();
    const topic = (text: string) => {
      const f = scorer.score({ primary: text, context: "", flags: 0 }).features;
      const shares = TOPIC_NAMES.map((name) => f[FEATURE_NAMES.indexOf(`topic_${name}` as never)]!);
      return TOPIC_NAMES[shares.indexOf(Math.max(...shares))];
    };
    expect(topic("Compute the integral of x squared and simplify the polynomial")).toBe("math");
    expect(topic("Write a poem about the sea, with rhyming verses")).toBe("writing");
    expect(topic("Fix the bug in this javascript function, it does not compile")).toBe("code");
    // A word repeated adds nothing: each distinct word counts once.
    const topics = (text: string) =>
      Array.from(
        scorer.score({ primary: text, context: "", flags: 0 }).features.slice(FEATURE_NAMES.indexOf("topic_math")),
      );
    expect(topics("integral integral integral of a polynomial")).toEqual(topics("integral of a polynomial"));
  });

  it("refuses weights or tables for another layout", () => {
    const weights = readWeights();
    const topics = readTopicBytes();
    const make =
      (model: object, table: Uint8Array = topics) =>
      () =>
        new Scorer(loadWasmModule(), table, { ...weights, ...model } as typeof weights);
    expect(make({ features: weights.features.slice(1) })).toThrow(/layout/);
    expect(make({ clip: [] })).toThrow(/clip/);
    expect(make({ bias: Number.NaN })).toThrow(/bias/);
    expect(make({ weights: weights.weights.map((w, j) => (j === 3 ? Number.POSITIVE_INFINITY : w)) })).toThrow(
      /weights/,
    );
    expect(make({ topics: { ...weights.topics, names: ["math"] } })).toThrow(/topics/);
    expect(make({ format: "triage-scorer/2" })).toThrow(/format/);
    const oneWord = encodeTopicTable([{ word: "integral", weight: 255, ids: 0, share1: 255, share2: 0 }]);
    expect(make({}, oneWord)).toThrow(/topic words/);
    expect(make({}, topics.subarray(0, 5))).toThrow(/topic table/);
    expect(() => new Scorer(loadWasmModule(), topics)).not.toThrow(); // features only
  });

  it("the memory check sees growth: a leak of one page would fail the 100k-call test", () => {
    const scorer = loadScorer();
    const before = scorer.memoryBytes;
    // Stand-in for a per-call allocation: the stub runtime bump-allocates, so 100,000 calls
    // leaking even 16 bytes each (1.6 MB) would grow memory past its initial pages.
    (scorer as unknown as { exports: { memory: WebAssembly.Memory } }).exports.memory.grow(1);
    expect(scorer.memoryBytes).toBe(before + 65536);
    // The host re-creates its views after growth and keeps scoring correctly.
    const a = scorer.score({ primary: "prove it", context: "", flags: 0 }).score;
    expect(a).toBe(loadScorer().score({ primary: "prove it", context: "", flags: 0 }).score);
  });
});
