// Fits wasm/scorer-weights.json from split:"train" rows of the shared data, with
// features computed by the committed wasm through the production host.
//   node tools/fit-scorer.ts [data-dir=../shared/data] [--cv] [--out wasm/scorer-weights.json]
// --cv also prints 5-fold cross-validated APGR on the train rows (for model selection:
// the test split is never looked at here). Deterministic: same data + wasm -> same bytes.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { FEATURE_NAMES } from "../src/score/feature-names.ts";
import { lengthScores } from "./eval/baselines.ts";
import { modelPair } from "./eval/data.ts";
import { twoModelMetrics } from "./eval/two-model.ts";
import { fitLogistic, predict, type FitOptions, type LogisticModel } from "./scorer/logistic.ts";
import { loadScorer, WASM_PATH, WEIGHTS_PATH, zeroWeights } from "./scorer/node-scorer.ts";
import { TWO_MODEL_SETS, twoModelTrainingSet, type TrainingExample, type TrainingSet } from "./scorer/training-data.ts";

/** The recipe (chosen by the train-split CV, see docs/scorer.md). */
export const RECIPE = {
  fit: { l2: 1e-2, minSupport: 30 } satisfies FitOptions,
  /** Sample weight per row of each two-model set: GSM8K has 10x fewer rows than MMLU. */
  setWeight: { "routellm-mmlu": 1, "routellm-gsm8k": 10 } as Record<string, number>,
};
const FOLDS = 5;

const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");
const outPath = outIndex >= 0 ? args[outIndex + 1]! : WEIGHTS_PATH;
const dataDir = args.find((a, i) => !a.startsWith("--") && (outIndex < 0 || i !== outIndex + 1)) ?? "../shared/data";

const scorer = loadScorer(zeroWeights());
const twoModel = TWO_MODEL_SETS.map((set) => twoModelTrainingSet(dataDir, set, scorer));
for (const s of twoModel) for (const e of s.examples) e.w = RECIPE.setWeight[s.file.set] ?? 1;
const sets: TrainingSet[] = twoModel;
const examples = sets.flatMap((s) => s.examples);

const foldOf = (id: string) => createHash("sha256").update(id).digest()[0]! % FOLDS;

/** APGR per two-model set of the given scores (aligned with `rows`). */
function apgrBySet(rows: readonly TrainingExample[], scores: ArrayLike<number>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const set of twoModel) {
    const pair = modelPair(set.file.rows);
    const byId = new Map(set.file.rows.map((r) => [r.id, r]));
    const idx = rows.flatMap((r, i) => (r.set === set.file.set ? [i] : []));
    const outcomes = idx.map((i) => {
      const o = byId.get(rows[i]!.id)!.outcomes;
      return { strong: o[pair.strong]!, weak: o[pair.weak]! };
    });
    result[set.file.set] = round(
      twoModelMetrics(
        Float64Array.from(idx, (i) => scores[i]!),
        outcomes,
      ).apgr,
    );
  }
  return result;
}

function crossValidate() {
  const oof = new Float64Array(examples.length);
  for (let f = 0; f < FOLDS; f++) {
    const model = fitLogistic(
      examples.filter((e) => foldOf(e.id) !== f),
      RECIPE.fit,
    );
    examples.forEach((e, i) => {
      if (foldOf(e.id) === f) oof[i] = predict(model, e.x);
    });
  }
  const prompts = new Map(sets.flatMap((s) => s.file.rows.map((r) => [r.id, r.prompt] as const)));
  return {
    scorer: apgrBySet(examples, oof),
    length: apgrBySet(examples, lengthScores(examples.map((e) => prompts.get(e.id)!))),
  };
}

function fitMetrics(model: LogisticModel) {
  const labelled = examples.filter((e) => e.y === 0 || e.y === 1);
  let logLoss = 0;
  let brier = 0;
  for (const e of labelled) {
    const p = predict(model, e.x);
    logLoss -= e.y * Math.log(p) + (1 - e.y) * Math.log(1 - p);
    brier += (p - e.y) ** 2;
  }
  const scores = Float64Array.from(labelled, (e) => predict(model, e.x)).sort();
  const at = (q: number) => round(scores[Math.floor(q * (scores.length - 1))]!);
  return {
    rows_with_hard_labels: labelled.length,
    score_quantiles_train: { p10: at(0.1), p25: at(0.25), p50: at(0.5), p75: at(0.75), p90: at(0.9), p99: at(0.99) },
    log_loss: round(logLoss / labelled.length),
    brier: round(brier / labelled.length),
    base_rate: round(labelled.reduce((s, e) => s + e.y, 0) / labelled.length),
    apgr_train: apgrBySet(
      examples,
      examples.map((e) => predict(model, e.x)),
    ),
  };
}

function round(x: number): number {
  return Number(x.toPrecision(10));
}

const cv = args.includes("--cv") ? crossValidate() : undefined;
if (cv) {
  console.log(`${FOLDS}-fold CV APGR on train rows (model selection only; the test split is never used):`);
  for (const set of TWO_MODEL_SETS)
    console.log(`  ${set.padEnd(16)} scorer ${cv.scorer[set]}   length ${cv.length[set]}`);
}

const model = fitLogistic(examples, RECIPE.fit);
const output = {
  note: "Fitted by tools/fit-scorer.ts (npm run fit:scorer); see docs/scorer.md. Do not edit by hand.",
  label:
    "P(strong model correct AND weak model wrong): RouteLLM MMLU + GSM8K, gpt-4-1106-preview vs Mixtral-8x7B-Instruct",
  features: [...FEATURE_NAMES],
  weights: model.weights.map(round),
  bias: round(model.bias),
  clip: model.clip.map(round),
  fit: {
    method: "logistic regression, L2 on standardised features (folded into the weights), Newton/IRLS",
    ...RECIPE,
    ...fitMetrics(model),
    ...(cv ? { cv_apgr_train: cv } : {}),
  },
  training: sets.map((s) => ({
    set: s.file.set,
    sha256: s.file.sha256,
    rows: s.examples.length,
    positives: round(s.positives),
    excluded_label_suspect: s.excludedSuspect,
  })),
  wasm_sha256: createHash("sha256").update(readFileSync(WASM_PATH)).digest("hex"),
};
writeFileSync(outPath, JSON.stringify(output, null, 2) + "\n");
console.log(
  `wrote ${outPath instanceof URL ? fileURLToPath(outPath) : outPath}: ${examples.length} rows; train APGR`,
  output.fit.apgr_train,
);
