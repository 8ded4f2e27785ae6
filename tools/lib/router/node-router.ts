// The Worker's decision path in Node: the committed wasm scorer through its host
// (src/score/scorer.ts), the committed ONNX classifier through its host
// (src/classify/onnx/*, onnxruntime-web's wasm build), and the cascade rule
// (src/classify/cascade.ts) with the fitted tier defaults. The classifier is ready
// from the start here (the Worker's "loading" phase does not exist offline).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cascade } from "../../../src/classify/cascade.ts";
import type { RoutingDecision } from "../../../src/classify/decision.ts";
import { OnnxClassifier } from "../../../src/classify/onnx/onnx-classifier.ts";
import type { TierConfig } from "../../../src/score/tiering.ts";
import { loadScorer, readWeights } from "../scorer/node-scorer.ts";
import { rowScorerInput, type PromptRow } from "./row-request.ts";

const require = createRequire(import.meta.url);

export interface RouterDecision extends RoutingDecision {
  /** The scorer's own score (heuristic-only routing). */
  scorerScore: number;
  /** The scorer's token estimate of the prompt. */
  tokens: number;
  /** The scorer's dense features (a copy). */
  features: Float32Array;
}

/** A tenant's calibration, as the Worker applies it (src/learning/online/plan-learning.ts). */
export interface DecideOptions {
  tiers?: TierConfig;
  adjust?: (score: number, features: ArrayLike<number>) => number;
}

export interface NodeRouter {
  tiers: TierConfig;
  classifierVersion: string;
  /** The cascade's decision, as the Worker would make it with a ready classifier. */
  decide(row: PromptRow, options?: DecideOptions): Promise<RouterDecision>;
  /** The classifier's score on every prompt (classifier-only routing). */
  classifierScore(row: PromptRow): Promise<number>;
}

export async function createNodeRouter(overrides: Partial<TierConfig> = {}, root = "."): Promise<NodeRouter> {
  const model = readWeights();
  const scorer = loadScorer(model);
  const tiers: TierConfig = {
    boundaries: overrides.boundaries ?? (model.defaults.tier_boundaries as [number, number]),
    uncertaintyBand: overrides.uncertaintyBand ?? model.defaults.uncertainty_band,
  };
  const classifier = await OnnxClassifier.create({
    ortWasm: await WebAssembly.compile(readFileSync(require.resolve("onnxruntime-web/ort-wasm-simd-threaded.wasm"))),
    model: new Uint8Array(readFileSync(`${root}/wasm/classifier.onnx`)),
    meta: JSON.parse(readFileSync(`${root}/wasm/classifier.meta.json`, "utf8")),
    scorer: { featureCount: scorer.featureCount, featureNames: model.features, ngramBuckets: scorer.ngramBuckets },
  });
  const deps = {
    classifier: () => ({ state: "ready" as const, classifier }),
    onRunError: (error: unknown) => {
      throw error;
    },
  };
  return {
    tiers,
    classifierVersion: classifier.version,
    async decide(row, options = {}) {
      const prompt = rowScorerInput(row);
      const { score, features, ngrams, tokens } = scorer.score(prompt);
      const owned = features.slice();
      const { adjust } = options;
      const decision = await cascade(
        { score, features, ngrams, prompt },
        options.tiers ?? tiers,
        adjust ? { ...deps, adjust: (s: number) => adjust(s, owned) } : deps,
      );
      return { ...decision, scorerScore: score, tokens, features: owned };
    },
    async classifierScore(row) {
      const prompt = rowScorerInput(row);
      const out = scorer.score(prompt);
      const verdict = await classifier.classify({
        scorerFeatures: out.features.slice(),
        ngrams: { index: out.ngrams.index.slice(), value: out.ngrams.value.slice() },
        prompt,
        boundaries: tiers.boundaries,
      });
      return verdict.score;
    },
  };
}
