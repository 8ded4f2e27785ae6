// A trained mixture in the form both runtimes compute (assembly/score.ts and the
// ONNX graph of tools/classifier/build-model.ts): one weight matrix over
// [dense features; n-gram buckets] with standardisation folded in, the gate's
// columns first, then the linear experts' columns; a clip per dense feature.
// mixtureForward() is the plain-JS (float64) reference of both.
import type { MixtureModel } from "./mixture.ts";

export interface ExportedMixture {
  features: number;
  buckets: number;
  groups: string[];
  columns: number;
  bias: number[];
  /** [features + buckets][columns], row-major, float32. */
  weights: Float32Array;
  experts: { column: number; logit: number }[];
  clip: number[];
}

/** `padTo` rounds the column count up (the wasm's SIMD works on 4 columns at a time). */
export function exportMixture(model: MixtureModel, clip: readonly number[], padTo = 1): ExportedMixture {
  const { gate } = model;
  const D = gate.mean.length;
  const K = gate.classes;
  const B = gate.w.length / K - D;
  const linear = model.experts.flatMap((e, k) => (e.kind === "linear" ? [k] : []));
  const columns = Math.ceil((K + linear.length) / padTo) * padTo;
  const weights = new Float32Array((D + B) * columns);
  const bias = new Array<number>(columns).fill(0);
  for (let k = 0; k < K; k++) {
    let b = gate.b[k]!;
    for (let j = 0; j < D; j++) {
      const w = gate.w[j * K + k]! * gate.scale[j]!;
      weights[j * columns + k] = w;
      b -= w * gate.mean[j]!;
    }
    for (let r = D; r < D + B; r++) weights[r * columns + k] = gate.w[r * K + k]!;
    bias[k] = b;
  }
  const experts = model.experts.map((e) => ({ column: -1, logit: e.kind === "constant" ? e.logit : 0 }));
  linear.forEach((k, l) => {
    const col = K + l;
    const expert = model.experts[k]!;
    if (expert.kind !== "linear") return;
    const m = expert.model;
    for (let j = 0; j < D; j++) weights[j * columns + col] = m.dense[j]!;
    for (let b = 0; b < B; b++) weights[(D + b) * columns + col] = m.sparse[b]!;
    experts[k] = { column: col, logit: m.bias };
  });
  return { features: D, buckets: B, groups: [...model.groups], columns, bias, weights, experts, clip: [...clip] };
}

type MixtureRow = { dense: ArrayLike<number>; idx: ArrayLike<number>; val: ArrayLike<number> };

/** Every column's logit (the gate's groups first, then the experts'), in float64. */
export function mixtureLogits(m: ExportedMixture, row: MixtureRow): Float64Array {
  const C = m.columns;
  const logits = Float64Array.from(m.bias);
  for (let j = 0; j < m.features; j++) {
    const x = Math.min(row.dense[j]!, m.clip[j]!);
    if (x !== 0) for (let c = 0; c < C; c++) logits[c]! += x * m.weights[j * C + c]!;
  }
  for (let t = 0; t < row.idx.length; t++) {
    const o = (m.features + row.idx[t]!) * C;
    for (let c = 0; c < C; c++) logits[c]! += row.val[t]! * m.weights[o + c]!;
  }
  return logits;
}

/** The score both runtimes compute, in float64 (their float32 differs in the last digits). */
export function mixtureForward(m: ExportedMixture, row: MixtureRow) {
  const logits = mixtureLogits(m, row);
  const K = m.groups.length;
  let top = -Infinity;
  for (let k = 0; k < K; k++) top = Math.max(top, logits[k]!);
  let total = 0;
  let score = 0;
  for (let k = 0; k < K; k++) {
    const p = Math.exp(logits[k]! - top);
    const e = m.experts[k]!;
    const z = e.logit + (e.column >= 0 ? logits[e.column]! : 0);
    total += p;
    score += p / (1 + Math.exp(-z));
  }
  return score / total;
}

export function encodeFloat32(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");
}

/** base64 -> little-endian float32 (a copy). */
export function decodeFloat32(base64: string): Float32Array {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length % 4 !== 0) throw new Error("float32 data: length is not a multiple of 4");
  return new Float32Array(Uint8Array.from(bytes).buffer);
}
