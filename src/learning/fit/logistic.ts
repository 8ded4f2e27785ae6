// A small ridge logistic regression fitted by Newton's method (IRLS) on soft labels: the
// per-tenant score adjustment has at most a few dozen coefficients, so an exact d×d solve per
// step is cheaper and more robust than a first-order method. Pure and deterministic.

export interface LogisticProblem {
  /** Row-major design matrix, n rows × d columns (no intercept column: the fit adds one). */
  x: Float64Array;
  d: number;
  /** Soft labels in [0, 1]. */
  y: Float64Array;
  /** Row weights (> 0). */
  w: Float64Array;
  /** L2 penalty per column, per unit of total weight; the intercept is unpenalised. */
  l2: Float64Array;
  /** Coefficients the penalty pulls towards (default 0). */
  prior?: Float64Array;
}

export interface LogisticFit {
  intercept: number;
  coef: Float64Array;
  iterations: number;
  converged: boolean;
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export const logit = (p: number): number => {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
};

/** Solves A x = b for a symmetric positive definite A (Cholesky, in place on copies). */
export function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(sum, 1e-12));
      else l[i * n + j] = sum / l[j * n + j]!;
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * z[k]!;
    z[i] = sum / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = z[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  return x;
}

export function linearPredictor(fit: LogisticFit, x: Float64Array, row: number, d: number): number {
  let z = fit.intercept;
  for (let j = 0; j < d; j++) z += fit.coef[j]! * x[row * d + j]!;
  return z;
}

/** Weighted mean cross-entropy of soft labels under a fit. */
export function logLoss(fit: LogisticFit, p: LogisticProblem, rows?: ArrayLike<number>): number {
  let loss = 0;
  let total = 0;
  const count = rows ? rows.length : p.y.length;
  for (let k = 0; k < count; k++) {
    const i = rows ? rows[k]! : k;
    const q = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(linearPredictor(fit, p.x, i, p.d))));
    const y = p.y[i]!;
    loss -= p.w[i]! * (y * Math.log(q) + (1 - y) * Math.log(1 - q));
    total += p.w[i]!;
  }
  return total > 0 ? loss / total : Number.NaN;
}

export function fitLogistic(p: LogisticProblem, rows?: ArrayLike<number>, maxIterations = 50): LogisticFit {
  const d = p.d;
  const n = d + 1; // [coef | intercept]
  const count = rows ? rows.length : p.y.length;
  let total = 0;
  for (let k = 0; k < count; k++) total += p.w[rows ? rows[k]! : k]!;
  const theta = new Float64Array(n);
  if (p.prior) theta.set(p.prior);
  const prior = p.prior ?? new Float64Array(d);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n * n);
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations && !converged; iterations++) {
    grad.fill(0);
    hess.fill(0);
    for (let k = 0; k < count; k++) {
      const i = rows ? rows[k]! : k;
      let z = theta[d]!;
      for (let j = 0; j < d; j++) z += theta[j]! * p.x[i * d + j]!;
      const q = sigmoid(z);
      const r = p.w[i]! * (q - p.y[i]!);
      const s = p.w[i]! * Math.max(q * (1 - q), 1e-9);
      for (let j = 0; j < n; j++) {
        const xj = j < d ? p.x[i * d + j]! : 1;
        grad[j]! += r * xj;
        for (let m = 0; m <= j; m++) hess[j * n + m]! += s * xj * (m < d ? p.x[i * d + m]! : 1);
      }
    }
    for (let j = 0; j < d; j++) {
      const lambda = p.l2[j]! * total;
      grad[j]! += lambda * (theta[j]! - prior[j]!);
      hess[j * n + j]! += lambda;
    }
    hess[d * n + d]! += 1e-9 * total; // keeps an all-constant design solvable
    for (let j = 0; j < n; j++) for (let m = 0; m < j; m++) hess[m * n + j] = hess[j * n + m]!;
    const step = solveSpd(hess, grad, n);
    let largest = 0;
    for (let j = 0; j < n; j++) {
      // Damped: a separable subset must not send coefficients to infinity in one step.
      const delta = Math.max(-5, Math.min(5, step[j]!));
      theta[j]! -= delta;
      largest = Math.max(largest, Math.abs(delta));
    }
    converged = largest < 1e-7;
  }
  return { intercept: theta[d]!, coef: theta.slice(0, d), iterations, converged };
}

/**
 * P(label | score) = sigmoid(a + b·logit(score)), fitted with logit(score) standardised (so a
 * light ridge does not flatten a steep curve on a narrow score range). Returns the curve.
 */
export function fitScoreOnly(scores: Float64Array, labels: Float64Array, l2 = 1e-4): (score: number) => number {
  const n = scores.length;
  const x = Float64Array.from(scores, logit);
  let mean = 0;
  for (const v of x) mean += v / n;
  let sd = 0;
  for (const v of x) sd += (v - mean) ** 2 / n;
  sd = Math.sqrt(sd) || 1;
  for (let i = 0; i < n; i++) x[i] = (x[i]! - mean) / sd;
  const fit = fitLogistic({ x, d: 1, y: labels, w: new Float64Array(n).fill(1), l2: Float64Array.of(l2) });
  const b = fit.coef[0]! / sd;
  const a = fit.intercept - b * mean;
  return (score) => sigmoid(a + b * logit(score));
}
