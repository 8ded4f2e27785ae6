// Why the scorer scored a prompt the way it did. The wasm scorer is a gated mixture
// (assembly/score.ts, docs/router-model.md):
//   logits = bias + W · [min(dense, clip); ngrams]
//   gate p = softmax(logits[0..K)),  expert s_k = sigmoid(const_k + logits[col_k]),  score = Σ p_k s_k
// This recomputes it in JS from the same weights, so the parts add up to the wasm's score, and
// attributes the winning group to its inputs: xᵢ · ∂ log p_top / ∂xᵢ = xᵢ · (W[i][top] − Σ_k p_k W[i][k]),
// which sums (with the bias term) to log p_top − log Σ exp — exact, not sampled.
import model from "../../wasm/scorer-weights.json";
import weightBytes from "../../wasm/scorer-weights.bin";
import type { CanonicalRequest } from "../../src/schema/canonical.ts";
import { getScorer } from "../../src/score/default-scorer.ts";
import { promptView } from "../../src/score/prompt-view.ts";
import { bigramBucket, FNV_OFFSET, FNV_PRIME, PREFIX, unigramBucket } from "../scorer/ngram-reference.ts";

export interface GroupShare {
  group: string;
  /** Gate probability of the group. */
  weight: number;
  /** The group's expert score (a stronger model's expected win rate there). */
  expert: number;
}

export interface Contribution {
  /** A dense feature's name, or the words behind an n-gram bucket. */
  input: string;
  kind: "feature" | "ngram";
  value: number;
  /** xᵢ · ∂ log p_top / ∂xᵢ: positive pulls the prompt into the top group. */
  contribution: number;
}

export interface Explanation {
  /** Σ p_k s_k, recomputed here (equals the wasm scorer's score up to float32 rounding). */
  score: number;
  groups: GroupShare[];
  /** The group the gate weighs most, and what pulled the prompt into it (largest |contribution| first). */
  top: { group: string; inputs: Contribution[] };
  /** Dense features with a non-zero value. */
  fired: { feature: string; value: number }[];
  estimatedTokens: number;
}

const bits = Math.log2(model.ngrams.buckets);
const W = new Float32Array(weightBytes as ArrayBuffer);
const C = model.columns;
const F = model.features.length;
const K = model.groups.length;
const row = (input: number) => W.subarray(input * C, input * C + C);

/** Bucket → the words of this prompt that hash there (labels for n-gram contributions). */
function bucketLabels(text: string): Map<number, string> {
  const labels = new Map<number, string>();
  const words = text.match(/[A-Za-z][A-Za-z0-9_]*|\d+/g) ?? [];
  const itemOf = (word: string) => {
    if (/^\d/.test(word)) return (0x4e554d30 + Math.min(word.length, 4)) >>> 0;
    let h = FNV_OFFSET;
    for (const c of word.toLowerCase().slice(0, PREFIX)) h = Math.imul(h ^ c.charCodeAt(0), FNV_PRIME) >>> 0;
    return h >>> 0;
  };
  const shown = (word: string) => (/^\d/.test(word) ? `<${Math.min(word.length, 4)}-digit number>` : word);
  let prev: number | undefined;
  let prevWord = "";
  for (const word of words) {
    const item = itemOf(word);
    const u = unigramBucket(item, bits);
    if (!labels.has(u)) labels.set(u, shown(word));
    if (prev !== undefined) {
      const b = bigramBucket(prev, item, bits);
      if (!labels.has(b)) labels.set(b, `${shown(prevWord)} ${shown(word)}`);
    }
    prev = item;
    prevWord = word;
  }
  return labels;
}

export function explainScore(request: CanonicalRequest): Explanation {
  const view = promptView(request);
  const out = getScorer().score(view);
  const inputs: { index: number; value: number; kind: "feature" | "ngram"; label: string }[] = [];
  out.features.forEach((x, i) => {
    const value = Math.min(x, model.clip[i]!);
    if (value !== 0) inputs.push({ index: i, value, kind: "feature", label: model.features[i]! });
  });
  const labels = bucketLabels(`${view.context}\n${view.primary}`);
  for (let j = 0; j < out.ngrams.index.length; j++) {
    const bucket = out.ngrams.index[j]!;
    inputs.push({
      index: F + bucket,
      value: out.ngrams.value[j]!,
      kind: "ngram",
      label: labels.get(bucket) ?? `#${bucket}`,
    });
  }

  const logits = Float64Array.from(model.bias);
  for (const input of inputs) {
    const w = row(input.index);
    for (let c = 0; c < C; c++) logits[c]! += input.value * w[c]!;
  }
  const max = Math.max(...logits.subarray(0, K));
  const exp = Array.from(logits.subarray(0, K), (l) => Math.exp(l - max));
  const total = exp.reduce((a, b) => a + b, 0);
  const p = exp.map((e) => e / total);
  const s = model.experts.map((e) => 1 / (1 + Math.exp(-(e.logit + (e.column >= 0 ? logits[e.column]! : 0)))));
  const score = p.reduce((sum, pk, k) => sum + pk * s[k]!, 0);

  const top = p.indexOf(Math.max(...p));
  const contributions: Contribution[] = inputs.map((input) => {
    const w = row(input.index);
    let mean = 0;
    for (let k = 0; k < K; k++) mean += p[k]! * w[k]!;
    return { input: input.label, kind: input.kind, value: input.value, contribution: input.value * (w[top]! - mean) };
  });
  contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return {
    score,
    groups: model.groups
      .map((group, k) => ({ group, weight: p[k]!, expert: s[k]! }))
      .sort((a, b) => b.weight - a.weight),
    top: { group: model.groups[top]!, inputs: contributions },
    fired: inputs.filter((i) => i.kind === "feature").map((i) => ({ feature: i.label, value: i.value })),
    estimatedTokens: out.tokens,
  };
}
