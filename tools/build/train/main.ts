// Trains the router's scorer (wasm) and classifier (ONNX) from split "train" rows:
//   node tools/build/train/main.ts [data-dir=../shared/data] [--out-dir wasm] [--no-write] [--oof-out FILE]
// --oof-out writes each outcome row's held-out scorer score ({"id","set","score"} lines, from the
// fit that left the row's whole family out): for tools that must not learn against the in-sample
// fit (npm run calibrate -- --fit-scores FILE).
// 1. features of every prompt through the committed wasm (no second feature code) and the need
//    labels of every outcome set (tools/build/train/outcome-labels.ts);
// 2. leave-one-family-out on the train splits (the design-time check; npm run eval reports the
//    test splits with intervals);
// 3. the final scorer fit on every training row, its tier defaults from chat prompts;
// 4. the classifier fit -> wasm/classifier.weights.json, .onnx, .meta.json.
// Test-split rows are loaded (the evaluation scores them) but never fitted on here.
// Deterministic: same data + wasm -> same bytes.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SCORER_MODEL_FORMAT, type ScorerModel } from "../../../src/score/scorer-model.ts";
import { TOPIC_NAMES } from "../../../src/score/topic-names.ts";
import { writeClassifier } from "../classifier/write-onnx.ts";
import { readDataFile } from "../../lib/eval/data.ts";
import { loadScorer, TOPICS_PATH, WASM_PATH } from "../../lib/scorer/node-scorer.ts";
import { designLoso } from "./design-loso.ts";
import { promptFeatures } from "./features.ts";
import { classifierLogit, classifierSpec, fitClassifier } from "./fit-classifier.ts";
import { DEFAULT_FIT, fitRows, fitScorer, scorerLogit } from "./fit-scorer.ts";
import * as RECIPE from "./recipe.ts";
import { fitTierDefaults } from "./tier-defaults.ts";
import { loadTrainingData, OUTCOME_SET_NAMES } from "./training-rows.ts";

/** Share of prompts the band may send to the classifier (when it is on; the issue allows 25%). */
const CLASSIFIER_SHARE = 0.2;

const { values, positionals } = parseArgs({
  options: {
    "out-dir": { type: "string", default: "wasm" },
    "no-write": { type: "boolean", default: false },
    "oof-out": { type: "string" },
  },
  allowPositionals: true,
});
const dataDir = positionals[0] ?? "../shared/data";
const outDir = values["out-dir"];
const round = (x: number, digits = 6) => Number(x.toPrecision(digits));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

const featureScorer = loadScorer(null);
const data = loadTrainingData(dataDir, featureScorer);
const train = data.items.filter((it) => it.split === "train");
console.log(
  `${train.length} training rows, ${data.items.length - train.length} test rows loaded for evaluation (${elapsed()})`,
);

// 2. Design-time leave-one-family-out on the train splits.
const loso = designLoso(data.items);
console.log("leave-one-family-out on the train splits (fit without the family, score the set's train rows):");
console.table(loso.sets);
console.log(
  `mean: stated pair APGR ${loso.mean.stated}, mean over pairs ${loso.mean.pairs}, rank correlation ${loso.mean.rho}`,
);
if (values["oof-out"]) {
  const lines = loso.heldOutScores.map((s) => JSON.stringify(s));
  writeFileSync(values["oof-out"], `${lines.join("\n")}\n`);
  console.log(`wrote ${lines.length} held-out scorer scores to ${values["oof-out"]}`);
}

// 3. The final scorer and its tier defaults.
const scorer = fitScorer(data.items);
const chatRows = RECIPE.CHAT_SETS.flatMap((set) => readDataFile(dataDir, set).rows.filter((r) => r.split === "train"));
const chatScores = chatRows.map((row) => sigmoid(scorerLogit(scorer, promptFeatures(featureScorer, row).features)));
const setScores = new Map(
  OUTCOME_SET_NAMES.map((set) => [
    set,
    train.filter((it) => it.set === set).map((it) => sigmoid(scorerLogit(scorer, it.features))),
  ]),
);
const defaults = fitTierDefaults(chatScores, setScores, {
  complex: RECIPE.CHAT_COMPLEX_SHARE,
  simple: RECIPE.CHAT_SIMPLE_SHARE,
  classifier: CLASSIFIER_SHARE,
});
console.log("tier defaults:", defaults);

// 4. The classifier.
const classifier = fitClassifier(data.items, featureScorer.ngramBuckets, scorer);
console.log(`classifier fitted (${elapsed()})`);

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const provenance = {
  data: data.files,
  recipe: { ...RECIPE, fit: DEFAULT_FIT },
  label:
    "within each outcome set: z(z(difficulty) + SLOPE_WEIGHT * z(slope)) over its models (tools/build/train/outcome-labels.ts); " +
    "graded sets: z(grade); anchors: the ANCHOR_QUANTILE of the pooled labels",
  loso_train: loso,
  wasm_sha256: sha(readFileSync(WASM_PATH)),
};
const topicsBytes = readFileSync(TOPICS_PATH);
// The typical training prompt (weighted feature means): what the CLI explains a score against.
const fitted = fitRows(data.items);
const totalWeight = fitted.w.reduce((a, b) => a + b, 0);
const featureMeans = scorer.clip.map((clip, j) =>
  round(fitted.items.reduce((s, it, i) => s + fitted.w[i]! * Math.min(it.features[j]!, clip), 0) / totalWeight, 6),
);
const model: ScorerModel & Record<string, unknown> = {
  format: SCORER_MODEL_FORMAT,
  note: "Fitted by tools/build/train/main.ts (npm run train); see docs/router-model.md. Do not edit by hand.",
  features: featureScorer.featureNames.slice(),
  topics: { names: [...TOPIC_NAMES], entries: featureScorer.topicEntries, sha256: sha(topicsBytes) },
  bias: round(scorer.bias, 9),
  weights: scorer.weights.map((w) => Math.fround(w)),
  clip: scorer.clip.map((c) => Math.fround(c)),
  defaults: { tier_boundaries: defaults.tier_boundaries, uncertainty_band: defaults.uncertainty_band },
  wasm_sha256: provenance.wasm_sha256,
  model_sha256: "",
};
// How the model was fitted, for the tools (eval report, explain): a file of its own, so the Worker
// bundle carries only what scores.
const fit = {
  note: "Written by tools/build/train/main.ts (npm run train) with wasm/scorer-weights.json. Do not edit by hand.",
  tier_defaults: defaults,
  feature_means: featureMeans,
  ...provenance,
  loso_train: { mean: loso.mean, sets: loso.sets },
};
// The model's identity (calibrations fitted on one model are not applied to another): everything that scores.
model.model_sha256 = sha(
  new TextEncoder().encode(JSON.stringify([model.bias, model.weights, model.clip, model.topics.sha256])),
);
const spec = classifierSpec(
  classifier,
  featureScorer.featureNames,
  `linear-${provenance.wasm_sha256.slice(0, 8)}-${sha(new Uint8Array(Float64Array.from(classifier.model.beta).buffer)).slice(0, 8)}`,
  { recipe: provenance.recipe, label: provenance.label, data: data.files },
);
// In-sample agreement of the two models (a sanity line, not a quality figure).
const agree = train
  .slice(0, 2000)
  .filter((it) => Math.sign(scorerLogit(scorer, it.features)) === Math.sign(classifierLogit(classifier, it)));
console.log(`scorer and classifier agree on the side of the mean for ${agree.length} of 2000 training rows`);

if (!values["no-write"]) {
  writeFileSync(join(outDir, "scorer-weights.json"), `${JSON.stringify(model, null, 2)}\n`);
  writeFileSync(join(outDir, "scorer-fit.json"), `${JSON.stringify(fit, null, 2)}\n`);
  writeFileSync(join(outDir, "classifier.weights.json"), `${JSON.stringify(spec)}\n`);
  const written = writeClassifier(spec, outDir);
  console.log(
    `wrote ${outDir}/scorer-weights.json, ${outDir}/scorer-fit.json, ${outDir}/classifier.weights.json, ${written.onnxPath} (${written.bytes} bytes)`,
  );
}
console.log(`done in ${elapsed()}`);
