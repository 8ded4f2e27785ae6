// The scorer's committed artifacts agree with each other: wasm layout, host
// mirror, fitted weights and the generated lexicon.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FEATURE_NAMES } from "../../src/score/feature-names.ts";
import { Scorer } from "../../src/score/scorer.ts";
import { generateLexicon, LEXICON_OUTPUT, LEXICON_SOURCE } from "../../tools/gen-lexicon.ts";
import { loadScorer, loadWasmModule, readWeightBytes, readWeights } from "../../tools/scorer/node-scorer.ts";

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
    expect(indices.map(([, name, i]) => [name!.toLowerCase(), Number(i)])).toEqual(FEATURE_NAMES.map((n, i) => [n, i]));
  });

  it("the weights were fitted on the committed wasm's features (else: npm run train)", () => {
    const weights = JSON.parse(readFileSync("wasm/scorer-weights.json", "utf8"));
    expect(weights.wasm_sha256).toBe(createHash("sha256").update(readFileSync("wasm/scorer.wasm")).digest("hex"));
  });

  it("assembly/lexicon.generated.ts is up to date with lexicon.txt (else: npm run build:wasm)", () => {
    expect(readFileSync(LEXICON_OUTPUT, "utf8")).toBe(generateLexicon(readFileSync(LEXICON_SOURCE, "utf8")));
  });

  it("wasm/scorer-weights.bin is the weight file the JSON describes (else: npm run train)", () => {
    const { weights } = readWeights();
    const bytes = readWeightBytes();
    expect(weights.file).toBe("scorer-weights.bin");
    expect(bytes.length).toBe(weights.bytes);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(weights.sha256);
  });

  it("refuses weights for another layout", () => {
    const weights = readWeights();
    const bytes = readWeightBytes();
    expect(() => new Scorer(loadWasmModule(), { ...weights, features: weights.features.slice(1) }, bytes)).toThrow(
      /layout/,
    );
    expect(() => new Scorer(loadWasmModule(), { ...weights, clip: [] }, bytes)).toThrow(/clip/);
    expect(() => new Scorer(loadWasmModule(), { ...weights, bias: weights.bias.map(() => Number.NaN) }, bytes)).toThrow(
      /bias/,
    );
    expect(() => new Scorer(loadWasmModule(), { ...weights, ngrams: { buckets: 2048 } }, bytes)).toThrow(/buckets/);
    expect(() => new Scorer(loadWasmModule(), { ...weights, columns: 6 }, bytes)).toThrow(/columns|bias/);
    const toGate = weights.experts.map((e, k) => (k === 0 ? { ...e, column: 1 } : e));
    expect(() => new Scorer(loadWasmModule(), { ...weights, experts: toGate }, bytes)).toThrow(/expert/);
    expect(() => new Scorer(loadWasmModule(), weights, new Uint8Array(4))).toThrow(/bytes/);
    const poisoned = Uint8Array.from(bytes);
    new DataView(poisoned.buffer).setFloat32(400, Number.POSITIVE_INFINITY, true);
    expect(() => new Scorer(loadWasmModule(), weights, poisoned)).toThrow(/non-finite/);
    expect(() => new Scorer(loadWasmModule(), weights)).toThrow(/not given/);
    expect(() => new Scorer(loadWasmModule(), { ...weights, format: "triage-scorer/1" }, bytes)).toThrow(/format/);
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
