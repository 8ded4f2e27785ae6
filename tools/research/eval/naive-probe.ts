// The naive reference router of the leave-one-set-out table (METHODS.md §1): hashed word
// unigrams and bigrams, ridge regression on the gain (strong - weak) of the rows it is given.
// No features, priors or tuning: every feature and prior of the real router has to beat it.
import { fitSparseRidge, predictSparse, type SparseRow } from "../../build/train/sparse-ridge.ts";

const DIM = 1 << 18;
const ALPHA = 1;

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
export function probeFeatures(text: string): SparseRow {
  const words = text.toLowerCase().match(/[a-z]+|[0-9]+/g) ?? [];
  const buckets = new Set<number>();
  words.forEach((w, i) => {
    buckets.add(fnv1a(w) & (DIM - 1));
    if (i > 0) buckets.add(fnv1a(`${words[i - 1]} ${w}`) & (DIM - 1));
  });
  const value = buckets.size > 0 ? 1 / Math.sqrt(buckets.size) : 0;
  return { index: Uint32Array.from(buckets), value: new Float64Array(buckets.size).fill(value) };
}

export interface NaiveProbe {
  score(text: string): number;
}

export function fitNaiveProbe(rows: readonly ProbeRow[]): NaiveProbe {
  const train = rows.filter((r) => r.gain !== undefined && Number.isFinite(r.gain));
  const model = fitSparseRidge(
    train.map((r) => probeFeatures(r.text)),
    train.map((r) => r.gain!),
    train.map(() => 1),
    DIM,
    ALPHA,
  );
  return { score: (text) => predictSparse(model, probeFeatures(text)) };
}
