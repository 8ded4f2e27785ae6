import { describe, expect, it } from "vitest";
import committed from "../../wasm/classifier.meta.json";
import { TIERS } from "../schema/canonical.ts";
import { parseClassifierMeta } from "./classifier-meta.ts";
import { assembleFeatures } from "./feature-vector.ts";
import { TIER_LABELS } from "./tier-labels.ts";

const clone = () => structuredClone(committed) as any;

describe("classifier metadata", () => {
  it("the committed metadata is valid, trained (not provisional) and records its data", () => {
    const meta = parseClassifierMeta(committed);
    expect(meta.provisional).toBe(false);
    expect(meta.outputs.p_strong).toBeDefined();
    expect(meta.decision).toEqual({ output: "p_strong", boundaries: "tiers" });
    const data = (meta.training as { data: { set: string; sha256: string }[] }).data;
    expect(data.map((d) => d.set)).toContain("routellm-mmlu");
    for (const d of data) expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(data.map((d) => d.set).some((set) => set.startsWith("alpacaeval"))).toBe(false);
  });

  it.each([
    ["segments that do not add up", (m: any) => (m.input.size += 1), /add up/],
    [
      "no scorer segment",
      (m: any) => (m.input.segments = [{ kind: "reserved", size: m.input.size }]),
      /scorer segment/,
    ],
    ["an unknown segment kind", (m: any) => m.input.segments.push({ kind: "bigrams", size: 0 }), /input\.segments/],
    [
      "two ngrams segments",
      (m: any) => (m.input.segments.push({ kind: "ngrams", size: 1 }), (m.input.size += 1)),
      /more than one ngrams/,
    ],
    [
      "a decision on an undeclared output",
      (m: any) => (m.decision = { output: "tier_probs", max_underroute_risk: 0.5 }),
      /not declared/,
    ],
    ["descending boundaries", (m: any) => (m.decision = { output: "p_strong", boundaries: [0.7, 0.3] }), /ascend/],
    [
      "a repeated tier label",
      (m: any) => (m.outputs.tier_probs = { name: "t", size: 3, labels: ["simple", "simple", "complex"] }),
      /each tier once/,
    ],
    ["a bad hash", (m: any) => (m.model_sha256 = "abc"), /model_sha256/],
  ])("rejects %s with a readable message", (_, mutate, message) => {
    const meta = clone();
    mutate(meta);
    expect(() => parseClassifierMeta(meta)).toThrow(message);
  });

  it("a 2-column p_strong needs labels naming 'strong'", () => {
    const meta = clone();
    meta.outputs.p_strong = { name: "p", size: 2 };
    expect(() => parseClassifierMeta(meta)).toThrow(/strong/);
    meta.outputs.p_strong.labels = ["weak", "strong"];
    expect(parseClassifierMeta(meta).outputs.p_strong?.labels).toEqual(["weak", "strong"]);
  });

  it("tier labels match the canonical tiers", () => {
    expect([...TIER_LABELS]).toEqual([...TIERS]);
  });
});

describe("assembleFeatures", () => {
  const spec = {
    name: "x",
    size: 5,
    segments: [
      { kind: "scorer" as const, size: 3 },
      { kind: "reserved" as const, size: 2 },
    ],
  };
  const prompt = { primary: "", context: "", flags: 0 };

  it("places the scorer features, zeros in reserved segments", () => {
    expect([...assembleFeatures(spec, { scorerFeatures: new Float32Array([1, 2, 3]), prompt })]).toEqual([
      1, 2, 3, 0, 0,
    ]);
  });

  it("refuses a scorer vector of the wrong width", () => {
    expect(() => assembleFeatures(spec, { scorerFeatures: new Float32Array(4), prompt })).toThrow(/4 features/);
  });

  const withNgrams = {
    name: "x",
    size: 6,
    segments: [
      { kind: "scorer" as const, size: 2 },
      { kind: "ngrams" as const, size: 4 },
    ],
  };
  const ngrams = (index: number[], value: number[]) => ({
    index: Uint16Array.from(index),
    value: Float32Array.from(value),
  });

  it("scatters n-gram values into their buckets, zeros elsewhere", () => {
    const row = assembleFeatures(withNgrams, {
      scorerFeatures: new Float32Array([1, 2]),
      ngrams: ngrams([3, 0], [0.5, 0.25]),
      prompt,
    });
    expect([...row]).toEqual([1, 2, 0.25, 0, 0, 0.5]);
  });

  it("refuses a model that reads n-grams without them, or a bucket outside the segment", () => {
    expect(() => assembleFeatures(withNgrams, { scorerFeatures: new Float32Array(2), prompt })).toThrow(/n-grams/);
    expect(() =>
      assembleFeatures(withNgrams, { scorerFeatures: new Float32Array(2), ngrams: ngrams([4], [1]), prompt }),
    ).toThrow(/bucket 4/);
  });
});
