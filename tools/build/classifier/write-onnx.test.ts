// The ONNX writer, checked by running what it writes in onnxruntime-web under
// Node (same host code as the Worker) against the plain-JS reference.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { OnnxClassifier } from "../../../src/classify/onnx/onnx-classifier.ts";
import { createOrtSession, ort } from "../../../src/classify/onnx/ort-host.ts";
import { buildModel, OPSET } from "./build-model.ts";
import { parseClassifierSpec } from "./classifier-spec.ts";
import { decodeModel } from "./onnx-proto.ts";
import { referenceForward, sampleRows } from "./reference-forward.ts";

const require = createRequire(import.meta.url);
const ortWasm = WebAssembly.compile(readFileSync(require.resolve("onnxruntime-web/ort-wasm-simd-threaded.wasm")));

/** Deterministic small numbers for weights. */
const fill = (rows: number, cols: number, seed: number) =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => Math.sin(seed + i * 7.1 + j * 3.3)));

/** Every feature of the format: scaling, two hidden layers, a 2-column p_strong, permuted tier labels. */
const fullSpec = () =>
  parseClassifierSpec({
    version: "test-1",
    provisional: true,
    input: {
      name: "x",
      segments: [
        { kind: "scorer", size: 6 },
        { kind: "reserved", size: 2 },
      ],
    },
    scaling: { mean: [0.5, 1, 0, 0, 2, -1, 0, 0], scale: [2, 0.5, 1, 1, 0.25, 1, 3, 3] },
    hidden: [
      { weights: fill(8, 5, 1), bias: [0.1, -0.2, 0.3, 0, 0.05] },
      { weights: fill(5, 4, 2), bias: [0, 0.1, -0.1, 0.2] },
    ],
    heads: {
      p_strong: { weights: fill(4, 2, 3), bias: [0.2, -0.2], labels: ["strong", "weak"] },
      tier_probs: { weights: fill(4, 3, 4), bias: [0, 0.5, -0.5], labels: ["complex", "simple", "moderate"] },
    },
    decision: { output: "tier_probs", max_underroute_risk: 0.4 },
  });

describe("ONNX writer", () => {
  it("writes a graph with the declared input, outputs, opset and weight shapes", () => {
    const { bytes, meta } = buildModel(fullSpec());
    const model = decodeModel(bytes);
    expect(model.opsetImport).toEqual([{ domain: "", version: OPSET }]);
    expect(model.graph.input.map((v: any) => v.name)).toEqual(["x"]);
    expect(model.graph.output.map((v: any) => v.name)).toEqual(["p_strong", "tier_probs"]);
    const dims = Object.fromEntries(model.graph.initializer.map((t: any) => [t.name, t.dims]));
    expect(dims).toMatchObject({ hidden0_W: [8, 5], hidden1_W: [5, 4], p_strong_head_W: [4, 2], tier_head_W: [4, 3] });
    expect(meta).toMatchObject({
      input: { name: "x", size: 8 },
      outputs: {
        p_strong: { size: 2, labels: ["strong", "weak"] },
        tier_probs: { labels: ["complex", "simple", "moderate"] },
      },
    });
  });

  it("is deterministic", () => {
    expect(Buffer.compare(buildModel(fullSpec()).bytes, buildModel(fullSpec()).bytes)).toBe(0);
  });

  it("runs in onnxruntime-web and matches the plain-JS reference to 1e-6", async () => {
    const spec = fullSpec();
    const session = await createOrtSession(await ortWasm, buildModel(spec).bytes);
    let worst = 0;
    for (const row of sampleRows(50, 8, 3)) {
      const out = await session.run({ x: new ort.Tensor("float32", row, [1, 8]) });
      const want = referenceForward(spec, row);
      const got = {
        p_strong: [...(out.p_strong!.data as Float32Array)],
        tier_probs: [...(out.tier_probs!.data as Float32Array)],
      };
      for (const head of ["p_strong", "tier_probs"] as const) {
        want[head]!.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - got[head][i]!))));
      }
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it("the classifier maps columns by their labels, whatever the order", async () => {
    const spec = fullSpec();
    const { bytes, meta } = buildModel(spec);
    const classifier = await OnnxClassifier.create({
      ortWasm: await ortWasm,
      model: bytes,
      meta,
      scorer: { featureCount: 6 },
    });
    const prompt = { primary: "", context: "", flags: 0 };
    const [row] = sampleRows(1, 6, 11);
    const verdict = await classifier.classify({ scorerFeatures: row!, prompt });
    const want = referenceForward(spec, [...row!, 0, 0]);
    expect(verdict.outputs.pStrong).toBeCloseTo(want.p_strong![0]!, 6); // column 0 is "strong"
    expect(verdict.outputs.tierProbs!.complex).toBeCloseTo(want.tier_probs![0]!, 6);
    expect(verdict.outputs.tierProbs!.simple).toBeCloseTo(want.tier_probs![1]!, 6);
    expect(verdict.outputs.tierProbs!.moderate).toBeCloseTo(want.tier_probs![2]!, 6);
  });
});

describe("classifier spec validation", () => {
  const base = () => JSON.parse(JSON.stringify(fullSpec()));
  it.each([
    ["a layer that does not chain", (s: any) => s.hidden[1].weights.pop(), /hidden\[1\]\.weights has 4 rows/],
    ["a ragged matrix", (s: any) => s.hidden[0].weights[2].push(1), /rows differ/],
    ["a bias of the wrong width", (s: any) => s.heads.tier_probs.bias.pop(), /tier_probs\.bias/],
    ["scaling of the wrong width", (s: any) => s.scaling.mean.pop(), /scaling\.mean/],
    ["no heads", (s: any) => (s.heads = {}), /at least one head/],
    ["a non-finite weight", (s: any) => (s.hidden[0].bias[0] = "x"), /hidden\.0\.bias\.0/],
    ["a 2-column p_strong without a strong label", (s: any) => (s.heads.p_strong.labels = ["a", "b"]), /strong/],
  ])("rejects %s", (_, mutate, message) => {
    const spec = base();
    mutate(spec);
    expect(() => parseClassifierSpec(spec)).toThrow(message);
  });

  it("rejects a decision on a head the spec does not have", () => {
    const spec = base();
    delete spec.heads.tier_probs;
    expect(() => buildModel(parseClassifierSpec(spec))).toThrow(/not declared/);
  });
});
