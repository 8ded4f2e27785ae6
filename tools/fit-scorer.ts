// Fits wasm/scorer-weights.json from split:"train" rows of the shared data, with
// features computed by the committed wasm through the production host.
//   node tools/fit-scorer.ts [data-dir=../shared/data] [--cv] [--out wasm/scorer-weights.json]
// Deterministic: the same data and wasm give the same bytes.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { FEATURE_NAMES } from "../src/score/feature-names.ts";
import { lengthScores } from "./eval/baselines.ts";
import { twoModelMetrics } from "./eval/two-model.ts";
import { fitLogistic, predict, type LogisticModel } from "./scorer/logistic.ts";
import { loadScorer, WASM_PATH, WEIGHTS_PATH, zeroWeights } from "./scorer/node-scorer.ts";
import { TWO_MODEL_SETS, twoModelTrainingSet, type TrainingExample } from "./scorer/training-data.ts";

export const L2 = 1e-3;
const FOLDS = 5;

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataDir = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--out")) ?? "../shared/data";
const outPath = option("--out") ?? WEIGHTS_PATH;

const scorer = loadScorer(zeroWeights());
const sets = TWO_MODEL_SETS.map((set) => twoModelTrainingSet(dataDir, set, scorer));
const examples = sets.flatMap((s) => s.examples);

function foldOf(id: string): number {
  return createHash("sha256").update(id).digest()[0]! % FOLDS;
}

/** Per-set APGR of a model's scores on the given examples (train rows: for model selection only). */
function apgrBySet(rows: readonly TrainingExample[], scores: Float64Array): Record<string, number> {
  const result: Record<string, number> = {};
  for (const set of TWO_MODEL_SETS) {
    const idx = rows.map((r, i) => (r.set === set ? i : -1)).filter((i) => i >= 0);
    const file = sets.find((s) => s.file.set === set)!.file;
    const byId = new Map(file.rows.map((r) => [r.id, r]));
    const outcomes = idx.map((i) => {
      const row = byId.get(rows[i]!.id)!;
      const [strong, weak] = Object.values(row.outcomes).length === 2 ? modelOrder(row.outcomes) : [0, 0];
      return { strong, weak };
    });
    result[set] = twoModelMetrics(Float64Array.from(idx, (i) => scores[i]!), outcomes).apgr;
  }
  return result;
}

function modelOrder(outcomes: Record<string, number>): [number, number] {
  return [outcomes["gpt-4-1106-preview"]!, outcomes["mistralai/Mixtral-8x7B-Instruct-v0.1"]!];
}

function crossValidate(): { scorer: Record<string, number>; length: Record<string, number> } {
  const oof = new Float64Array(examples.length);
  for (let f = 0; f < FOLDS; f++) {
    const model = fitLogistic(examples.filter((e) => foldOf(e.id) !== f), { l2: L2 });
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

function metrics(model: LogisticModel) {
  let logLoss = 0;
  let brier = 0;
  for (const e of examples) {
    const p = predict(model, e.x);
    logLoss -= e.y * Math.log(p) + (1 - e.y) * Math.log(1 - p);
    brier += (p - e.y) ** 2;
  }
  const scores = Float64Array.from(examples, (e) => predict(model, e.x));
  return {
    log_loss: round(logLoss / examples.length),
    brier: round(brier / examples.length),
    base_rate: round(examples.reduce((s, e) => s + e.y, 0) / examples.length),
    apgr_train: Object.fromEntries(Object.entries(apgrBySet(examples, scores)).map(([k, v]) => [k, round(v)])),
  };
}

function round(x: number): number {
  return Number(x.toPrecision(10));
}

if (flag("--cv")) {
  const cv = crossValidate();
  console.log(`${FOLDS}-fold CV APGR on train rows (model selection; never the test split):`);
  for (const set of TWO_MODEL_SETS) {
    console.log(`  ${set.padEnd(16)} scorer ${cv.scorer[set]!.toFixed(4)}   length ${cv.length[set]!.toFixed(4)}`);
  }
}

const model = fitLogistic(examples, { l2: L2 });
const output = {
  note: "Fitted by tools/fit-scorer.ts (npm run fit:scorer); see docs/scorer.md. Do not edit by hand.",
  label: "P(strong model correct AND weak model wrong) on RouteLLM two-model sets (gpt-4-1106-preview vs Mixtral-8x7B)",
  features: [...FEATURE_NAMES],
  weights: model.weights.map(round),
  bias: round(model.bias),
  fit: { method: "logistic regression, L2 on standardised features, Newton/IRLS", l2: L2, ...metrics(model) },
  training: sets.map((s) => ({
    set: s.file.set,
    sha256: s.file.sha256,
    rows: s.examples.length,
    positives: s.positives,
    excluded_label_suspect: s.excludedSuspect,
  })),
  wasm_sha256: createHash("sha256").update(readFileSync(WASM_PATH)).digest("hex"),
};
writeFileSync(outPath, JSON.stringify(output, null, 2) + "\n");
console.log(`wrote ${outPath instanceof URL ? outPath.pathname : outPath}: ${examples.length} rows, train APGR`, output.fit.apgr_train);
