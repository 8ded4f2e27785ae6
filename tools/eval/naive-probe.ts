// The naive reference router of the leave-one-set-out table (METHODS.md §1): hashed word
// unigrams and bigrams, ridge regression on the gain (strong - weak) of the rows it is given.
// No features, priors or tuning: every feature and prior of the real router has to beat it.
// Solved by conjugate gradients on the normal equations (2^18 sparse columns).
const BITS = 18;
const DIM = 1 << BITS;
const ALPHA = 1;
const ITERATIONS = 200;

export interface ProbeRow {
  text: string;
  gain?: number;
}

function fnv1a(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Presence of each hashed unigram and bigram, scaled to unit L2 norm. */
export function probeFeatures(text: string): { index: Uint32Array; value: number } {
  const words = text.toLowerCase().match(/[a-z]+|[0-9]+/g) ?? [];
  const buckets = new Set<number>();
  words.forEach((w, i) => {
    buckets.add(fnv1a(w) & (DIM - 1));
    if (i > 0) buckets.add(fnv1a(`${words[i - 1]} ${w}`) & (DIM - 1));
  });
  return { index: Uint32Array.from(buckets), value: buckets.size > 0 ? 1 / Math.sqrt(buckets.size) : 0 };
}

export interface NaiveProbe {
  score(text: string): number;
}

export function fitNaiveProbe(rows: readonly ProbeRow[]): NaiveProbe {
  const train = rows.filter((r) => r.gain !== undefined && Number.isFinite(r.gain));
  const x = train.map((r) => probeFeatures(r.text));
  const mean = train.reduce((s, r) => s + r.gain!, 0) / Math.max(train.length, 1);
  const y = train.map((r) => r.gain! - mean);
  // The intercept is the mean gain (centred target); beta solves (X'X + alpha I) beta = X'y.
  const mulXt = (v: ArrayLike<number>) => {
    const out = new Float64Array(DIM);
    x.forEach((f, i) => {
      const c = v[i]! * f.value;
      for (const j of f.index) out[j]! += c;
    });
    return out;
  };
  const mulA = (beta: Float64Array) => {
    const xb = x.map((f) => {
      let s = 0;
      for (const j of f.index) s += beta[j]!;
      return s * f.value;
    });
    const out = mulXt(xb);
    for (let j = 0; j < DIM; j++) out[j]! += ALPHA * beta[j]!;
    return out;
  };
  const beta = new Float64Array(DIM);
  const r = mulXt(y);
  const p = Float64Array.from(r);
  let rr = r.reduce((s, v) => s + v * v, 0);
  for (let it = 0; it < ITERATIONS && rr > 1e-12; it++) {
    const ap = mulA(p);
    const alpha = rr / p.reduce((s, v, j) => s + v * ap[j]!, 0);
    for (let j = 0; j < DIM; j++) {
      beta[j]! += alpha * p[j]!;
      r[j]! -= alpha * ap[j]!;
    }
    const next = r.reduce((s, v) => s + v * v, 0);
    for (let j = 0; j < DIM; j++) p[j] = r[j]! + (next / rr) * p[j]!;
    rr = next;
  }
  return {
    score(text) {
      const f = probeFeatures(text);
      let s = mean;
      for (const j of f.index) s += beta[j]! * f.value;
      return s;
    },
  };
}
