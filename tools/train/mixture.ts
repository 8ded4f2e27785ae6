// The gated mixture the scorer (and the classifier) compute:
//   gate    p = softmax(G · [dense; ngrams] + c)          over K prompt groups
//   experts s_k = sigmoid(a_k + E_k · [dense; ngrams])     one calibrated score per group
//   score   = sum_k p_k s_k
// Groups come from the training data (MMLU subjects binned by their train-split
// gain rate, GSM8K, synthetic simple prompts; see docs/evaluation.md). Most experts
// are a constant (the group's shrunk mean target); groups with enough outcome rows
// may get a linear expert. Training: the gate on group labels (softmax), each expert
// on its group's rows. Everything fitted here sees split "train" rows only.
import type { Row } from "./dataset.ts";
import { fitSparseLogistic, predictRow, sigmoid, type SparseLogisticModel } from "./sparse-logistic.ts";
import { softmaxProbs, trainSoftmax, type SoftmaxModel } from "./softmax.ts";

export interface GroupedRow extends Row {
  /** Group index in [0, K). */
  group: number;
  /** The row's weight in the gate's loss, when not `w` (group balancing). */
  gw?: number;
}

export interface ExpertSpec {
  /** Fit a linear expert on this group's rows (else a constant). */
  linear: boolean;
  /** Pseudo-count pulling the constant towards the overall mean (empirical-Bayes shrinkage). */
  shrink?: number;
  /** A fixed constant (a stated prior, for groups without outcome rows); overrides the rows. */
  prior?: number;
}

export interface MixtureOptions {
  groups: string[];
  experts: ExpertSpec[];
  buckets: number;
  gate: { epochs: number; lr: number; weightDecay?: number; seed?: number; denseMask?: readonly boolean[] };
  expert: { l2Dense: number; l2Sparse: number; minSupport?: number; denseMask?: readonly boolean[] };
  /** Rows an expert may learn from (default: all); the gate always sees every row. */
  expertRows?: (row: GroupedRow) => boolean;
}

export interface MixtureModel {
  groups: string[];
  gate: SoftmaxModel;
  /** Per group: a constant logit, or a linear model. */
  experts: ({ kind: "constant"; logit: number } | { kind: "linear"; model: SparseLogisticModel })[];
}

export function expertScores(model: MixtureModel, row: Pick<Row, "dense" | "idx" | "val">): Float64Array {
  return Float64Array.from(model.experts, (e) => (e.kind === "constant" ? sigmoid(e.logit) : predictRow(e.model, row)));
}

export function mixtureScore(model: MixtureModel, row: Pick<Row, "dense" | "idx" | "val">): number {
  const p = softmaxProbs(model.gate, row);
  const s = expertScores(model, row);
  let score = 0;
  for (let k = 0; k < p.length; k++) score += p[k]! * s[k]!;
  return score;
}

export function trainMixture(rows: readonly GroupedRow[], options: MixtureOptions): MixtureModel {
  const K = options.groups.length;
  const gate = trainSoftmax(
    rows.map((r) => ({ dense: r.dense, idx: r.idx, val: r.val, w: r.gw ?? r.w, label: r.group })),
    { classes: K, buckets: options.buckets, ...options.gate },
  );
  const usable = options.expertRows ? rows.filter(options.expertRows) : rows;
  let total = 0;
  let weight = 0;
  for (const r of usable) {
    total += r.w * r.y;
    weight += r.w;
  }
  const overall = total / weight;
  const experts = options.experts.map((spec, k): MixtureModel["experts"][number] => {
    if (spec.prior !== undefined) {
      if (!(spec.prior > 0 && spec.prior < 1)) throw new Error(`mixture: prior of ${options.groups[k]} not in (0, 1)`);
      return { kind: "constant", logit: Math.log(spec.prior / (1 - spec.prior)) };
    }
    const mine = usable.filter((r) => r.group === k);
    if (mine.length === 0) throw new Error(`mixture: group ${options.groups[k]} has no training rows`);
    if (spec.linear) {
      return { kind: "linear", model: fitSparseLogistic(mine, { ...options.expert, buckets: options.buckets }) };
    }
    const n = spec.shrink ?? 0;
    let sy = 0;
    let sw = 0;
    for (const r of mine) {
      sy += r.w * r.y;
      sw += r.w;
    }
    const mean = (sy + n * overall) / (sw + n);
    return { kind: "constant", logit: Math.log(mean / (1 - mean)) };
  });
  return { groups: options.groups, gate, experts };
}
