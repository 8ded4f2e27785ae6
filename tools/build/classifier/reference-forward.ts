// The classifier spec's network in plain JS (float64 arithmetic on float32-rounded
// weights and inputs): the reference the ONNX model is checked against, in Node
// and inside workerd. No Node APIs, so workerd tests can import it.
import type { ClassifierSpec, DenseLayer } from "./classifier-spec.ts";

export interface ReferenceOutputs {
  /** In the model's column order (see the head's labels). */
  p_strong?: number[];
  tier_probs?: number[];
}

export function referenceForward(spec: ClassifierSpec, row: ArrayLike<number>): ReferenceOutputs {
  let x = Array.from(row, Math.fround);
  if (spec.clip) x = x.map((v, i) => Math.min(v, Math.fround(spec.clip![i]!)));
  if (spec.scaling) {
    const { mean, scale } = spec.scaling;
    // Sub then Mul in float32, as the graph does.
    x = x.map((v, i) => Math.fround(Math.fround(v - Math.fround(mean[i]!)) * Math.fround(scale[i]!)));
  }
  for (const layer of spec.hidden) x = dense(layer, x).map((v) => Math.max(0, v));
  const out: ReferenceOutputs = {};
  const { p_strong, tier_probs } = spec.heads;
  if (p_strong) {
    const z = dense(p_strong, x);
    out.p_strong = z.length === 1 ? [1 / (1 + Math.exp(-z[0]!))] : softmax(z);
  }
  if (tier_probs) out.tier_probs = softmax(dense(tier_probs, x));
  return out;
}

function dense(layer: DenseLayer, x: number[]): number[] {
  return layer.bias.map((b, j) => {
    let sum = Math.fround(b);
    for (let i = 0; i < x.length; i++) sum += x[i]! * Math.fround(layer.weights[i]![j]!);
    return sum;
  });
}

function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

/** Deterministic pseudo-random rows in [-scale, scale] (LCG), for parity checks. */
export function sampleRows(count: number, width: number, seed: number, scale = 2): Float32Array[] {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
  return Array.from({ length: count }, () => Float32Array.from({ length: width }, () => next() * scale));
}
