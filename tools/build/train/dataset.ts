// Training rows as the trainers see them: the scorer's dense features, the
// hashed n-gram buckets (sparse), a target in [0, 1] and a sample weight.

export interface Row {
  id: string;
  set: string;
  /** The scorer's feature vector (wasm output). */
  dense: Float32Array;
  /** N-gram buckets with a non-zero value, ascending, and their values (wasm output). */
  idx: Uint32Array;
  val: Float32Array;
  /** Target in [0, 1]; soft targets allowed. */
  y: number;
  /** Sample weight (> 0). */
  w: number;
}

export interface Standardiser {
  mean: Float64Array;
  sd: Float64Array;
}

/** Weighted mean and standard deviation of the dense features (sd 0 for constants). */
export function standardiser(rows: readonly Pick<Row, "dense" | "w">[]): Standardiser {
  const d = rows[0]?.dense.length ?? 0;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  let total = 0;
  for (const r of rows) {
    total += r.w;
    for (let j = 0; j < d; j++) mean[j]! += r.w * r.dense[j]!;
  }
  for (let j = 0; j < d; j++) mean[j]! /= total;
  for (const r of rows) for (let j = 0; j < d; j++) sd[j]! += r.w * (r.dense[j]! - mean[j]!) ** 2;
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]! / total);
  return { mean, sd };
}
