// The scorer build's identity from its weights file (wasm/scorer-weights.json): the wasm and the
// weight matrix hashes. Node tools read the file themselves and call this too.
export const scorerVersionOf = (weights: { wasm_sha256: string; weights: { sha256: string } }): string =>
  `${weights.wasm_sha256.slice(0, 12)}.${weights.weights.sha256.slice(0, 12)}`;
