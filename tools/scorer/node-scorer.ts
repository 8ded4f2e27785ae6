// The production scorer host (src/score/scorer.ts) over the committed wasm, in Node.
import { readFileSync } from "node:fs";
import { Scorer } from "../../src/score/scorer.ts";
import type { ScorerModel } from "../../src/score/scorer-model.ts";

export const WASM_PATH = new URL("../../wasm/scorer.wasm", import.meta.url);
export const WEIGHTS_PATH = new URL("../../wasm/scorer-weights.json", import.meta.url);
export const WEIGHTS_BIN_PATH = new URL("../../wasm/scorer-weights.bin", import.meta.url);

export function loadWasmModule(): WebAssembly.Module {
  return new WebAssembly.Module(readFileSync(WASM_PATH));
}

export function readWeights(): ScorerModel {
  return JSON.parse(readFileSync(WEIGHTS_PATH, "utf8")) as ScorerModel;
}

export function readWeightBytes(): Uint8Array {
  return readFileSync(WEIGHTS_BIN_PATH);
}

/** The committed model; `null` gives a feature-extraction-only scorer (for fitting). */
export function loadScorer(model: ScorerModel | null = readWeights(), weights?: Uint8Array): Scorer {
  return model ? new Scorer(loadWasmModule(), model, weights ?? readWeightBytes()) : new Scorer(loadWasmModule());
}
