// Trains the router's scorer (wasm) and classifier (ONNX) from split "train" rows:
//   node tools/train-router.ts [data-dir=../shared/data] [--out-dir wasm] [--no-write] [--oof-out FILE]
// --oof-out writes each outcome row's out-of-fold cascade score ({"id","set","score"} lines): scores
// from models that never saw the row, for tools that must not learn against the in-sample fit
// (npm run calibrate -- --fit-scores FILE).
// 1. features of every training prompt through the committed wasm (no second feature code);
// 2. 5-fold cross-validation of both recipes (prints APGR per set, with the length baseline);
// 3. tier boundaries and uncertainty band from the out-of-fold scorer scores;
// 4. the final fits on all training rows -> wasm/scorer-weights.json,
//    wasm/classifier.weights.json, wasm/classifier.onnx, wasm/classifier.meta.json.
// The test split is never read. Deterministic: same data + wasm -> same bytes.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SCORER_MODEL_FORMAT, type ScorerModel } from "../src/score/scorer-model.ts";
import { twoModelMetrics } from "./eval/two-model.ts";
import { writeClassifier } from "./classifier/write-onnx.ts";
import type { ClassifierSpec } from "./classifier/classifier-spec.ts";
import { loadScorer, WASM_PATH } from "./scorer/node-scorer.ts";
import { FOLDS, isScored, outOfFold } from "./train/cross-validate.ts";
import { encodeFloat32, type ExportedMixture } from "./train/export-mixture.ts";
import { augmentedItems } from "./train/augmented-rows.ts";
import { AUGMENTATION, CLASSIFIER_RECIPE, fitRecipe, SCORER_RECIPE } from "./train/recipe.ts";
import { fitTierDefaults, uncertainShare } from "./train/tier-defaults.ts";
import { loadTrainingData, OUTCOME_SETS } from "./train/training-rows.ts";
import { PRIOR_GROUPS, resolvePriors } from "./train/priors.ts";

/** Share of training prompts the band may send to the classifier (the issue allows 25%; margin for drift). */
const CLASSIFIER_SHARE = 0.2;
/** Gate-only rows (prompt-only GSM8K train questions): CV-neutral, more GSM8K phrasing for the gate. */
const GATE_ONLY = true;
/** MMLU question stems (choices removed) as gate-only rows: the gate learns subjects from content, not format. */
const STEMS = true;
/** Prompt-only sets (arena-hard, MATH-500, HumanEval) as gate rows of groups with stated priors (train/priors.ts). */
const PROMPT_ONLY = true;

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
const started = performance.now();

const featureScorer = loadScorer(null);
const buckets = featureScorer.ngramBuckets;
const data = loadTrainingData(dataDir, featureScorer, { gateOnly: GATE_ONLY, stems: STEMS, promptOnly: PROMPT_ONLY });
const augmented = augmentedItems(dataDir, featureScorer, data.items, AUGMENTATION);
const items = [...data.items, ...augmented];
console.log(
  `${items.length} training rows (${items.filter(isScored).length} with outcomes, ${augmented.length} augmented), ${buckets} n-gram buckets`,
);

// 2. Cross-validation.
const oof = outOfFold(items, [SCORER_RECIPE, CLASSIFIER_RECIPE], buckets);
const scorerOof = oof.get("scorer")!;
const classifierOof = oof.get("classifier")!;
const scored = items.map((it, i) => ({ it, i })).filter(({ it }) => isScored(it));

// 3. Tier defaults from out-of-fold scorer scores.
const defaults = fitTierDefaults(
  scored.map(({ it, i }) => ({ set: it.set, score: scorerOof[i]!, pair: it.pair! })),
  CLASSIFIER_SHARE,
);
const bounds = defaults.tier_boundaries;
const nearest = (s: number) => Math.min(...bounds.map((b) => Math.abs(s - b)));
const cascadeOof = scorerOof.map((s, i) => (nearest(s) < defaults.uncertainty_band ? classifierOof[i]! : s));
if (values["oof-out"]) {
  const lines = scored
    .filter(({ it }) => !it.derivedFrom)
    .map(({ it, i }) => JSON.stringify({ id: it.id, set: it.set, score: cascadeOof[i] }));
  writeFileSync(values["oof-out"], `${lines.join("\n")}\n`);
  console.log(`wrote ${lines.length} out-of-fold cascade scores to ${values["oof-out"]}`);
}

const cv: Record<string, Record<string, number>> = {};
for (const set of OUTCOME_SETS) {
  const rows = scored.filter(({ it }) => it.set === set);
  const outcomes = rows.map(({ it }) => it.pair!);
  const apgr = (scores: ArrayLike<number>) =>
    round(
      twoModelMetrics(
        Float64Array.from(rows, ({ i }) => scores[i]!),
        outcomes,
      ).apgr,
      4,
    );
  const share = uncertainShare(
    rows.map(({ i }) => scorerOof[i]!),
    rows.map(() => 1),
    bounds,
    defaults.uncertainty_band,
  );
  cv[set] = {
    rows: rows.length,
    scorer: apgr(scorerOof),
    classifier: apgr(classifierOof),
    cascade: apgr(cascadeOof),
    length: apgr(items.map((it) => it.length)),
    share_to_classifier: round(share, 4),
  };
}
console.log(`${FOLDS}-fold CV on train rows (APGR; the test split is never read):`);
console.table(cv);
console.log("tier defaults:", defaults);

// Held-out tier shares of the probe groups (prompt-only sets, synthetic prompts): no outcomes, so
// no APGR, but where the router sends prompts of each kind it did not train on (cascade as deployed).
const probeShares: Record<string, Record<string, number>> = {};
const tierOf = (s: number) => (s < bounds[0] ? "simple" : s < bounds[1] ? "moderate" : "complex");
for (const group of [...new Set(items.filter((it) => it.probe).map((it) => it.group))].sort()) {
  const rows = items.map((it, i) => ({ it, i })).filter(({ it }) => it.probe && it.group === group);
  const scores = rows.map(({ i }) => {
    const s = scorerOof[i]!;
    return nearest(s) < defaults.uncertainty_band ? classifierOof[i]! : s;
  });
  const share = (t: string) => round(scores.filter((s) => tierOf(s) === t).length / scores.length, 3);
  const sorted = [...scores].sort((a, b) => a - b);
  probeShares[group] = {
    rows: rows.length,
    simple: share("simple"),
    moderate: share("moderate"),
    complex: share("complex"),
    median_score: round(sorted[sorted.length >> 1]!, 4),
  };
}
console.log("held-out tier shares of the prompt-only and synthetic groups (cascade, fitted defaults):");
console.table(probeShares);

// 4. Final fits on every training row.
const scorerFit = fitRecipe(items, SCORER_RECIPE, buckets);
const classifierFit = fitRecipe(items, CLASSIFIER_RECIPE, buckets);

const provenance = {
  data: data.files,
  synthetic: {
    set: "synthetic-simple",
    rows: items.filter((it) => it.set === "synthetic-simple").length,
    script: "tools/synthetic/simple-prompts.ts",
  },
  augmentation: { ...AUGMENTATION, rows: augmented.length, script: "tools/train/augment.ts" },
  priors: (() => {
    const values = resolvePriors(
      items,
      PRIOR_GROUPS.map((g) => g.group),
    );
    return PRIOR_GROUPS.map((g) => ({
      group: g.group,
      prior: round(values[g.group]!, 4),
      rows: items.filter((it) => it.group === g.group && !it.derivedFrom).length,
      basis: g.basis,
    }));
  })(),
  label: "win rate of the strong model over the weak (ties half): (1 + q_strong - q_weak) / 2; tools/train/labels.ts",
  cv_apgr_train: cv,
  cv_probe_tiers_train: probeShares,
  wasm_sha256: createHash("sha256").update(readFileSync(WASM_PATH)).digest("hex"),
};

function scorerModel(m: ExportedMixture): ScorerModel & Record<string, unknown> {
  return {
    format: SCORER_MODEL_FORMAT,
    note: "Fitted by tools/train-router.ts (npm run train); see docs/evaluation.md. Do not edit by hand.",
    features: featureScorer.featureNames.slice(),
    ngrams: { buckets },
    columns: m.columns,
    groups: m.groups,
    experts: m.experts.map((e) => ({ column: e.column, logit: round(e.logit, 9) })),
    bias: m.bias.map((b) => Math.fround(b)),
    clip: m.clip.map((c) => Math.fround(c)),
    weights: {
      file: "scorer-weights.bin",
      bytes: m.weights.byteLength,
      sha256: createHash("sha256").update(m.weights).digest("hex"),
    },
    defaults: { tier_boundaries: defaults.tier_boundaries, uncertainty_band: defaults.uncertainty_band },
    wasm_sha256: provenance.wasm_sha256,
    fit: {
      recipe: SCORER_RECIPE,
      group_map: scorerFit.groupMap,
      tier_defaults: defaults,
      ...provenance,
    },
  };
}

function classifierSpec(m: ExportedMixture): ClassifierSpec {
  return {
    version: `mixture-${provenance.wasm_sha256.slice(0, 8)}-${createHash("sha256").update(m.weights).digest("hex").slice(0, 8)}`,
    provisional: false,
    description:
      "Gated mixture over the scorer's features and hashed n-grams at MMLU-subject resolution (tools/train/recipe.ts). " +
      "p_strong is on the scorer's scale (win rate of a stronger model), so it decides with the router's tier boundaries.",
    input: {
      name: "features",
      segments: [
        { kind: "scorer", size: m.features, names: featureScorer.featureNames.slice() },
        { kind: "ngrams", size: buckets },
      ],
    },
    hidden: [],
    heads: {},
    mixture: {
      groups: m.groups,
      columns: m.columns,
      bias: m.bias.map((b) => Math.fround(b)),
      weights_f32_base64: encodeFloat32(m.weights),
      experts: m.experts.map((e) => ({ column: e.column, logit: round(e.logit, 9) })),
      // n-gram values are at most 1 (unit L2 norm): only the dense features are ever clipped.
      clip: [...m.clip.map((c) => Math.fround(c)), ...new Array<number>(buckets).fill(1)],
    },
    decision: { output: "p_strong", boundaries: "tiers" },
    training: { recipe: CLASSIFIER_RECIPE, group_map: classifierFit.groupMap, ...provenance },
  };
}

const model = scorerModel(scorerFit.exported);
const spec = classifierSpec(classifierFit.exported);
if (!values["no-write"]) {
  writeFileSync(join(outDir, "scorer-weights.json"), `${JSON.stringify(model, null, 2)}\n`);
  writeFileSync(join(outDir, "scorer-weights.bin"), scorerFit.exported.weights);
  writeFileSync(join(outDir, "classifier.weights.json"), `${JSON.stringify(spec, null, 2)}\n`);
  const written = writeClassifier(spec, outDir);
  console.log(
    `wrote ${outDir}/scorer-weights.json, ${outDir}/classifier.weights.json, ${written.onnxPath} (${written.bytes} bytes)`,
  );
}
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
