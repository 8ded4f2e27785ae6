// Limited-memory BFGS for smooth convex objectives (the logistic fits here):
// two-loop recursion, backtracking Armijo line search. Deterministic.

export type Objective = (theta: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations?: number;
  /** Stop when the largest gradient component falls below this. */
  gradTolerance?: number;
  /** Stop when the relative decrease of the objective falls below this. */
  relTolerance?: number;
  history?: number;
}

export function lbfgs(f: Objective, theta0: Float64Array, options: LbfgsOptions = {}): Float64Array {
  const n = theta0.length;
  const m = options.history ?? 10;
  const maxIterations = options.maxIterations ?? 500;
  const gradTolerance = options.gradTolerance ?? 1e-7;
  const relTolerance = options.relTolerance ?? 1e-10;
  let x = Float64Array.from(theta0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  for (let iter = 0; iter < maxIterations; iter++) {
    if (maxAbs(g) < gradTolerance) break;
    // Direction d = -H g by the two-loop recursion.
    d.set(g);
    for (let i = s.length - 1; i >= 0; i--) {
      alpha[i] = rho[i]! * dot(s[i]!, d);
      axpy(-alpha[i]!, y[i]!, d);
    }
    const gamma = s.length > 0 ? dot(s.at(-1)!, y.at(-1)!) / dot(y.at(-1)!, y.at(-1)!) : 1 / Math.max(norm(g), 1e-12);
    scale(d, gamma);
    for (let i = 0; i < s.length; i++) {
      const beta = rho[i]! * dot(y[i]!, d);
      axpy(alpha[i]! - beta, s[i]!, d);
    }
    scale(d, -1);
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      d.set(g);
      scale(d, -1 / Math.max(norm(g), 1e-12));
      slope = dot(g, d);
    }
    let step = 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * d[i]!;
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < fx)) break;
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = xNew[i]! - x[i]!;
      yk[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      if (s.length === m) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    const relative = (fx - fNew) / Math.max(Math.abs(fx), 1e-12);
    x = Float64Array.from(xNew);
    [g, gNew] = [gNew, g];
    fx = fNew;
    if (relative < relTolerance) break;
  }
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}
function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}
function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i]! += a * x[i]!;
}
function scale(x: Float64Array, a: number): void {
  for (let i = 0; i < x.length; i++) x[i]! *= a;
}
