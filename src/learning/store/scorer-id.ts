// The scorer build's identity from its weights file (wasm/scorer-weights.json): the wasm's hash
// and the fitted model's (weights, clips, bias and topic table). Node tools read the file
// themselves and call this too.
export const scorerVersionOf = (weights: { wasm_sha256: string; model_sha256: string }): string =>
  `${weights.wasm_sha256.slice(0, 12)}.${weights.model_sha256.slice(0, 12)}`;
