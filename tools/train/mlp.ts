// A one-hidden-layer network over dense features (standardised) and sparse
// n-gram buckets, trained with Adam on minibatches:
//   h = relu(W_d · z_dense + W_s · x_sparse + b1)
//   main = sigmoid(v · h + c)            weighted cross-entropy against a soft target y
//   aux  = softmax(U · h + a)            optional auxiliary class (e.g. MMLU subject), training only
// Deterministic for a given seed. The auxiliary head is dropped at export: it only
// shapes the hidden layer (multi-task learning), the shipped model has the main head.
import { seededRandom } from "../eval/bootstrap.ts";
import { standardiser, type Row } from "./dataset.ts";

export interface MlpRow extends Row {
  /** Auxiliary class index, or -1 when the row has none. */
  aux?: number;
}

export interface MlpOptions {
  hidden: number;
  buckets: number;
  epochs: number;
  batch?: number;
  lr?: number;
  /** L2 (decoupled weight decay per step, scaled by lr) on all weights but biases. */
  weightDecay?: number;
  /** Number of auxiliary classes (0 = none) and the weight of their loss. */
  auxClasses?: number;
  auxWeight?: number;
  seed?: number;
}

export interface MlpModel {
  mean: number[];
  /** 1/sd, 0 for constant features. */
  scale: number[];
  /** [dense + buckets][hidden], row-major. */
  w1: Float32Array;
  b1: Float32Array;
  v: Float32Array;
  c: number;
  hidden: number;
  inputs: number;
}

export function mlpLogit(model: MlpModel, row: Pick<Row, "dense" | "idx" | "val">, h = new Float64Array(model.hidden)) {
  const H = model.hidden;
  const D = model.mean.length;
  h.set(model.b1);
  for (let j = 0; j < D; j++) {
    const x = (row.dense[j]! - model.mean[j]!) * model.scale[j]!;
    if (x === 0) continue;
    const o = j * H;
    for (let k = 0; k < H; k++) h[k]! += x * model.w1[o + k]!;
  }
  for (let t = 0; t < row.idx.length; t++) {
    const x = row.val[t]!;
    const o = (D + row.idx[t]!) * H;
    for (let k = 0; k < H; k++) h[k]! += x * model.w1[o + k]!;
  }
  let z = model.c;
  for (let k = 0; k < H; k++) if (h[k]! > 0) z += h[k]! * model.v[k]!;
  return z;
}

export function mlpPredict(model: MlpModel, row: Pick<Row, "dense" | "idx" | "val">): number {
  return 1 / (1 + Math.exp(-mlpLogit(model, row)));
}

export function trainMlp(rows: readonly MlpRow[], options: MlpOptions): MlpModel {
  const rng = seededRandom(options.seed ?? 1);
  const H = options.hidden;
  const D = rows[0]!.dense.length;
  const I = D + options.buckets;
  const A = options.auxClasses ?? 0;
  const batch = options.batch ?? 64;
  const lr = options.lr ?? 3e-3;
  const decay = options.weightDecay ?? 0;
  const { mean, sd } = standardiser(rows);
  const scale = Array.from(sd, (s) => (s > 1e-9 ? 1 / s : 0));
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const w1 = Float32Array.from({ length: I * H }, () => gauss() * Math.sqrt(2 / (D + 50)));
  const b1 = new Float32Array(H).fill(0.01);
  const v = Float32Array.from({ length: H }, () => gauss() * Math.sqrt(1 / H));
  let c = 0;
  const u = Float32Array.from({ length: A * H }, () => gauss() * Math.sqrt(1 / H));
  const a = new Float32Array(A);
  const params = [w1, b1, v, u, a];
  const m = params.map((p) => new Float32Array(p.length));
  const s2 = params.map((p) => new Float32Array(p.length));
  const grads = params.map((p) => new Float32Array(p.length));
  let mc = 0,
    vc = 0;
  const touched = new Uint8Array(I); // input rows of w1 with a gradient in this batch
  const touchedList: number[] = [];
  const model: MlpModel = { mean: Array.from(mean), scale, w1, b1, v, c, hidden: H, inputs: I };
  const h = new Float64Array(H);
  const dh = new Float64Array(H);
  const probs = new Float64Array(A);
  const order = Array.from(rows.keys());
  const beta1 = 0.9,
    beta2 = 0.999;
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start < order.length; start += batch) {
      for (const g of grads) g.fill(0);
      let gc = 0;
      touchedList.length = 0;
      const end = Math.min(start + batch, order.length);
      for (let b = start; b < end; b++) {
        const row = rows[order[b]!]!;
        model.c = c;
        const z = mlpLogit(model, row, h);
        const p = 1 / (1 + Math.exp(-z));
        const e = row.w * (p - row.y);
        gc += e;
        for (let k = 0; k < H; k++) dh[k] = h[k]! > 0 ? e * v[k]! : 0;
        for (let k = 0; k < H; k++) if (h[k]! > 0) grads[2]![k]! += e * h[k]!;
        if (A > 0 && row.aux !== undefined && row.aux >= 0) {
          const aw = row.w * (options.auxWeight ?? 1);
          let mx = -Infinity;
          for (let q = 0; q < A; q++) {
            let zq = a[q]!;
            for (let k = 0; k < H; k++) if (h[k]! > 0) zq += u[q * H + k]! * h[k]!;
            probs[q] = zq;
            mx = Math.max(mx, zq);
          }
          let Z = 0;
          for (let q = 0; q < A; q++) Z += probs[q] = Math.exp(probs[q]! - mx);
          for (let q = 0; q < A; q++) {
            const eq = aw * (probs[q]! / Z - (q === row.aux ? 1 : 0));
            grads[4]![q]! += eq;
            for (let k = 0; k < H; k++) {
              if (h[k]! <= 0) continue;
              grads[3]![q * H + k]! += eq * h[k]!;
              dh[k]! += eq * u[q * H + k]!;
            }
          }
        }
        for (let k = 0; k < H; k++) grads[1]![k]! += dh[k]!;
        for (let j = 0; j < D; j++) {
          const x = (row.dense[j]! - mean[j]!) * scale[j]!;
          if (x === 0) continue;
          if (!touched[j]) ((touched[j] = 1), touchedList.push(j));
          const o = j * H;
          for (let k = 0; k < H; k++) grads[0]![o + k]! += x * dh[k]!;
        }
        for (let t = 0; t < row.idx.length; t++) {
          const r = D + row.idx[t]!;
          if (!touched[r]) ((touched[r] = 1), touchedList.push(r));
          const o = r * H;
          for (let k = 0; k < H; k++) grads[0]![o + k]! += row.val[t]! * dh[k]!;
        }
      }
      const n = end - start;
      step++;
      const bc1 = 1 - beta1 ** step,
        bc2 = 1 - beta2 ** step;
      const update = (pi: number, idx: number, decayed: boolean) => {
        const g = grads[pi]![idx]! / n;
        const mm = (m[pi]![idx] = beta1 * m[pi]![idx]! + (1 - beta1) * g);
        const vv = (s2[pi]![idx] = beta2 * s2[pi]![idx]! + (1 - beta2) * g * g);
        const p = params[pi]!;
        p[idx] = p[idx]! - lr * (mm / bc1 / (Math.sqrt(vv / bc2) + 1e-8) + (decayed ? decay * p[idx]! : 0));
      };
      // Lazy Adam on w1: only input rows seen in this batch (sparse inputs) are updated.
      for (const r of touchedList) {
        touched[r] = 0;
        for (let k = 0; k < H; k++) update(0, r * H + k, true);
      }
      for (let k = 0; k < H; k++) update(1, k, false);
      for (let k = 0; k < H; k++) update(2, k, true);
      for (let q = 0; q < A * H; q++) update(3, q, true);
      for (let q = 0; q < A; q++) update(4, q, false);
      const g = gc / n;
      mc = beta1 * mc + (1 - beta1) * g;
      vc = beta2 * vc + (1 - beta2) * g * g;
      c -= (lr * (mc / bc1)) / (Math.sqrt(vc / bc2) + 1e-8);
    }
  }
  model.c = c;
  return model;
}
