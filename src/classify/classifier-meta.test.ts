import { describe, expect, it } from "vitest";
import committed from "../../wasm/classifier.meta.json";
import { TIERS } from "../schema/canonical";
import { parseClassifierMeta } from "./classifier-meta";
import { assembleFeatures } from "./feature-vector";
import { TIER_LABELS } from "./tier-labels";

const clone = () => structuredClone(committed) as any;

describe("classifier metadata", () => {
  it("the committed metadata is valid and labelled provisional", () => {
    const meta = parseClassifierMeta(committed);
    expect(meta.provisional).toBe(true);
    expect(meta.outputs.p_strong ?? meta.outputs.tier_probs).toBeDefined();
  });

  it.each([
    ["segments that do not add up", (m: any) => (m.input.size += 1), /add up/],
    [
      "no scorer segment",
      (m: any) => (m.input.segments = [{ kind: "reserved", size: m.input.size }]),
      /scorer segment/,
    ],
    ["an unknown segment kind", (m: any) => m.input.segments.push({ kind: "ngrams", size: 0 }), /input\.segments/],
    ["a decision on an undeclared output", (m: any) => delete m.outputs[m.decision.output], /not declared/],
    ["descending boundaries", (m: any) => (m.decision = { output: "p_strong", boundaries: [0.7, 0.3] }), /ascend/],
    [
      "a repeated tier label",
      (m: any) => (m.outputs.tier_probs.labels = ["simple", "simple", "complex"]),
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
});
