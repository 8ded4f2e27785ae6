// Logistic regression over dense features (standardised inside, folded back
// out) plus sparse hashed n-gram buckets, with separate L2 penalties, fitted by
// L-BFGS on weighted cross-entropy against soft targets. Deterministic.
import { lbfgs } from "./lbfgs.ts";
import { standardiser, type Row } from "./dataset.ts";

export interface SparseLogisticOptions {
  /** L2 on standardised dense coefficients, per unit of total sample weight. */
  l2Dense: number;
  /** L2 on n-gram bucket weights, per unit of total sample weight. */
  l2Sparse: number;
  buckets: number;
  /** Dense features non-zero on fewer rows than this get weight 0. */
  minSupport?: number;
  /** Per dense feature: false leaves it out of the model (weight 0). */
  denseMask?: readonly boolean[];
  maxIterations?: number;
}

export interface SparseLogisticModel {
  /** Raw-scale dense weights (standardisation folded in). */
  dense: number[];
  bias: number;
  sparse: number[];
  /** Largest training value per dense feature: inputs are clipped to it (no extrapolation). */
  clip: number[];
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function logit(model: SparseLogisticModel, row: Pick<Row, "dense" | "idx" | "val">): number {
  let z = model.bias;
  for (let j = 0; j < model.dense.length; j++) z += model.dense[j]! * Math.min(row.dense[j]!, model.clip[j]!);
  for (let k = 0; k < row.idx.length; k++) z += model.sparse[row.idx[k]!]! * row.val[k]!;
  return z;
}

export function predictRow(model: SparseLogisticModel, row: Pick<Row, "dense" | "idx" | "val">): number {
  return sigmoid(logit(model, row));
}

export function fitSparseLogistic(rows: readonly Row[], options: SparseLogisticOptions): SparseLogisticModel {
  const d = rows[0]!.dense.length;
  const B = options.buckets;
  const { mean, sd } = standardiser(rows);
  const clip = new Array<number>(d).fill(0);
  const support = new Array<number>(d).fill(0);
  for (const r of rows)
    for (let j = 0; j < d; j++) {
      clip[j] = Math.max(clip[j]!, r.dense[j]!);
      if (r.dense[j] !== 0) support[j]!++;
    }
  const active = Array.from(
    { length: d },
    (_, j) => sd[j]! > 1e-9 && support[j]! >= (options.minSupport ?? 1) && options.denseMask?.[j] !== false,
  );
  const z = rows.map((r) => Float64Array.from(r.dense, (x, j) => (active[j] ? (x - mean[j]!) / sd[j]! : 0)));
  let total = 0;
  for (const r of rows) total += r.w;
  const lambdaD = options.l2Dense * total;
  const lambdaS = options.l2Sparse * total;
  // theta = [dense d | sparse B | bias]
  const n = d + B + 1;
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const zi = z[i]!;
      let s = theta[n - 1]!;
      for (let j = 0; j < d; j++) s += theta[j]! * zi[j]!;
      for (let k = 0; k < r.idx.length; k++) s += theta[d + r.idx[k]!]! * r.val[k]!;
      // Stable cross-entropy: log(1 + e^s) - y s.
      loss += r.w * ((s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - r.y * s);
      const e = r.w * (sigmoid(s) - r.y);
      for (let j = 0; j < d; j++) grad[j]! += e * zi[j]!;
      for (let k = 0; k < r.idx.length; k++) grad[d + r.idx[k]!]! += e * r.val[k]!;
      grad[n - 1]! += e;
    }
    for (let j = 0; j < d; j++) {
      loss += 0.5 * lambdaD * theta[j]! ** 2;
      grad[j]! += lambdaD * theta[j]!;
    }
    for (let k = d; k < d + B; k++) {
      loss += 0.5 * lambdaS * theta[k]! ** 2;
      grad[k]! += lambdaS * theta[k]!;
    }
    return loss / total;
  };
  const scaled: typeof objective = (theta, grad) => {
    const f = objective(theta, grad);
    for (let i = 0; i < grad.length; i++) grad[i]! /= total;
    return f;
  };
  const theta = lbfgs(scaled, new Float64Array(n), { maxIterations: options.maxIterations ?? 400 });
  const dense = new Array<number>(d).fill(0);
  let bias = theta[n - 1]!;
  for (let j = 0; j < d; j++) {
    if (!active[j]) continue;
    dense[j] = theta[j]! / sd[j]!;
    bias -= (theta[j]! * mean[j]!) / sd[j]!;
  }
  return {
    dense,
    bias,
    sparse: Array.from(theta.subarray(d, d + B)),
    clip: clip.map((c, j) => (dense[j] === 0 ? 0 : c)),
  };
}
