// The production scorer host (src/score/scorer.ts) over the committed wasm, in Node.
import { readFileSync } from "node:fs";
import { Scorer } from "../../../src/score/scorer.ts";
import type { ScorerModel } from "../../../src/score/scorer-model.ts";

export const WASM_PATH = new URL("../../../wasm/scorer.wasm", import.meta.url);
export const WEIGHTS_PATH = new URL("../../../wasm/scorer-weights.json", import.meta.url);
/** How the weights were fitted (tier-default evidence, feature means, design-time leave-one-out). */
export const FIT_PATH = new URL("../../../wasm/scorer-fit.json", import.meta.url);
export const TOPICS_PATH = new URL("../../../wasm/scorer-topics.bin", import.meta.url);

export function loadWasmModule(): WebAssembly.Module {
  return new WebAssembly.Module(readFileSync(WASM_PATH));
}

export function readWeights(): ScorerModel {
  return JSON.parse(readFileSync(WEIGHTS_PATH, "utf8")) as ScorerModel;
}

export function readTopicBytes(): Uint8Array {
  return readFileSync(TOPICS_PATH);
}

/** The committed model; `null` gives a feature-extraction-only scorer (for fitting). */
export function loadScorer(model: ScorerModel | null = readWeights()): Scorer {
  return new Scorer(loadWasmModule(), readTopicBytes(), model ?? undefined);
}
