// How the router's two models are fitted from training rows (docs/evaluation.md):
// both are gated mixtures over the same wasm features; they differ in resolution.
//   scorer     (wasm, every prompt): MMLU subjects pooled into 16 bins of similar
//              train gain, + gsm8k + synthetic-simple = 18 gate groups; one linear expert (gsm8k).
//   classifier (ONNX, uncertain prompts only): one gate group per MMLU subject
//              (57) + gsm8k + synthetic-simple = 59; the same linear expert.
// Gate-only rows teach the gate without an outcome: GSM8K train questions (group
// gsm8k) and MMLU question stems without their choices (the subject's group, at
// weight 0.3), so that requests not in MMLU's multiple-choice format are placed by
// their content; on train-split CV the stems cost ~0.005 APGR, a price paid for
// prompts that do not look like a benchmark.
// Against router gaming (docs/gaming.md), the training rows include augmented copies of the
// outcome rows (added filler, distractors, word runs, cue words, instructions; same label) and
// the GSM8K expert reads only counts that added text cannot inflate (EXPERT_DENSE).
// Every choice below was made by 5-fold cross-validation on split "train" rows
// (tools/gaming/defence-cv.ts for the gaming trade-off).
import { FEATURE_NAMES } from "../../src/score/feature-names.ts";
import { exportMixture, type ExportedMixture } from "./export-mixture.ts";
import { trainMixture } from "./mixture.ts";
import { resolvePriors } from "./priors.ts";
import type { TrainItem } from "./training-rows.ts";

export interface Recipe {
  name: string;
  grouping: { kind: "rate-bins"; bins: number } | { kind: "subjects" };
  /** Pseudo-count pulling each constant expert towards the overall mean target. */
  shrink: number;
  /** Groups that get a linear expert (the others a constant). */
  linear: string[];
  /** `dropDense`: dense features the gate does not use. */
  gate: { epochs: number; lr: number; seed: number; dropDense?: readonly string[] };
  /** `dense`: the only dense features a linear expert uses (default: all). */
  expert: { l2Dense: number; l2Sparse: number; minSupport: number; dense?: readonly string[] };
  /** Round the column count up to a multiple of this (4 for the wasm's SIMD). */
  padTo: number;
  /** Weight of derived gate rows (MMLU stems) in the gate's loss. */
  derivedWeight: number;
  /**
   * Gate balance between prompt families (MMLU, GSM8K, arena-hard, MATH, ...): each family's total
   * weight in the gate's loss is proportional to (its natural total)^balance; 1 = as sampled.
   */
  balance?: number;
  /**
   * Sharpening of the fitted gate: its logits are multiplied by this (> 1: a more decisive gate, so a
   * small gate share of a far-off group, e.g. from added words, moves the score less). Default 1.
   */
  gateSharpen?: number;
}

/**
 * Dense features of the linear (GSM8K) expert: counts that added text cannot inflate. Its
 * size signal is log_quantity_tokens (sentences that state a quantity), not log_tokens, which
 * any padding or confounder raised (docs/gaming.md; train-split CV: GSM8K 0.613 with every
 * feature, 0.605 with these, 0.585 without a size feature).
 */
export const EXPERT_DENSE = [
  "log_quantity_tokens",
  "log_numbers",
  "log_math_words",
  "log_equations",
  "log_question_words",
] as const;

/**
 * Adversarial augmentation (augment.ts): two copies per outcome and probe row, each at half weight;
 * 15% of the additions are wrapped in a code fence (text hidden as "code" must not look like a code task).
 */
export const AUGMENTATION = { copies: 2, weight: 0.5, seed: 11, probes: true, fences: 0.15 } as const;

export const SCORER_RECIPE: Recipe = {
  name: "scorer",
  grouping: { kind: "rate-bins", bins: 16 },
  shrink: 20,
  linear: ["gsm8k"],
  gate: { epochs: 5, lr: 0.01, seed: 1 },
  expert: { l2Dense: 0.1, l2Sparse: 0.01, minSupport: 30, dense: EXPERT_DENSE },
  padTo: 4,
  derivedWeight: 0.3,
  balance: 0,
  gateSharpen: 2,
};

export const CLASSIFIER_RECIPE: Recipe = {
  ...SCORER_RECIPE,
  name: "classifier",
  grouping: { kind: "subjects" },
  padTo: 1,
};

export interface FittedRecipe {
  exported: ExportedMixture;
  /** Source group ("mmlu:<subject>", ...) -> gate group of this recipe. */
  groupMap: Record<string, string>;
}

/** Mean target per source group, over the rows that have one. */
export function groupMeans(items: readonly TrainItem[]): Map<string, number> {
  const sums = new Map<string, [number, number]>();
  for (const it of items) {
    if (it.y === undefined) continue;
    const s = sums.get(it.group) ?? [0, 0];
    s[0] += it.y;
    s[1]++;
    sums.set(it.group, s);
  }
  return new Map([...sums].map(([g, [sum, n]]) => [g, sum / n]));
}

export function groupMapOf(items: readonly TrainItem[], recipe: Recipe): Record<string, string> {
  const sources = [...new Set(items.map((it) => it.group))].sort();
  const map: Record<string, string> = {};
  const mmlu = sources.filter((g) => g.startsWith("mmlu:"));
  for (const g of sources) if (!g.startsWith("mmlu:")) map[g] = g;
  if (recipe.grouping.kind === "subjects") {
    for (const g of mmlu) map[g] = g;
  } else {
    const means = groupMeans(items);
    const bins = recipe.grouping.bins;
    const sorted = [...mmlu].sort((a, b) => (means.get(a) ?? 0) - (means.get(b) ?? 0) || (a < b ? -1 : 1));
    sorted.forEach((g, j) => (map[g] = `mmlu-bin-${String(Math.floor((j * bins) / sorted.length)).padStart(2, "0")}`));
  }
  return map;
}

/** The largest training value of each dense feature (over every row the models saw). */
export function featureClip(items: readonly TrainItem[]): number[] {
  const clip = new Array<number>(items[0]!.dense.length).fill(0);
  for (const it of items) for (let j = 0; j < clip.length; j++) clip[j] = Math.max(clip[j]!, it.dense[j]!);
  return clip;
}

/** A gate group's prompt family: MMLU subjects are one family, the MATH levels another. */
export const familyOf = (group: string) =>
  group.startsWith("mmlu") ? "mmlu" : group.startsWith("math-") ? "math" : group;

/** Per-row gate weight multipliers that give each family a total proportional to total^balance. */
export function balancedGateWeights(rows: readonly { group: string; w: number }[], balance: number): number[] {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(familyOf(r.group), (totals.get(familyOf(r.group)) ?? 0) + r.w);
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  const target = new Map([...totals].map(([f, t]) => [f, t ** balance]));
  const scale = all / [...target.values()].reduce((a, b) => a + b, 0);
  return rows.map((r) => {
    const f = familyOf(r.group);
    return (r.w * target.get(f)! * scale) / totals.get(f)!;
  });
}

export function fitRecipe(items: readonly TrainItem[], recipe: Recipe, buckets: number): FittedRecipe {
  const groupMap = groupMapOf(items, recipe);
  const groups = [...new Set(Object.values(groupMap))].sort();
  const index = new Map(groups.map((g, i) => [g, i]));
  const rows = items.map((it) => ({
    id: it.id,
    set: it.set,
    dense: it.dense,
    idx: it.idx,
    val: it.val,
    y: it.y ?? Number.NaN,
    w: it.weight ?? (it.derivedFrom ? recipe.derivedWeight : 1),
    group: index.get(groupMap[it.group]!)!,
  }));
  if (recipe.balance !== undefined && recipe.balance !== 1) {
    const gw = balancedGateWeights(
      items.map((it, i) => ({ group: it.group, w: rows[i]!.w })),
      recipe.balance,
    );
    rows.forEach((r, i) => ((r as { gw?: number }).gw = gw[i]));
  }
  const { dropDense, ...gate } = recipe.gate;
  const { dense, ...expert } = recipe.expert;
  const priors = resolvePriors(items, groups);
  const model = trainMixture(rows, {
    groups,
    experts: groups.map((g) => ({ linear: recipe.linear.includes(g), shrink: recipe.shrink, prior: priors[g] })),
    buckets,
    gate: { ...gate, ...(dropDense ? { denseMask: FEATURE_NAMES.map((n) => !dropDense.includes(n)) } : {}) },
    expert: { ...expert, ...(dense ? { denseMask: FEATURE_NAMES.map((n) => dense.includes(n)) } : {}) },
    // Rows without an outcome (gate-only) teach the gate, never an expert.
    expertRows: (r) => Number.isFinite(r.y),
  });
  const exported = exportMixture(model, featureClip(items), recipe.padTo);
  const t = recipe.gateSharpen ?? 1;
  if (t !== 1) {
    const K = exported.groups.length;
    const C = exported.columns;
    for (let k = 0; k < K; k++) exported.bias[k]! *= t;
    for (let r = 0; r < exported.weights.length / C; r++) for (let k = 0; k < K; k++) exported.weights[r * C + k]! *= t;
  }
  return { exported, groupMap };
}
