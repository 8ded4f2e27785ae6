// The provisional classifier: NOT trained on outcomes. It restates the scorer's
// own logistic model so the classifier stage runs end to end (serving, tests,
// benchmarks) without changing any routing decision:
//   p_strong   = sigmoid(z), z = w·x + b with the scorer's weights: the heuristic score (in float32);
//   tier_probs = softmax([0, z - l0, 2z - l0 - l1]), l_k = logit(boundary k): an adjacent-category
//                model whose most likely tier is the heuristic tier;
//   extra reserved inputs (--extra N, default 0) get zero weights.
// The training issue replaces wasm/classifier.weights.json with fitted weights.
//   node tools/classifier/make-provisional.ts [--extra N] [--boundaries 0.35,0.65]
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { ClassifierSpec } from "./classifier-spec.ts";
import { readScorerArtifacts } from "./scorer-facts.ts";
import { DEFAULT_SPEC, writeClassifier } from "./write-onnx.ts";

export function provisionalSpec(extra: number, boundaries: [number, number]): ClassifierSpec {
  const scorer = readScorerArtifacts();
  const { weights, bias } = scorer.weights;
  if (weights.length !== scorer.featureCount) {
    throw new Error(
      `scorer-weights.json has ${weights.length} weights, scorer.wasm has ${scorer.featureCount} features`,
    );
  }
  const w = [...weights, ...new Array<number>(extra).fill(0)];
  const [l0, l1] = boundaries.map((p) => Math.log(p / (1 - p))) as [number, number];
  const segments: ClassifierSpec["input"]["segments"] = [
    { kind: "scorer", size: scorer.featureCount, ...(scorer.featureNames ? { names: scorer.featureNames } : {}) },
  ];
  if (extra > 0) segments.push({ kind: "reserved", size: extra });
  return {
    version: "provisional-1",
    provisional: true,
    description:
      "PROVISIONAL: not trained on outcomes. Restates the wasm scorer's logistic model so the classifier stage " +
      "runs end to end; it decides as the heuristic does (up to float32 rounding). Replace with trained weights (classifier issue).",
    input: { name: "features", segments },
    hidden: [],
    heads: {
      p_strong: { weights: w.map((v) => [v]), bias: [bias] },
      tier_probs: {
        weights: w.map((v) => [0, v, 2 * v]),
        bias: [0, bias - l0, 2 * bias - l0 - l1],
        labels: ["simple", "moderate", "complex"],
      },
    },
    decision: { output: "p_strong", boundaries },
    training: {
      method: "none: copied from wasm/scorer-weights.json by tools/classifier/make-provisional.ts",
      scorer_weights_sha256: createHash("sha256").update(readFileSync("wasm/scorer-weights.json")).digest("hex"),
    },
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { extra: { type: "string", default: "0" }, boundaries: { type: "string", default: "0.35,0.65" } },
  });
  const boundaries = values.boundaries.split(",").map(Number) as [number, number];
  const spec = provisionalSpec(Number(values.extra), boundaries);
  writeFileSync(DEFAULT_SPEC, `${JSON.stringify(spec, null, 2)}\n`);
  const result = writeClassifier(spec, "wasm");
  console.log(`wrote ${DEFAULT_SPEC}, ${result.onnxPath} (${result.bytes} bytes) and ${result.metaPath}`);
}
