// Weighted ridge regression on standardised features, solved in closed form (the router's
// model has one weight per feature: a Cholesky solve of a 65 x 65 system). The fitted
// standardisation is folded back, so the model applies to raw (clipped) features:
//   prediction = bias + sum_j weights[j] * x_j
export interface RidgeModel {
  bias: number;
  weights: number[];
}

export interface RidgeProblem {
  /** Row-major [n][d]. */
  x: Float64Array;
  d: number;
  y: ArrayLike<number>;
  w: ArrayLike<number>;
}

/** Solves A z = b for a symmetric positive definite A ([n][n], row-major); A is overwritten. */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let diag = a[j * n + j]!;
    for (let k = 0; k < j; k++) diag -= a[j * n + k]! ** 2;
    if (!(diag > 0)) throw new Error("ridge: matrix not positive definite");
    const l = Math.sqrt(diag);
    a[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = s / l;
    }
  }
  const z = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) z[i]! -= a[i * n + k]! * z[k]!;
    z[i]! /= a[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) z[i]! -= a[k * n + i]! * z[k]!;
    z[i]! /= a[i * n + i]!;
  }
  return z;
}

/** Minimises sum_i w_i (y_i - f(x_i))^2 + alpha |beta|^2 over standardised features (bias unpenalised). */
export function fitRidge(problem: RidgeProblem, alpha: number): RidgeModel {
  const { x, d, y, w } = problem;
  const n = y.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i]!;
  // Weighted means and spreads; a constant feature gets spread 1 and (penalised) weight 0.
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += (w[i]! * x[i * d + j]!) / total;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) sd[j]! += (w[i]! * (x[i * d + j]! - mean[j]!) ** 2) / total;
  for (let j = 0; j < d; j++) sd[j] = sd[j]! > 1e-12 ? Math.sqrt(sd[j]!) : 1;
  // Normal equations over [z, 1], weights normalised to mean 1 so alpha means the same for any n.
  const m = d + 1;
  const a = new Float64Array(m * m);
  const b = new Float64Array(m);
  const row = new Float64Array(m);
  const scale = n / total;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = (x[i * d + j]! - mean[j]!) / sd[j]!;
    row[d] = 1;
    const wi = w[i]! * scale;
    for (let j = 0; j < m; j++) {
      const v = wi * row[j]!;
      b[j]! += v * y[i]!;
      for (let k = 0; k <= j; k++) a[j * m + k]! += v * row[k]!;
    }
  }
  for (let j = 0; j < m; j++) for (let k = 0; k < j; k++) a[k * m + j] = a[j * m + k]!;
  for (let j = 0; j < d; j++) a[j * m + j]! += alpha;
  const beta = choleskySolve(a, b, m);
  const weights = Array.from({ length: d }, (_, j) => beta[j]! / sd[j]!);
  let bias = beta[d]!;
  for (let j = 0; j < d; j++) bias -= weights[j]! * mean[j]!;
  return { bias, weights };
}

export function predict(model: RidgeModel, x: ArrayLike<number>): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j++) z += model.weights[j]! * x[j]!;
  return z;
}
