// The classifier's golden outputs: p_strong of the scorer's golden prompt set,
// computed in Node by the Worker's own host code (scorer wasm -> n-grams and
// features -> assembleFeatures -> onnxruntime-web). test/node/classifier-golden.test.ts
// and test/classifier.test.ts (inside workerd) must reproduce them exactly, which,
// with the scorer golden file, shows that Node (training, evaluation, batch
// scoring) and the Worker feed the classifier the same inputs and get the same outputs.
import { GOLDEN_INPUTS } from "../../../test/fixtures/scorer-golden-prompts.ts";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { OnnxClassifier } from "../../../src/classify/onnx/onnx-classifier.ts";
import { loadScorer, readWeights } from "../../lib/scorer/node-scorer.ts";

export const CLASSIFIER_GOLDEN_PATH = "test/fixtures/classifier-golden.json";

const require = createRequire(import.meta.url);

export async function computeClassifierGolden() {
  const model = readWeights();
  const scorer = loadScorer(model);
  const classifier = await OnnxClassifier.create({
    ortWasm: await WebAssembly.compile(readFileSync(require.resolve("onnxruntime-web/ort-wasm-simd-threaded.wasm"))),
    model: new Uint8Array(readFileSync("wasm/classifier.onnx")),
    meta: JSON.parse(readFileSync("wasm/classifier.meta.json", "utf8")),
    scorer: { featureCount: scorer.featureCount, featureNames: model.features, ngramBuckets: scorer.ngramBuckets },
  });
  const boundaries = model.defaults.tier_boundaries as [number, number];
  const out: { name: string; p_strong: number; tier: string }[] = [];
  for (const { name, input } of GOLDEN_INPUTS) {
    const s = scorer.score(input);
    const verdict = await classifier.classify({
      scorerFeatures: s.features.slice(),
      ngrams: { index: s.ngrams.index.slice(), value: s.ngrams.value.slice() },
      prompt: input,
      boundaries,
    });
    out.push({ name, p_strong: verdict.score, tier: verdict.tier });
  }
  return out;
}
