// Weighted ridge regression over sparse rows (hashed n-grams: thousands of columns, a few
// hundred set per row), solved by conjugate gradients on the normal equations
// (X'WX + alpha I) beta = X'W(y - mean). The intercept is the weighted mean of y (unpenalised).
export interface SparseRow {
  index: ArrayLike<number>;
  value: ArrayLike<number>;
}

export interface SparseRidge {
  intercept: number;
  beta: Float64Array;
}

export function fitSparseRidge(
  rows: readonly SparseRow[],
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  dim: number,
  alpha: number,
  iterations = 200,
): SparseRidge {
  const n = rows.length;
  let total = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    total += w[i]!;
    mean += w[i]! * y[i]!;
  }
  mean /= total;
  // Weights normalised to mean 1, so alpha means the same for any number of rows.
  const wn = Float64Array.from({ length: n }, (_, i) => (w[i]! * n) / total);
  const xtw = (v: ArrayLike<number>) => {
    const out = new Float64Array(dim);
    for (let i = 0; i < n; i++) {
      const c = v[i]! * wn[i]!;
      const r = rows[i]!;
      for (let k = 0; k < r.index.length; k++) out[r.index[k]!]! += c * r.value[k]!;
    }
    return out;
  };
  const xv = (beta: ArrayLike<number>) =>
    rows.map((r) => {
      let s = 0;
      for (let k = 0; k < r.index.length; k++) s += beta[r.index[k]!]! * r.value[k]!;
      return s;
    });
  const mulA = (beta: Float64Array) => {
    const out = xtw(xv(beta));
    for (let j = 0; j < dim; j++) out[j]! += alpha * beta[j]!;
    return out;
  };
  const beta = new Float64Array(dim);
  const r = xtw(Float64Array.from({ length: n }, (_, i) => y[i]! - mean));
  const p = Float64Array.from(r);
  let rr = 0;
  for (let j = 0; j < dim; j++) rr += r[j]! * r[j]!;
  const tolerance = rr * 1e-10;
  for (let it = 0; it < iterations && rr > tolerance; it++) {
    const ap = mulA(p);
    let pap = 0;
    for (let j = 0; j < dim; j++) pap += p[j]! * ap[j]!;
    const step = rr / pap;
    let next = 0;
    for (let j = 0; j < dim; j++) {
      beta[j]! += step * p[j]!;
      r[j]! -= step * ap[j]!;
      next += r[j]! * r[j]!;
    }
    for (let j = 0; j < dim; j++) p[j] = r[j]! + (next / rr) * p[j]!;
    rr = next;
  }
  return { intercept: mean, beta };
}

export function predictSparse(model: SparseRidge, row: SparseRow): number {
  let s = model.intercept;
  for (let k = 0; k < row.index.length; k++) s += model.beta[row.index[k]!]! * row.value[k]!;
  return s;
}
