// L2-regularised logistic regression by Newton's method (IRLS) on standardised
// features, with the standardisation folded back into the weights. Pure and
// deterministic: fixed iteration order, no randomness, same input -> same bits.

export interface Example {
  x: Float64Array;
  /** Target in [0, 1] (soft labels allowed: cross-entropy against y). */
  y: number;
  /** Sample weight (> 0). */
  w: number;
}

export interface LogisticModel {
  weights: number[];
  bias: number;
  /** Largest training value per feature: the scorer clips inputs to it (no extrapolation). */
  clip: number[];
}

export interface FitOptions {
  /** L2 penalty on standardised coefficients, per unit of total sample weight. */
  l2: number;
  /** Features non-zero on fewer training rows than this get weight 0 (too little evidence). */
  minSupport?: number;
  maxIterations?: number;
  tolerance?: number;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The same function as assembly/score.ts, in f64 (the wasm reads f32 features). */
export function predict(model: LogisticModel, x: ArrayLike<number>): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j++) z += model.weights[j]! * Math.min(x[j]!, model.clip[j]!);
  return sigmoid(z);
}

export function fitLogistic(examples: readonly Example[], options: FitOptions): LogisticModel {
  const d = examples[0]?.x.length ?? 0;
  let total = 0;
  const mean = new Float64Array(d);
  for (const e of examples) {
    total += e.w;
    for (let j = 0; j < d; j++) mean[j]! += e.w * e.x[j]!;
  }
  for (let j = 0; j < d; j++) mean[j]! /= total;
  const sd = new Float64Array(d);
  for (const e of examples) for (let j = 0; j < d; j++) sd[j]! += e.w * (e.x[j]! - mean[j]!) ** 2;
  const support = new Array<number>(d).fill(0);
  const clip = new Array<number>(d).fill(0);
  for (const e of examples) {
    for (let j = 0; j < d; j++) {
      if (e.x[j]! !== 0) support[j]!++;
      clip[j] = Math.max(clip[j]!, e.x[j]!);
    }
  }
  // Constant or rarely non-zero features (little or no support in the data) get weight 0.
  const active: number[] = [];
  for (let j = 0; j < d; j++) {
    sd[j] = Math.sqrt(sd[j]! / total);
    if (sd[j]! > 1e-9 && support[j]! >= (options.minSupport ?? 1)) active.push(j);
  }
  const k = active.length + 1; // + bias (last)
  const z = examples.map((e) => {
    const row = new Float64Array(k);
    active.forEach((j, a) => (row[a] = (e.x[j]! - mean[j]!) / sd[j]!));
    row[k - 1] = 1;
    return row;
  });
  const lambda = options.l2 * total;
  const beta = new Float64Array(k);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-12;
  for (let iter = 0; iter < maxIterations; iter++) {
    const grad = new Float64Array(k);
    const hess = new Float64Array(k * k);
    for (let i = 0; i < examples.length; i++) {
      const row = z[i]!;
      const e = examples[i]!;
      let s = 0;
      for (let a = 0; a < k; a++) s += beta[a]! * row[a]!;
      const p = sigmoid(s);
      const r = e.w * (p - e.y);
      const h = e.w * p * (1 - p);
      for (let a = 0; a < k; a++) {
        grad[a]! += r * row[a]!;
        const ha = h * row[a]!;
        for (let b = 0; b <= a; b++) hess[a * k + b]! += ha * row[b]!;
      }
    }
    for (let a = 0; a < k - 1; a++) {
      grad[a]! += lambda * beta[a]!;
      hess[a * k + a]! += lambda;
    }
    const step = solveCholesky(hess, grad, k);
    let change = 0;
    for (let a = 0; a < k; a++) {
      beta[a]! -= step[a]!;
      change = Math.max(change, Math.abs(step[a]!));
    }
    if (change < tolerance) break;
  }
  // Fold standardisation: w_j = b_j / sd_j, bias = b_0 - sum b_j mean_j / sd_j.
  const weights = new Array<number>(d).fill(0);
  let bias = beta[k - 1]!;
  active.forEach((j, a) => {
    weights[j] = beta[a]! / sd[j]!;
    bias -= (beta[a]! * mean[j]!) / sd[j]!;
  });
  return { weights, bias, clip: clip.map((c, j) => (weights[j] === 0 ? 0 : c)) };
}

/** Solves H x = g for symmetric positive definite H (lower triangle filled). */
function solveCholesky(h: Float64Array, g: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = h[i * k + j]!;
      for (let m = 0; m < j; m++) s -= l[i * k + m]! * l[j * k + m]!;
      if (i === j) {
        if (s <= 0) throw new Error("logistic fit: Hessian is not positive definite");
        l[i * k + i] = Math.sqrt(s);
      } else l[i * k + j] = s / l[j * k + j]!;
    }
  }
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = g[i]!;
    for (let m = 0; m < i; m++) s -= l[i * k + m]! * y[m]!;
    y[i] = s / l[i * k + i]!;
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let m = i + 1; m < k; m++) s -= l[m * k + i]! * x[m]!;
    x[i] = s / l[i * k + i]!;
  }
  return x;
}
