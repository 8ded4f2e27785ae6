// The classifier spec's network in plain JS (float64 arithmetic on float32-rounded
// weights and inputs): the reference the ONNX model is checked against, in Node
// and inside workerd. No Node APIs, so workerd tests can import it.
import {
  inputSize,
  mixtureWeights,
  type ClassifierSpec,
  type DenseLayer,
  type MixtureSpec,
} from "./classifier-spec.ts";

export interface ReferenceOutputs {
  /** In the model's column order (see the head's labels). */
  p_strong?: number[];
  tier_probs?: number[];
}

export function referenceForward(spec: ClassifierSpec, row: ArrayLike<number>): ReferenceOutputs {
  if (spec.mixture)
    return { p_strong: [mixtureReference(spec.mixture, Array.from(row, Math.fround), inputSize(spec))] };
  let x = Array.from(row, Math.fround);
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

const weightCache = new WeakMap<MixtureSpec, Float32Array>();

function mixtureReference(m: MixtureSpec, x: number[], width: number): number {
  let w = weightCache.get(m);
  if (!w) weightCache.set(m, (w = mixtureWeights(m, width)));
  const C = m.columns;
  const logits = m.bias.map(Math.fround);
  for (let i = 0; i < width; i++) {
    const v = Math.min(x[i]!, Math.fround(m.clip[i]!));
    if (v !== 0) for (let c = 0; c < C; c++) logits[c]! += v * w[i * C + c]!;
  }
  const K = m.groups.length;
  const top = Math.max(...logits.slice(0, K));
  let total = 0;
  let score = 0;
  for (let k = 0; k < K; k++) {
    const p = Math.exp(logits[k]! - top);
    const e = m.experts[k]!;
    const z = Math.fround(e.logit) + (e.column >= 0 ? logits[e.column]! : 0);
    total += p;
    score += p / (1 + Math.exp(-z));
  }
  return score / total;
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
