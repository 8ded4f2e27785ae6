// One data file through the METHODS.md protocol, given every prompt's routing
// outputs (heuristic-only, classifier-only and cascade scores, the cascade's stage
// and tier). Pure apart from its inputs; the CLI (tools/research/eval/main.ts) runs the
// router and writes the report.
import type { TierLabel } from "../../../src/classify/tier-labels.ts";
import { assignTier, type TierConfig } from "../../../src/score/tiering.ts";
import { lengthScores, oracleScores, randomScores } from "./baselines.ts";
import { percentileInterval, seededRandom, type Interval } from "../../lib/eval/bootstrap.ts";
import { categoryGains, categoryScores, meanGain } from "./category-scores.ts";
import { compareRouters, type RouterReport } from "./compare.ts";
import {
  oraclePoint,
  routerCostCurve,
  savingAt,
  singleModelPoint,
  type CostPoint,
  type PricedPrompt,
} from "./cost-quality.ts";
import { isLabelSuspect, modelPair, type DataRow } from "../../lib/eval/data.ts";
import type { PairSpec, SetSpec } from "../../lib/eval/eval-sets.ts";
import { spearman } from "../../lib/eval/rank-correlation.ts";
import { tierAccuracy, type TierAccuracy } from "../../lib/eval/tier-accuracy.ts";
import { twoModelMetrics, type PairOutcome } from "../../lib/eval/two-model.ts";

export interface RoutedRow {
  row: DataRow;
  scorer: number;
  classifier: number;
  cascade: number;
  stage: string;
  tier: TierLabel;
  /** The scorer's token estimate of the prompt (costs). */
  tokens: number;
}

export interface Pricing {
  models: Record<string, { input_usd_per_mtok: number; output_usd_per_mtok: number }>;
}

export interface EvalOptions {
  resamples: number;
  seed: number;
  tiers: TierConfig;
  pricing?: Pricing;
}

export const ROUTERS = ["scorer", "classifier", "cascade"] as const;

export interface PairResult {
  name: string;
  strong: string;
  weak: string;
  prompts: number;
  qualityStrong: number;
  qualityWeak: number;
  reports: RouterReport[];
  randomSpread: Interval;
  /** Categories with train rows behind the "told the category" reference (absent: no such reference). */
  categories?: number;
}

export interface AllPairsResult {
  reference: string;
  pairs: number;
  meanApgr: Record<string, { value: number; interval: Interval }>;
  beatsLength: Record<string, number>;
}

export interface SetResult {
  set: string;
  sha256: string;
  prompts: number;
  stages: Record<string, number>;
  classifierShare: number;
  scoreQuantiles: Record<string, number[]>;
  pairs: PairResult[];
  /** The rows flagged label_suspect (with a suspect split): their categories and, on the train split, their mean gain. */
  labelSuspect?: { prompts: number; categories: string[]; trainGain: number };
  allPairs?: AllPairsResult;
  tiers?: Record<(typeof ROUTERS)[number], TierAccuracy>;
  cost?: {
    weak: string;
    strong: string;
    outputTokens: SetSpec["outputTokens"];
    curves: Record<string, CostPoint[]>;
    singles: Record<string, CostPoint>;
    oracle: CostPoint;
    savings: Record<string, { equal: number; onePercent: number; onePercentShare: number }>;
  };
  lengthBias?: {
    scoreVsPromptLength: Record<string, number>;
    scoreVsAnswerLengthGap: Record<string, number>;
    pair: PairSpec;
  };
}

const quantiles = (xs: ArrayLike<number>) => {
  const s = Float64Array.from(xs).sort();
  return [0.1, 0.25, 0.5, 0.75, 0.9].map((q) => Number(s[Math.floor(q * (s.length - 1))]!.toFixed(4)));
};

/**
 * `train` = the same file's train-split rows with the same filter as `routed`
 * (the category reference's rates); empty = no category reference.
 */
function pairResult(
  name: string,
  routed: readonly RoutedRow[],
  train: readonly DataRow[],
  pair: PairSpec,
  options: EvalOptions,
): PairResult {
  const rows = routed.filter(
    (r) => r.row.outcomes[pair.strong] !== undefined && r.row.outcomes[pair.weak] !== undefined,
  );
  const outcomes: PairOutcome[] = rows.map((r) => ({
    strong: r.row.outcomes[pair.strong]!,
    weak: r.row.outcomes[pair.weak]!,
  }));
  // Told the category (train-split rates; own seeded stream for its tie-breaking jitter).
  const gains = categoryGains(train, pair);
  const category =
    gains &&
    categoryScores(
      rows.map((r) => r.row),
      gains,
      seededRandom(options.seed + 2),
    );
  const routers = new Map<string, ArrayLike<number>>([
    ...ROUTERS.map((k) => [k, Float64Array.from(rows, (r) => r[k])] as [string, Float64Array]),
    ["length", lengthScores(rows.map((r) => r.row.prompt))],
    ...(category ? [["category", category] as [string, Float64Array]] : []),
    ["oracle", oracleScores(outcomes)],
  ]);
  const reports = compareRouters(routers, outcomes, { ...options, reference: "length" });
  const rng = seededRandom(options.seed + 1);
  const random = Array.from(
    { length: options.resamples },
    () => twoModelMetrics(randomScores(rows.length, rng), outcomes).apgr,
  );
  const strong = reports[0]!.metrics;
  return {
    name,
    strong: pair.strong,
    weak: pair.weak,
    prompts: rows.length,
    qualityStrong: strong.qualityStrong,
    qualityWeak: strong.qualityWeak,
    reports,
    randomSpread: percentileInterval(random),
    ...(gains ? { categories: gains.byCategory.size } : {}),
  };
}

/** Mean APGR over every weak model against the reference, with a paired bootstrap over prompts. */
function allPairs(routed: readonly RoutedRow[], reference: string, options: EvalOptions): AllPairsResult {
  const models = [...new Set(routed.flatMap((r) => Object.keys(r.row.outcomes)))].filter((m) => m !== reference);
  const mean = (m: string) => routed.reduce((s, r) => s + (r.row.outcomes[m] ?? 0), 0) / routed.length;
  // Pairs where the reference is clearly better on these prompts (a positive gap to recover).
  const weak = models.filter(
    (m) => routed.every((r) => r.row.outcomes[m] !== undefined) && mean(reference) - mean(m) >= 0.05,
  );
  const names = [...ROUTERS, "length"];
  const scores = Object.fromEntries([
    ...ROUTERS.map((k) => [k, Float64Array.from(routed, (r) => r[k])]),
    ["length", lengthScores(routed.map((r) => r.row.prompt))],
  ]) as Record<string, Float64Array>;
  const outcomesOf = (m: string, idx: ArrayLike<number>) =>
    Array.from(idx, (i) => ({ strong: routed[i]!.row.outcomes[reference]!, weak: routed[i]!.row.outcomes[m]! }));
  const all = Uint32Array.from(routed.keys());
  const meanApgr = (name: string, idx: Uint32Array) => {
    const s = Float64Array.from(idx, (i) => scores[name]![i]!);
    let total = 0;
    for (const m of weak) total += twoModelMetrics(s, outcomesOf(m, idx)).apgr;
    return total / weak.length;
  };
  const per = (name: string) => weak.map((m) => twoModelMetrics(scores[name]!, outcomesOf(m, all)).apgr);
  const lengthPer = per("length");
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]]));
  const rng = seededRandom(options.seed);
  for (let r = 0; r < options.resamples; r++) {
    const idx = Uint32Array.from(routed, () => Math.floor(rng() * routed.length));
    for (const n of names) samples[n]!.push(meanApgr(n, idx));
  }
  return {
    reference,
    pairs: weak.length,
    meanApgr: Object.fromEntries(
      names.map((n) => [n, { value: meanApgr(n, all), interval: percentileInterval(samples[n]!) }]),
    ),
    beatsLength: Object.fromEntries(
      ROUTERS.map((k) => [k, per(k).filter((a, i) => a > lengthPer[i]!).length / weak.length]),
    ),
  };
}

function costs(routed: readonly RoutedRow[], spec: SetSpec, pair: PairSpec, pricing: Pricing): PricedPrompt[] {
  const price = (m: string) => pricing.models[m]!;
  return routed.map((r) => {
    const out = (m: string) =>
      spec.outputTokens === "meta.output_chars"
        ? ((r.row.meta.output_chars as Record<string, number> | undefined)?.[m] ?? 0) / 4
        : (spec.outputTokens ?? 0);
    const cost = (m: string) => (r.tokens * price(m).input_usd_per_mtok + out(m) * price(m).output_usd_per_mtok) / 1e6;
    return {
      cost: { [pair.weak]: cost(pair.weak), [pair.strong]: cost(pair.strong) },
      outcome: { [pair.weak]: r.row.outcomes[pair.weak]!, [pair.strong]: r.row.outcomes[pair.strong]! },
    };
  });
}

/**
 * `train`: the file's train-split rows, used only for the "told the category"
 * reference (rates per category); pass none to leave that reference out.
 */
export function evaluateSet(
  set: string,
  sha256: string,
  routed: RoutedRow[],
  spec: SetSpec,
  options: EvalOptions,
  train: readonly DataRow[] = [],
): SetResult {
  const stages: Record<string, number> = {};
  for (const r of routed) stages[r.stage] = (stages[r.stage] ?? 0) + 1;
  const result: SetResult = {
    set,
    sha256,
    prompts: routed.length,
    stages,
    classifierShare: (stages.classifier ?? 0) / routed.length,
    scoreQuantiles: Object.fromEntries(ROUTERS.map((k) => [k, quantiles(routed.map((r) => r[k]))])),
    pairs: [],
  };
  const rows = routed.map((r) => r.row);
  let pairs = spec.pairs;
  if (!pairs) {
    try {
      pairs = [modelPair(rows)];
    } catch {
      pairs = [];
    }
  }
  for (const pair of pairs) {
    result.pairs.push(
      pairResult(
        pairs.length > 1 || spec.pairs ? `${pair.strong} vs ${pair.weak}` : "all prompts",
        routed,
        train,
        pair,
        options,
      ),
    );
    if (spec.suspectSplit && rows.some(isLabelSuspect)) {
      result.pairs.push(
        pairResult(
          "without label_suspect",
          routed.filter((r) => !isLabelSuspect(r.row)),
          train.filter((r) => !isLabelSuspect(r)),
          pair,
          options,
        ),
      );
      const suspect = rows.filter(isLabelSuspect);
      result.labelSuspect ??= {
        prompts: suspect.length,
        categories: [...new Set(suspect.map((r) => r.category ?? "none"))],
        trainGain: meanGain(train.filter(isLabelSuspect), pair),
      };
    }
  }
  if (spec.allPairsAgainst) result.allPairs = allPairs(routed, spec.allPairsAgainst, options);
  if (spec.tierMap) {
    const tierOf = (k: (typeof ROUTERS)[number], r: RoutedRow): TierLabel =>
      k === "cascade" ? r.tier : assignTier(r[k], options.tiers).tier;
    result.tiers = Object.fromEntries(
      ROUTERS.map((k) => [
        k,
        tierAccuracy(
          spec.tierMap!,
          routed.map((r) => ({ outcomes: r.row.outcomes, tier: tierOf(k, r) })),
        ),
      ]),
    ) as SetResult["tiers"];
  }
  const pair = pairs[0];
  const priced = pair && options.pricing && [pair.weak, pair.strong].every((m) => options.pricing!.models[m]);
  if (pair && priced) {
    // Only prompts with both models' outcomes (arena-bench-v1 lacks some): a missing one is no zero.
    const both = routed.flatMap((r, i) =>
      r.row.outcomes[pair.weak] !== undefined && r.row.outcomes[pair.strong] !== undefined ? [i] : [],
    );
    const pricedRows = both.map((i) => routed[i]!);
    const prompts = costs(pricedRows, spec, pair, options.pricing!);
    const lengths = lengthScores(rows.map((r) => r.prompt));
    const curves = Object.fromEntries([
      ...ROUTERS.map((k) => [
        k,
        routerCostCurve(
          prompts,
          pricedRows.map((r) => r[k]),
          pair.weak,
          pair.strong,
        ),
      ]),
      [
        "length",
        routerCostCurve(
          prompts,
          both.map((i) => lengths[i]!),
          pair.weak,
          pair.strong,
        ),
      ],
    ]) as Record<string, CostPoint[]>;
    const singles = {
      [pair.weak]: singleModelPoint(prompts, pair.weak),
      [pair.strong]: singleModelPoint(prompts, pair.strong),
    };
    const best =
      singles[pair.strong]!.quality >= singles[pair.weak]!.quality ? singles[pair.strong]! : singles[pair.weak]!;
    result.cost = {
      weak: pair.weak,
      strong: pair.strong,
      outputTokens: spec.outputTokens,
      curves,
      singles,
      oracle: oraclePoint(prompts, [pair.weak, pair.strong]),
      savings: Object.fromEntries(
        Object.entries(curves).map(([k, c]) => {
          const one = savingAt(c, best, 0.01);
          return [
            k,
            {
              equal: savingAt(c, best, 0).saving,
              onePercent: one.saving,
              onePercentShare: one.point?.strongShare ?? Number.NaN,
            },
          ];
        }),
      ),
    };
  }
  const gapPair = spec.pairs?.[0];
  if (gapPair && rows.some((r) => r.meta?.output_chars)) {
    const gap = rows.map((r) => {
      const chars = r.meta.output_chars as Record<string, number>;
      return (chars[gapPair.strong] ?? 0) - (chars[gapPair.weak] ?? 0);
    });
    const len = rows.map((r) => r.prompt.length);
    result.lengthBias = {
      pair: gapPair,
      scoreVsPromptLength: Object.fromEntries(
        ROUTERS.map((k) => [
          k,
          spearman(
            routed.map((r) => r[k]),
            len,
          ),
        ]),
      ),
      scoreVsAnswerLengthGap: Object.fromEntries(
        ROUTERS.map((k) => [
          k,
          spearman(
            routed.map((r) => r[k]),
            gap,
          ),
        ]),
      ),
    };
  }
  return result;
}
