// Replay of a many-model data file through the pure selector with real prices. Pure: rows with
// scores and per-model outcomes in, a cost–quality curve and the savings figures out.
//
// Method (stated in every report):
// - Models: the file's outcome models that have a price. The best model (highest mean outcome on
//   the train split) serves `complex`; every other priced model serves `simple`.
// - Routing: a prompt whose router score is ≥ threshold t is decided `complex`, else `simple`; the
//   selector (objective auto:cost, open policy) picks the model. Thresholds: the 0–100 % quantiles of
//   the train scores in 5 % steps, plus "all simple" and "all complex".
// - Cost per prompt: estimated input tokens × input price + output tokens × output price, with the
//   answer's real length (meta.output_chars / 4) where the file records it, else a fixed
//   DEFAULT_OUTPUT_TOKENS for every model.
// - The threshold is chosen on the train split (the cheapest point whose train quality is within
//   1 % of always-the-best on train) and reported on the test split. The test-split optimum is shown
//   too, labelled as an upper bound (it is tuned on test).
import { OPEN_POLICY } from "../../../src/schema/policy.ts";
import { selectModels } from "../../../src/select/select-model.ts";
import type { Catalog, CatalogModel } from "../../../src/pricing/catalog-schema.ts";
import type { Tier } from "../../../src/schema/canonical.ts";

export const DEFAULT_OUTPUT_TOKENS = 150;
export const MAX_QUALITY_LOSS = 0.01;

export interface ReplayRow {
  id: string;
  split: string;
  score: number;
  inputTokens: number;
  outcomes: Record<string, number>;
  /** Output tokens per model, when the file records answer lengths. */
  outputTokens: Record<string, number>;
}

export interface Price {
  input: number;
  output: number;
}

export interface CurvePoint {
  threshold: number | null;
  label: string;
  complexShare: number;
  quality: number;
  costUsd: number;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** The replay catalog: one model per priced outcome model (provider "custom"). */
export function replayCatalog(prices: Record<string, Price>, best: string): Catalog {
  const models = Object.entries(prices).map(([name, price]): CatalogModel => ({
    id: `custom/${name}`,
    provider: "custom",
    upstreamModel: name,
    pricing: { input: price.input, output: price.output },
    contextWindow: 10_000_000,
    maxOutputTokens: 1_000_000,
    capabilities: ["streaming"],
    maxTier: name === best ? "complex" : "simple",
  }));
  return { version: 1, updatedAt: "replay", baseline: `custom/${best}`, models };
}

const outputFor = (row: ReplayRow, model: string) => row.outputTokens[model] ?? DEFAULT_OUTPUT_TOKENS;

function costOf(row: ReplayRow, model: string, price: Price): number {
  return (row.inputTokens * price.input + outputFor(row, model) * price.output) / 1e6;
}

/** Routes every row at `threshold` through the selector; returns the chosen model per row. */
export function routeAll(rows: readonly ReplayRow[], catalog: Catalog, threshold: number | null): string[] {
  return rows.map((row) => {
    const tier: Tier = threshold === null ? "complex" : row.score >= threshold ? "complex" : "simple";
    const selection = selectModels({
      models: catalog.models,
      availableProviders: new Set(["custom"]),
      tier,
      uncertain: false,
      objective: "cost",
      options: {},
      policy: OPEN_POLICY,
      needs: [],
      inputTokens: row.inputTokens,
      outputTokens: DEFAULT_OUTPUT_TOKENS,
      observedLatency: new Map(),
      baselineId: catalog.baseline,
      maxCandidates: 1,
    });
    return selection.candidates[0]!.model.upstreamModel;
  });
}

export function evaluate(rows: readonly ReplayRow[], chosen: readonly string[], prices: Record<string, Price>) {
  const quality = mean(rows.map((row, i) => row.outcomes[chosen[i]!]!));
  const costUsd = rows.reduce((sum, row, i) => sum + costOf(row, chosen[i]!, prices[chosen[i]!]!), 0);
  return { quality, costUsd };
}

export function curve(
  rows: readonly ReplayRow[],
  catalog: Catalog,
  thresholds: readonly number[],
  prices: Record<string, Price>,
  best: string,
) {
  const points: CurvePoint[] = [];
  const add = (threshold: number | null, label: string) => {
    const chosen = routeAll(rows, catalog, threshold);
    points.push({
      threshold,
      label,
      complexShare: chosen.filter((model) => model === best).length / Math.max(1, rows.length),
      ...evaluate(rows, chosen, prices),
    });
  };
  add(Number.POSITIVE_INFINITY, "all simple");
  for (const t of thresholds) add(t, `t=${t.toFixed(4)}`);
  add(null, "all complex");
  return points;
}

/** The cheapest point within `loss` (relative) of `bestQuality`. */
export function cheapestWithin(
  points: readonly CurvePoint[],
  bestQuality: number,
  loss = MAX_QUALITY_LOSS,
): CurvePoint {
  const ok = points.filter((p) => p.quality >= bestQuality * (1 - loss) - 1e-12);
  return ok.reduce((a, b) => (b.costUsd < a.costUsd ? b : a));
}

/**
 * Cheapest cost within `loss` of `bestQuality` when the router may mix two neighbouring operating
 * points at random (any point on a segment of the curve is reachable): the interpolated curve.
 */
export function interpolatedCost(points: readonly CurvePoint[], bestQuality: number, loss = MAX_QUALITY_LOSS): number {
  const target = bestQuality * (1 - loss) - 1e-12;
  const sorted = [...points].sort((a, b) => a.complexShare - b.complexShare || a.costUsd - b.costUsd);
  let best = Math.min(...sorted.filter((p) => p.quality >= target).map((p) => p.costUsd));
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    if (a.quality < target && b.quality >= target) {
      const w = (target - a.quality) / (b.quality - a.quality);
      best = Math.min(best, a.costUsd + w * (b.costUsd - a.costUsd));
    }
  }
  return best;
}

export function replay(rows: readonly ReplayRow[], prices: Record<string, Price>) {
  const models = Object.keys(prices);
  const train = rows.filter((r) => r.split === "train");
  const test = rows.filter((r) => r.split === "test");
  const trainMeans = Object.fromEntries(models.map((m) => [m, mean(train.map((r) => r.outcomes[m]!))]));
  const best = models.reduce((a, b) => (trainMeans[b]! > trainMeans[a]! ? b : a));
  const catalog = replayCatalog(prices, best);
  const sortedTrain = train.map((r) => r.score).sort((a, b) => a - b);
  const thresholds = [...new Set(Array.from({ length: 21 }, (_, i) => quantile(sortedTrain, i / 20)))];

  const trainCurve = curve(train, catalog, thresholds, prices, best);
  const trainBest = trainCurve.at(-1)!;
  const chosen = cheapestWithin(trainCurve, trainBest.quality);
  const testCurve = curve(test, catalog, thresholds, prices, best);
  const testBest = testCurve.at(-1)!;
  const atChosen = testCurve.find((p) => p.label === chosen.label)!;
  const testOptimum = cheapestWithin(testCurve, testBest.quality);

  // Per-prompt oracle: the cheapest model that reaches the row's best outcome.
  const oracle = evaluate(
    test,
    test.map((row) => {
      const top = Math.max(...models.map((m) => row.outcomes[m]!));
      return models
        .filter((m) => row.outcomes[m] === top)
        .reduce((a, b) => (costOf(row, b, prices[b]!) < costOf(row, a, prices[a]!) ? b : a));
    }),
    prices,
  );
  const saving = (cost: number) => 1 - cost / testBest.costUsd;
  const onTest = (point: CurvePoint) => {
    const p = testCurve.find((q) => q.label === point.label)!;
    return { ...p, costSaved: saving(p.costUsd), qualityLoss: 1 - p.quality / testBest.quality };
  };
  const equal = cheapestWithin(trainCurve, trainBest.quality, 0);

  // Floor: random routing that sends a share s to the best model keeps quality
  // q_w + s (q_b - q_w) and costs c_w + s (c_b - c_w); the smallest s within 1 % loss.
  const allSimple = testCurve[0]!;
  const gap = testBest.quality - allSimple.quality;
  const share = gap <= 0 ? 0 : Math.min(1, Math.max(0, 1 - (MAX_QUALITY_LOSS * testBest.quality) / gap));
  const randomCost = allSimple.costUsd + share * (testBest.costUsd - allSimple.costUsd);
  return {
    models: Object.fromEntries(
      models.map((m) => [m, { ...prices[m]!, trainMean: trainMeans[m]!, tier: m === best ? "complex" : "simple" }]),
    ),
    best,
    rows: { train: train.length, test: test.length },
    alwaysBest: { quality: testBest.quality, costUsd: testBest.costUsd },
    chosenOnTrain: { threshold: chosen.threshold, trainQuality: chosen.quality, test: onTest(atChosen) },
    equalQualityOnTrain: { threshold: equal.threshold, test: onTest(equal) },
    randomBaseline: { complexShare: share, costSaved: saving(randomCost) },
    testOptimumInterpolated: { costSaved: saving(interpolatedCost(testCurve, testBest.quality)) },
    testOptimumUpperBound: {
      ...testOptimum,
      costSaved: saving(testOptimum.costUsd),
      qualityLoss: 1 - testOptimum.quality / testBest.quality,
    },
    oracle: { ...oracle, costSaved: saving(oracle.costUsd) },
    testCurve,
  };
}
