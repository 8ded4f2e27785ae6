// Multinomial logistic regression (softmax over K classes) on dense features
// (standardised) and sparse n-gram buckets, trained with Adam on minibatches.
// Deterministic for a given seed.
import { seededRandom, shuffle } from "../../src/util/seeded-random.ts";
import { standardiser, type Row } from "./dataset.ts";

export interface SoftmaxRow extends Pick<Row, "dense" | "idx" | "val" | "w"> {
  /** Class index in [0, K). */
  label: number;
}

export interface SoftmaxOptions {
  classes: number;
  buckets: number;
  epochs: number;
  batch?: number;
  lr?: number;
  weightDecay?: number;
  seed?: number;
  /** Use the dense scorer features too (else n-grams only). */
  useDense?: boolean;
  /** Per dense feature: false leaves it out of the model (weight 0). */
  denseMask?: readonly boolean[];
  /** Label smoothing (exploration knob, off by default): target = (1-eps) one-hot + eps spread over `smoothTo(label)` (default all classes). */
  smooth?: number;
  smoothTo?: (label: number) => readonly number[];
  /** Learning-rate decay (exploration knob): lr * (lrEnd/lr)^(epoch/(epochs-1)); unset keeps lr constant. */
  lrEnd?: number;
}

export interface SoftmaxModel {
  classes: number;
  mean: number[];
  scale: number[];
  /** [inputs][classes], row-major; inputs = dense + buckets. */
  w: Float32Array;
  b: Float32Array;
}

export function softmaxLogits(
  model: SoftmaxModel,
  row: Pick<Row, "dense" | "idx" | "val">,
  out = new Float64Array(model.classes),
) {
  const K = model.classes;
  const D = model.mean.length;
  out.set(model.b);
  for (let j = 0; j < D; j++) {
    const x = (row.dense[j]! - model.mean[j]!) * model.scale[j]!;
    if (x === 0) continue;
    for (let k = 0; k < K; k++) out[k]! += x * model.w[j * K + k]!;
  }
  for (let t = 0; t < row.idx.length; t++) {
    const x = row.val[t]!;
    const o = (D + row.idx[t]!) * K;
    for (let k = 0; k < K; k++) out[k]! += x * model.w[o + k]!;
  }
  return out;
}

export function softmaxProbs(model: SoftmaxModel, row: Pick<Row, "dense" | "idx" | "val">): Float64Array {
  const z = softmaxLogits(model, row);
  let mx = -Infinity;
  for (const v of z) mx = Math.max(mx, v);
  let total = 0;
  for (let k = 0; k < z.length; k++) total += z[k] = Math.exp(z[k]! - mx);
  for (let k = 0; k < z.length; k++) z[k]! /= total;
  return z;
}

export function trainSoftmax(rows: readonly SoftmaxRow[], options: SoftmaxOptions): SoftmaxModel {
  const rng = seededRandom(options.seed ?? 1);
  const K = options.classes;
  const D = rows[0]!.dense.length;
  const I = D + options.buckets;
  const batch = options.batch ?? 64;
  const lr = options.lr ?? 1e-2;
  const decay = options.weightDecay ?? 0;
  const { mean, sd } = standardiser(rows);
  const scale = Array.from(sd, (s, j) =>
    options.useDense === false || options.denseMask?.[j] === false || s <= 1e-9 ? 0 : 1 / s,
  );
  const model: SoftmaxModel = {
    classes: K,
    mean: Array.from(mean),
    scale,
    w: new Float32Array(I * K),
    b: new Float32Array(K),
  };
  const gw = new Float32Array(I * K);
  const gb = new Float64Array(K);
  const m = new Float32Array(I * K);
  const v = new Float32Array(I * K);
  const mb = new Float64Array(K);
  const vb = new Float64Array(K);
  const touched = new Uint8Array(I);
  const list: number[] = [];
  const order = Array.from(rows.keys());
  const p = new Float64Array(K);
  const eps = options.smooth ?? 0;
  const target = new Float64Array(K);
  const lrAt = (epoch: number) =>
    options.lrEnd === undefined || options.epochs === 1
      ? lr
      : lr * (options.lrEnd / lr) ** (epoch / (options.epochs - 1));
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const lrE = lrAt(epoch);
    shuffle(order, rng);
    for (let start = 0; start < order.length; start += batch) {
      const end = Math.min(start + batch, order.length);
      gb.fill(0);
      list.length = 0;
      for (let bi = start; bi < end; bi++) {
        const row = rows[order[bi]!]!;
        softmaxLogits(model, row, p);
        let mx = -Infinity;
        for (const z of p) mx = Math.max(mx, z);
        let total = 0;
        for (let k = 0; k < K; k++) total += p[k] = Math.exp(p[k]! - mx);
        target.fill(0);
        target[row.label] = 1 - eps;
        if (eps > 0) {
          const to = options.smoothTo ? options.smoothTo(row.label) : Array.from({ length: K }, (_, k) => k);
          for (const k of to) target[k]! += eps / to.length;
        }
        for (let k = 0; k < K; k++) p[k] = row.w * (p[k]! / total - target[k]!);
        for (let k = 0; k < K; k++) gb[k]! += p[k]!;
        const add = (r: number, x: number) => {
          if (!touched[r]) {
            touched[r] = 1;
            list.push(r);
            gw.fill(0, r * K, r * K + K);
          }
          for (let k = 0; k < K; k++) gw[r * K + k]! += x * p[k]!;
        };
        for (let j = 0; j < D; j++) {
          const x = (row.dense[j]! - mean[j]!) * scale[j]!;
          if (x !== 0) add(j, x);
        }
        for (let t = 0; t < row.idx.length; t++) add(D + row.idx[t]!, row.val[t]!);
      }
      const n = end - start;
      step++;
      const bc1 = 1 - 0.9 ** step,
        bc2 = 1 - 0.999 ** step;
      for (const r of list) {
        touched[r] = 0;
        for (let q = r * K; q < r * K + K; q++) {
          const g = gw[q]! / n;
          m[q] = 0.9 * m[q]! + 0.1 * g;
          v[q] = 0.999 * v[q]! + 0.001 * g * g;
          model.w[q] = model.w[q]! - lrE * (m[q]! / bc1 / (Math.sqrt(v[q]! / bc2) + 1e-8) + decay * model.w[q]!);
        }
      }
      for (let k = 0; k < K; k++) {
        const g = gb[k]! / n;
        mb[k] = 0.9 * mb[k]! + 0.1 * g;
        vb[k] = 0.999 * vb[k]! + 0.001 * g * g;
        model.b[k] = model.b[k]! - (lrE * (mb[k]! / bc1)) / (Math.sqrt(vb[k]! / bc2) + 1e-8);
      }
    }
  }
  return model;
}
