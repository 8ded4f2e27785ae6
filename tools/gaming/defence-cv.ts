// How a training-side defence trades clean routing quality against robustness, measured on
// split "train" only (5-fold CV, the folds of tools/train/cross-validate.ts): clean CV APGR per
// set, and for held-out prompts attacked with the DEV texts (tools/gaming/attacks.ts, never the
// suite's), the scorer's median-threshold and complex-share shifts.
//   node tools/gaming/defence-cv.ts [data-dir] [--copies N] [--weight W] [--seed S] [--probes 1500]
//                                   [--expert-dense a,b,...] [--gate-drop a,b,...]
// Defaults: the committed recipe (tools/train/recipe.ts).
// The scorer recipe only (no classifier): a fast proxy for design choices, not a report.
import { parseArgs } from "node:util";
import { seededRandom } from "../eval/bootstrap.ts";
import { twoModelMetrics } from "../eval/two-model.ts";
import { loadScorer } from "../scorer/node-scorer.ts";
import { augmentedItems, trainPrompts } from "../train/augmented-rows.ts";
import { FOLDS, foldOf, isScored } from "../train/cross-validate.ts";
import { mixtureForward } from "../train/export-mixture.ts";
import { promptFeatures } from "../train/features.ts";
import { AUGMENTATION, fitRecipe, SCORER_RECIPE } from "../train/recipe.ts";
import { fitTierDefaults } from "../train/tier-defaults.ts";
import { loadTrainingData, OUTCOME_SETS, type TrainItem } from "../train/training-rows.ts";
import { DEV_ATTACKS } from "./attacks.ts";
import { medianThreshold } from "./measure.ts";

const { values, positionals } = parseArgs({
  options: {
    copies: { type: "string", default: String(AUGMENTATION.copies) },
    weight: { type: "string", default: String(AUGMENTATION.weight) },
    probes: { type: "string", default: "1500" },
    seed: { type: "string", default: String(AUGMENTATION.seed) },
    "expert-dense": { type: "string" },
    "gate-drop": { type: "string" },
  },
  allowPositionals: true,
});
const dataDir = positionals[0] ?? "../shared/data";
const recipe = {
  ...SCORER_RECIPE,
  gate: { ...SCORER_RECIPE.gate, ...(values["gate-drop"] ? { dropDense: values["gate-drop"].split(",") } : {}) },
  expert: {
    ...SCORER_RECIPE.expert,
    ...(values["expert-dense"] !== undefined ? { dense: values["expert-dense"].split(",").filter(Boolean) } : {}),
  },
};
const started = performance.now();
const scorer = loadScorer(null);
const base = loadTrainingData(dataDir, scorer, { gateOnly: true, stems: true }).items;
const augmented = augmentedItems(dataDir, scorer, base, {
  copies: Number(values.copies),
  weight: Number(values.weight),
  seed: Number(values.seed),
});
const items = [...base, ...augmented];
console.log(
  `${base.length} rows + ${augmented.length} augmented (${((performance.now() - started) / 1000).toFixed(0)} s)`,
);

// Probes: all GSM8K outcome rows, a seeded sample of MMLU ones; their attacked features.
const prompts = trainPrompts(dataDir);
const random = seededRandom(3);
const probes = base.filter(
  (it) => isScored(it) && (it.set === "routellm-gsm8k" || random() < Number(values.probes) / 10913),
);
const attacked = new Map<string, TrainItem[]>();
for (const attack of DEV_ATTACKS) {
  attacked.set(
    attack.name,
    probes.map((it, i) => ({ ...it, ...promptFeatures(scorer, { prompt: attack.apply(prompts.get(it.id)!, i + 1) }) })),
  );
}

const scored = items.map((it, i) => ({ it, i })).filter(({ it }) => isScored(it));
const oof = new Float64Array(items.length).fill(Number.NaN);
const attackedScores = new Map([...attacked.keys()].map((k) => [k, new Float64Array(probes.length)]));
for (let f = 0; f < FOLDS; f++) {
  const train = items.filter((it) => !((isScored(it) || it.derivedFrom) && foldOf(it.derivedFrom ?? it.id) === f));
  const { exported } = fitRecipe(train, recipe, scorer.ngramBuckets);
  for (const { it, i } of scored) if (foldOf(it.id) === f) oof[i] = mixtureForward(exported, it);
  for (const [name, rows] of attacked) {
    const out = attackedScores.get(name)!;
    rows.forEach((row, j) => {
      if (foldOf(row.id) === f) out[j] = mixtureForward(exported, row);
    });
  }
}

const defaults = fitTierDefaults(
  scored.map(({ it, i }) => ({ set: it.set, score: oof[i]!, pair: it.pair! })),
  0.2,
);
const upper = defaults.tier_boundaries[1]!;
console.log(`tier boundaries ${defaults.tier_boundaries.join(", ")}`);
const table: Record<string, Record<string, string>> = { "clean APGR": {} };
for (const set of OUTCOME_SETS) {
  const rows = scored.filter(({ it }) => it.set === set);
  const apgr = twoModelMetrics(
    Float64Array.from(rows, ({ i }) => oof[i]!),
    rows.map(({ it }) => it.pair!),
  ).apgr;
  table["clean APGR"]![set] = apgr.toFixed(4);
  const mine = probes.map((p, j) => ({ p, j })).filter(({ p }) => p.set === set);
  const clean = mine.map(({ p }) => oof[items.indexOf(p)]!);
  const median = medianThreshold(clean);
  const share = (xs: number[], t: number) => xs.filter((x) => x >= t).length / xs.length;
  for (const [name, scores] of attackedScores) {
    const xs = mine.map(({ j }) => scores[j]!);
    const dMedian = (share(xs, median) - share(clean, median)) * 100;
    const dComplex = (share(xs, upper) - share(clean, upper)) * 100;
    (table[name] ??= {})[set] = `${dMedian.toFixed(1)} / ${dComplex.toFixed(1)}`;
  }
}
console.log("median-threshold / complex-share shift, pp (DEV attack texts, held-out folds):");
console.table(table);
console.log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
