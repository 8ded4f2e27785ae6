// The production scorer host (src/score/scorer.ts) over the committed wasm, in Node.
import { readFileSync } from "node:fs";
import { FEATURE_NAMES } from "../../src/score/feature-names.ts";
import { Scorer, type ScorerWeights } from "../../src/score/scorer.ts";

export const WASM_PATH = new URL("../../wasm/scorer.wasm", import.meta.url);
export const WEIGHTS_PATH = new URL("../../wasm/scorer-weights.json", import.meta.url);

export function loadWasmModule(): WebAssembly.Module {
  return new WebAssembly.Module(readFileSync(WASM_PATH));
}

export function readWeights(): ScorerWeights {
  return JSON.parse(readFileSync(WEIGHTS_PATH, "utf8")) as ScorerWeights;
}

/** All-zero weights: for computing features before any fit exists. */
export function zeroWeights(): ScorerWeights {
  return { features: FEATURE_NAMES, weights: FEATURE_NAMES.map(() => 0), bias: 0, clip: FEATURE_NAMES.map(() => 0) };
}

export function loadScorer(weights: ScorerWeights = readWeights()): Scorer {
  return new Scorer(loadWasmModule(), weights);
}
