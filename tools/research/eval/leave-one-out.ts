// Leave-one-set-out (METHODS.md §1, the headline): for each outcome set S, every router is
// fitted on the train splits of the other sets only and scored on S's test split, so each
// number says how the router does on prompts unlike anything it was fitted on. Two modes:
//   set     leaves out S alone (the other judge of the same arena-hard prompts, or GPT-3's
//           outcomes on the same GSM8K questions, stay in training);
//   family  leaves out every set of S's family (both arena-hard judges; GSM8K with GSM8K-GPT-3),
//           the stricter test: the nearest a table of these sets comes to prompts never seen.
// AlpacaEval is evaluation-only: never fitted on, so every fold scores it the same way.
// Routers: the scorer as shipped (fit-scorer.ts), the cascade (the classifier, fitted on the same
// rows, decides the prompts near a tier boundary), the naive probe on the same rows
// (naive-probe.ts), the naive probe as the issue built it (MMLU and GSM8K train rows only), prompt
// length, and the random spread. Paired bootstrap over each set's prompts. Whether the classifier
// earns its place is measured on the prompts it is consulted on (`consulted`).
import { seededRandom } from "../../lib/eval/bootstrap.ts";
import { percentileInterval, type Interval } from "../../lib/eval/bootstrap.ts";
import type { DataRow } from "../../lib/eval/data.ts";
import { SET_SPECS, type PairSpec } from "../../lib/eval/eval-sets.ts";
import { fitNaiveProbe } from "./naive-probe.ts";
import { pairRows, pairsAgainstBest, statedPair as statedPairOf } from "../../lib/eval/pairs.ts";
import { twoModelMetrics } from "../../lib/eval/two-model.ts";

/** The wasm's n-gram bucket count (assembly/ngrams.ts). */
const NGRAM_BUCKETS = 4096;
import { assignTier, type TierConfig } from "../../../src/score/tiering.ts";
import { classifierLogit, fitClassifier } from "../../build/train/fit-classifier.ts";
import { fitScorer, scorerLogit } from "../../build/train/fit-scorer.ts";
import { OUTCOME_SET_NAMES, type TrainItem } from "../../build/train/training-rows.ts";

export type FoldMode = "set" | "family";

export const LOSO_ROUTERS = ["scorer", "cascade", "probe", "probe_issue", "length"] as const;
export type LosoRouter = (typeof LOSO_ROUTERS)[number];

/** A held-out row: its data row, scorer features and n-grams. */
export interface HeldOutItem {
  row: DataRow;
  features: Float32Array;
  ngrams: { index: Uint16Array; value: Float32Array };
}

export interface PairApgr {
  pair: PairSpec;
  prompts: number;
  apgr: Record<LosoRouter, number>;
}

export interface FoldResult {
  set: string;
  /** Sets whose train rows were fitted on. */
  trainedOn: string[];
  prompts: number;
  stated: PairApgr & { intervals: Record<LosoRouter, Interval>; random: Interval };
  /** Mean over the set's pairs (many-model sets), with intervals. */
  meanOverPairs?: { pairs: number; apgr: Record<LosoRouter, number>; intervals: Record<LosoRouter, Interval> };
  /** The prompts the cascade sends to the classifier: how many, and both models' APGR on them (mean over pairs). */
  consulted: { prompts: number; scorer: number; classifier: number };
  /** Per-resample APGR of the set's headline (mean over pairs where there is one, else the stated pair). */
  samples: Record<LosoRouter, number[]>;
}

export interface LosoResult {
  mode: FoldMode;
  folds: FoldResult[];
  /** Mean over sets of each set's headline APGR, with the paired interval; and the worst set. */
  mean: Record<LosoRouter, { value: number; interval: Interval }>;
  worst: Record<LosoRouter, { set: string; value: number }>;
}

const promptText = (row: DataRow) => [row.prompt, ...(row.turns ?? [])].join("\n");

/** The stated pair's gain of a training row (the probe's label). */
function gainOf(item: TrainItem, pairs: ReadonlyMap<string, PairSpec>): number | undefined {
  const pair = pairs.get(item.set);
  if (!pair || item.kind !== "outcome") return undefined;
  const s = item.row!.outcomes[pair.strong];
  const w = item.row!.outcomes[pair.weak];
  return s === undefined || w === undefined ? undefined : s - w;
}

function excluded(items: readonly TrainItem[], held: string, mode: FoldMode): Set<string> {
  const family = items.find((it) => it.set === held)?.family;
  const out = new Set<string>([held, `${held}#stems`]);
  if (mode === "family" && family) for (const it of items) if (it.family === family) out.add(it.set);
  return out;
}

function metricSamples(
  scores: Record<LosoRouter, Float64Array>,
  pairs: readonly { outcomes: { strong: number; weak: number }[]; index: number[] }[],
  n: number,
  resamples: number,
  seed: number,
): Record<LosoRouter, number[]> {
  const rng = seededRandom(seed);
  const out = Object.fromEntries(LOSO_ROUTERS.map((r) => [r, [] as number[]])) as Record<LosoRouter, number[]>;
  const position = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    const pick = Uint32Array.from({ length: n }, () => Math.floor(rng() * n));
    const sums = Object.fromEntries(LOSO_ROUTERS.map((r) => [r, 0])) as Record<LosoRouter, number>;
    let counted = 0;
    for (const p of pairs) {
      // The pair's rows among the picked prompts (the same draw for every pair and router).
      position.fill(-1);
      p.index.forEach((rowAt, k) => (position[rowAt] = k));
      const chosen: number[] = [];
      for (const i of pick) if (position[i]! >= 0) chosen.push(i);
      const outcomes = chosen.map((i) => p.outcomes[position[i]!]!);
      if (outcomes.reduce((s, o) => s + o.strong - o.weak, 0) === 0) continue;
      counted++;
      for (const r of LOSO_ROUTERS) {
        sums[r] += twoModelMetrics(
          Float64Array.from(chosen, (i) => scores[r][i]!),
          outcomes,
        ).apgr;
      }
    }
    if (counted === 0) continue;
    for (const r of LOSO_ROUTERS) out[r].push(sums[r] / counted);
  }
  return out;
}

const apgrOf = (
  scores: Record<LosoRouter, Float64Array>,
  index: number[],
  outcomes: { strong: number; weak: number }[],
) =>
  Object.fromEntries(
    LOSO_ROUTERS.map((r) => [
      r,
      twoModelMetrics(
        Float64Array.from(index, (i) => scores[r][i]!),
        outcomes,
      ).apgr,
    ]),
  ) as Record<LosoRouter, number>;

export interface LosoOptions {
  resamples: number;
  seed: number;
  /** The deployed tier boundaries and band: which prompts the cascade sends to the classifier. */
  tiers: TierConfig;
}

/** One fold: fit every router without `held` (and its family), score `held`'s test rows. */
export function runFold(
  items: readonly TrainItem[],
  held: string,
  heldOut: readonly HeldOutItem[],
  trainRows: readonly DataRow[],
  mode: FoldMode,
  options: LosoOptions,
): FoldResult {
  const out = excluded(items, held, mode);
  const train = items.filter((it) => !out.has(it.set));
  const scorer = fitScorer(train);
  const outcomeRows = train.filter((it) => it.split === "train" && it.kind === "outcome");
  const pairs = new Map(
    [...new Set(outcomeRows.map((it) => it.set))].map((set) => [
      set,
      statedPairOf(
        set,
        outcomeRows.filter((it) => it.set === set).map((it) => it.row!),
      ),
    ]),
  );
  const probeRow = (it: TrainItem) => ({ text: promptText(it.row!), gain: gainOf(it, pairs) });
  const probe = fitNaiveProbe(outcomeRows.map(probeRow));
  const probeIssue = fitNaiveProbe(
    outcomeRows.filter((it) => it.set === "routellm-mmlu" || it.set === "routellm-gsm8k").map(probeRow),
  );
  const texts = heldOut.map((h) => promptText(h.row));
  const classifier = fitClassifier(train, NGRAM_BUCKETS, scorer);
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
  const scorerScores = Float64Array.from(heldOut, (h) => sigmoid(scorerLogit(scorer, h.features)));
  const classifierScores = Float64Array.from(heldOut, (h) => sigmoid(classifierLogit(classifier, h)));
  const consultedAt = heldOut.flatMap((_, i) => (assignTier(scorerScores[i]!, options.tiers).uncertain ? [i] : []));
  const scores: Record<LosoRouter, Float64Array> = {
    scorer: scorerScores,
    cascade: Float64Array.from(scorerScores, (s, i) =>
      assignTier(s, options.tiers).uncertain ? classifierScores[i]! : s,
    ),
    probe: Float64Array.from(texts, (t) => probe.score(t)),
    probe_issue: Float64Array.from(texts, (t) => probeIssue.score(t)),
    length: Float64Array.from(texts, (t) => t.length),
  };
  const indexed = heldOut.map((h, i) => ({ row: h.row, i }));
  const spec = SET_SPECS[held] ?? {};
  const statedPair = statedPairOf(held, trainRows.length > 0 ? trainRows : heldOut.map((h) => h.row));
  const stated = pairRows(indexed, statedPair);
  const statedIndex = stated.rows.map((r) => r.i);
  const many = spec.allPairsAgainst
    ? [...new Set(heldOut.flatMap((h) => Object.keys(h.row.outcomes)))]
        .filter((m) => m !== spec.allPairsAgainst)
        .map((m) => ({ strong: spec.allPairsAgainst!, weak: m }))
    : spec.pairsAgainstBest
      ? pairsAgainstBest(trainRows)
      : [];
  const manyPairs = many
    .map((pair) => {
      const p = pairRows(indexed, pair);
      return { pair, index: p.rows.map((r) => r.i), outcomes: p.outcomes };
    })
    .filter((p) => p.outcomes.reduce((s, o) => s + o.strong - o.weak, 0) > 0);
  const statedSamples = metricSamples(
    scores,
    [{ index: statedIndex, outcomes: stated.outcomes }],
    heldOut.length,
    options.resamples,
    options.seed,
  );
  const manySamples =
    manyPairs.length > 0
      ? metricSamples(scores, manyPairs, heldOut.length, options.resamples, options.seed)
      : undefined;
  const rng = seededRandom(options.seed + 1);
  const random = Array.from(
    { length: options.resamples },
    () =>
      twoModelMetrics(
        Float64Array.from(stated.outcomes, () => rng()),
        stated.outcomes,
      ).apgr,
  );
  const intervals = (s: Record<LosoRouter, number[]>) =>
    Object.fromEntries(LOSO_ROUTERS.map((r) => [r, percentileInterval(s[r])])) as Record<LosoRouter, Interval>;
  const meanApgr = (r: LosoRouter) =>
    manyPairs.reduce((s, p) => s + apgrOf(scores, p.index, p.outcomes)[r], 0) / manyPairs.length;
  // Both models on the consulted prompts only, over every pair of the set (stated and many).
  const onConsulted = (values: Float64Array) => {
    const inside = new Set(consultedAt);
    const pairs = [{ index: statedIndex, outcomes: stated.outcomes }, ...manyPairs]
      .map((p) => {
        const keep = p.index.map((i, k) => [i, k] as const).filter(([i]) => inside.has(i));
        return { index: keep.map(([i]) => i), outcomes: keep.map(([, k]) => p.outcomes[k]!) };
      })
      .filter((p) => p.outcomes.length > 1 && p.outcomes.reduce((s, o) => s + o.strong - o.weak, 0) !== 0);
    if (pairs.length === 0) return Number.NaN;
    const apgrs = pairs.map(
      (p) =>
        twoModelMetrics(
          Float64Array.from(p.index, (i) => values[i]!),
          p.outcomes,
        ).apgr,
    );
    return apgrs.reduce((a, b) => a + b, 0) / apgrs.length;
  };
  return {
    set: held,
    trainedOn: [...new Set(train.filter((it) => it.split === "train").map((it) => it.set))].sort(),
    prompts: heldOut.length,
    stated: {
      pair: statedPair,
      prompts: stated.rows.length,
      apgr: apgrOf(scores, statedIndex, stated.outcomes),
      intervals: intervals(statedSamples),
      random: percentileInterval(random),
    },
    ...(manySamples
      ? {
          meanOverPairs: {
            pairs: manyPairs.length,
            apgr: Object.fromEntries(LOSO_ROUTERS.map((r) => [r, meanApgr(r)])) as Record<LosoRouter, number>,
            intervals: intervals(manySamples),
          },
        }
      : {}),
    consulted: {
      prompts: consultedAt.length,
      scorer: onConsulted(scorerScores),
      classifier: onConsulted(classifierScores),
    },
    samples: manySamples ?? statedSamples,
  };
}

/** Every fold of one mode, and the mean and worst set of each router. */
export function leaveOneOut(
  items: readonly TrainItem[],
  evalOnly: readonly { set: string; rows: HeldOutItem[] }[],
  mode: FoldMode,
  options: LosoOptions,
): LosoResult {
  const folds: FoldResult[] = [];
  for (const set of OUTCOME_SET_NAMES) {
    const heldOut = items
      .filter((it) => it.set === set && it.split === "test" && it.kind === "outcome")
      .map((it) => ({ row: it.row!, features: it.features, ngrams: it.ngrams }));
    const trainRows = items.filter((it) => it.set === set && it.split === "train").map((it) => it.row!);
    folds.push(runFold(items, set, heldOut, trainRows, mode, options));
  }
  for (const e of evalOnly) folds.push(runFold(items, e.set, e.rows, [], mode, options));
  const headline = (f: FoldResult, r: LosoRouter) => f.meanOverPairs?.apgr[r] ?? f.stated.apgr[r];
  const mean = Object.fromEntries(
    LOSO_ROUTERS.map((r) => {
      const value = folds.reduce((s, f) => s + headline(f, r), 0) / folds.length;
      const k = Math.min(...folds.map((f) => f.samples[r].length));
      const draws = Array.from({ length: k }, (_, b) => folds.reduce((s, f) => s + f.samples[r][b]!, 0) / folds.length);
      return [r, { value, interval: percentileInterval(draws) }];
    }),
  ) as LosoResult["mean"];
  const worst = Object.fromEntries(
    LOSO_ROUTERS.map((r) => {
      const f = folds.reduce((a, b) => (headline(b, r) < headline(a, r) ? b : a));
      return [r, { set: f.set, value: headline(f, r) }];
    }),
  ) as LosoResult["worst"];
  return { mode, folds, mean, worst };
}
