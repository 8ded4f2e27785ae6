// The classifier as the Worker ships it: ORT's wasm (a precompiled module), the
// committed model and its metadata. Reached only through the dynamic import in
// classifier-slot.ts, so nothing here loads until the first uncertain prompt
// (and test files that never get there do not load the 14 MB wasm).
import ortWasm from "onnxruntime-web/ort-wasm-simd-threaded.wasm";
import model from "../../../wasm/classifier.onnx";
import meta from "../../../wasm/classifier.meta.json";
import scorerWeights from "../../../wasm/scorer-weights.json";
import { getScorer } from "../../score/default-scorer.ts";
import { OnnxClassifier } from "./onnx-classifier.ts";

export function createBundledClassifier(): Promise<OnnxClassifier> {
  return OnnxClassifier.create({
    ortWasm,
    model: new Uint8Array(model),
    meta,
    scorer: {
      featureCount: getScorer().featureCount,
      ngramBuckets: getScorer().ngramBuckets,
      // Optional in the weights file: when listed, the names must match the model's feature spec.
      featureNames: (scorerWeights as { features?: string[] }).features,
    },
  });
}
