// What the committed scorer gives the classifier: its feature count and n-gram
// bucket count (asked from wasm/scorer.wasm itself) and feature names (from
// wasm/scorer-weights.json).
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface ScorerArtifacts {
  featureCount: number;
  ngramBuckets: number;
  featureNames: string[] | undefined;
}

export function readScorerArtifacts(root = "."): ScorerArtifacts {
  const module = new WebAssembly.Module(readFileSync(join(root, "wasm/scorer.wasm")));
  const exports = new WebAssembly.Instance(module, {}).exports as { featureCount(): number; ngramBuckets(): number };
  const weights = JSON.parse(readFileSync(join(root, "wasm/scorer-weights.json"), "utf8"));
  return { featureCount: exports.featureCount(), ngramBuckets: exports.ngramBuckets(), featureNames: weights.features };
}
