// The scorer's fit: weighted ridge regression of the need label on the wasm's features
// (recipe.ts). Each family of labelled sets weighs the same in total, whatever its size, so
// MMLU's 11,000 questions do not drown the chat sets and the two judges of the same arena-hard
// prompts count once; MMLU stems add STEM_WEIGHT of MMLU's weight; the trivial-prompt anchors
// weigh as much as one family.
import { ANCHOR_QUANTILE, BALANCE, FAMILY_WEIGHT, RIDGE_ALPHA, STEM_WEIGHT } from "./recipe.ts";
import { fitRidge, predict, type RidgeModel } from "./ridge.ts";
import { STEM_SET, type TrainItem } from "./training-rows.ts";

export interface LinearScorer extends RidgeModel {
  /** Per feature: the largest training value (inputs are clipped to it). */
  clip: number[];
}

/** Weighted quantile of values (weights need not sum to 1). */
export function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const total = weights.reduce((s, w) => s + w, 0);
  let acc = 0;
  for (const i of order) {
    acc += weights[i]!;
    if (acc >= q * total) return values[i]!;
  }
  return values[order.at(-1)!]!;
}

export interface FitOptions {
  alpha: number;
  anchorQuantile: number;
  stemWeight: number;
  /** "set": every labelled set weighs 1; "family": every family weighs 1, shared by its sets. */
  balance?: "set" | "family";
  /** Weight of a family's total (default 1). */
  familyWeight?: Readonly<Record<string, number>>;
}

export const DEFAULT_FIT: FitOptions = {
  alpha: RIDGE_ALPHA,
  anchorQuantile: ANCHOR_QUANTILE,
  stemWeight: STEM_WEIGHT,
  balance: BALANCE,
  familyWeight: FAMILY_WEIGHT,
};

/** The rows a fit uses (train split, labelled or anchors) with their weights and labels. */
export function fitRows(
  items: readonly TrainItem[],
  options: FitOptions = DEFAULT_FIT,
): { items: TrainItem[]; y: number[]; w: number[] } {
  const used = items.filter((it) => it.split === "train" && (it.y !== undefined || it.kind === "anchor"));
  const counts = new Map<string, number>();
  for (const it of used) counts.set(it.set, (counts.get(it.set) ?? 0) + 1);
  const setsOf = new Map<string, Set<string>>();
  for (const it of used)
    if (it.set !== STEM_SET) setsOf.set(it.family, (setsOf.get(it.family) ?? new Set()).add(it.set));
  const familyShare = (it: TrainItem) => (options.balance === "family" ? 1 / setsOf.get(it.family)!.size : 1);
  const share = (it: TrainItem) =>
    (it.set === STEM_SET ? options.stemWeight : familyShare(it)) * (options.familyWeight?.[it.family] ?? 1);
  const w = used.map((it) => share(it) / counts.get(it.set)!);
  const labelled = used.map((it, i) => [it.y, w[i]!] as const).filter(([y]) => y !== undefined);
  const anchor = weightedQuantile(
    labelled.map(([y]) => y!),
    labelled.map(([, wi]) => wi),
    options.anchorQuantile,
  );
  return { items: used, y: used.map((it) => it.y ?? anchor), w };
}

/** The largest value of each feature over the rows (the wasm clips inputs to it). */
export function featureClip(items: readonly TrainItem[]): number[] {
  const clip = new Array<number>(items[0]!.features.length).fill(0);
  for (const it of items) for (let j = 0; j < clip.length; j++) clip[j] = Math.max(clip[j]!, it.features[j]!);
  return clip;
}

export function fitScorer(items: readonly TrainItem[], options: FitOptions = DEFAULT_FIT): LinearScorer {
  const rows = fitRows(items, options);
  const clip = featureClip(rows.items);
  const d = clip.length;
  const x = new Float64Array(rows.items.length * d);
  rows.items.forEach((it, i) => {
    for (let j = 0; j < d; j++) x[i * d + j] = Math.min(it.features[j]!, clip[j]!);
  });
  return { ...fitRidge({ x, d, y: rows.y, w: rows.w }, options.alpha), clip };
}

/** The scorer's z (before the sigmoid) on a feature vector, as the wasm computes it. */
export function scorerLogit(model: LinearScorer, features: ArrayLike<number>): number {
  const clipped = Array.from({ length: model.clip.length }, (_, j) => Math.min(features[j]!, model.clip[j]!));
  return predict(model, clipped);
}
