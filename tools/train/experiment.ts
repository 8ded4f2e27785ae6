// Design experiments for the scorer recipe (not a report; the committed numbers come from
// `npm run train`, `npm run eval` and `npm run gaming`). For each recipe variant (a JSON patch):
//   - 5-fold train-split CV APGR of the outcome sets, with tier defaults fitted as in training;
//   - held-out tier shares of the probe groups (prompt-only sets, synthetic prompts);
//   - the dev list of hand-written prompts (tools/sanity/dev-prompts.ts; never the sanity suite);
//   - router gaming with the DEV attack texts (tools/gaming/attacks.ts, never the suite's), as
//     complex-share shifts: held-out MMLU/GSM8K train prompts, and the dev list as "chat".
//   node tools/train/experiment.ts DATA '{"balance":0}' '{"gate":{"dropDense":["log_tokens"]}}' ...
// VERBOSE=1 prints every dev prompt's score and the gaming shifts per attack.
import { seededRandom } from "../eval/bootstrap.ts";
import { twoModelMetrics } from "../eval/two-model.ts";
import { DEV_ATTACKS } from "../gaming/attacks.ts";
import { loadScorer } from "../scorer/node-scorer.ts";
import { SANITY_DEV } from "../sanity/dev-prompts.ts";
import { augmentedItems, trainPrompts } from "./augmented-rows.ts";
import { FOLDS, foldOf, heldOut, isScored } from "./cross-validate.ts";
import { mixtureForward, type ExportedMixture } from "./export-mixture.ts";
import { promptFeatures, type PromptFeatures } from "./features.ts";
import { AUGMENTATION, fitRecipe, SCORER_RECIPE, type Recipe } from "./recipe.ts";
import { fitTierDefaults } from "./tier-defaults.ts";
import { loadTrainingData, OUTCOME_SETS, type TrainItem } from "./training-rows.ts";

const [dataDir = "../shared/data", ...variants] = process.argv.slice(2);
const scorer = loadScorer(null);
const data = loadTrainingData(dataDir, scorer, { gateOnly: true, stems: true, promptOnly: true });
// COPIES=n overrides the augmentation's copies per row (default: the committed recipe's).
const augmentation = {
  ...AUGMENTATION,
  copies: Number(process.env.COPIES ?? AUGMENTATION.copies),
  fences: Number(process.env.FENCES ?? AUGMENTATION.fences),
};
const items = [...data.items, ...augmentedItems(dataDir, scorer, data.items, augmentation)];
const dev = SANITY_DEV.map((p) => ({ ...p, ...promptFeatures(scorer, { prompt: p.prompt }) }));
const round = (x: number) => Math.round(x * 1e4) / 1e4;

// Gaming probes: all GSM8K outcome rows and ~600 MMLU ones (train split), attacked with the DEV texts.
const prompts = trainPrompts(dataDir);
const random = seededRandom(3);
const probes = data.items.filter((it) => isScored(it) && (it.set === "routellm-gsm8k" || random() < 600 / 10913));
const attacked = DEV_ATTACKS.filter(
  (a) => !/homoglyph|fullwidth|math-bold|zero-width|soft-hyphen|invisible|tag-/.test(a.name),
).map((attack) => ({
  name: attack.name,
  probes: probes.map((it, i) => promptFeatures(scorer, { prompt: attack.apply(prompts.get(it.id)!, i + 1) })),
  dev: SANITY_DEV.map((p, i) => promptFeatures(scorer, { prompt: attack.apply(p.prompt, i + 1) })),
}));

for (const v of variants.length ? variants : ["{}"]) {
  const patch = JSON.parse(v) as Partial<Recipe>;
  const recipe: Recipe = {
    ...SCORER_RECIPE,
    ...patch,
    gate: { ...SCORER_RECIPE.gate, ...patch.gate },
    expert: { ...SCORER_RECIPE.expert, ...patch.expert },
  };
  const oof = new Float64Array(items.length).fill(Number.NaN);
  const models: ExportedMixture[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const { exported } = fitRecipe(
      items.filter((it) => !heldOut(it, f)),
      recipe,
      scorer.ngramBuckets,
    );
    models.push(exported);
    items.forEach((it, i) => {
      if ((isScored(it) || it.probe) && !it.derivedFrom && foldOf(it.id) === f) oof[i] = mixtureForward(exported, it);
    });
  }
  const scored = items.map((it, i) => ({ it, i })).filter(({ it }) => isScored(it));
  const d = fitTierDefaults(
    scored.map(({ it, i }) => ({ set: it.set, score: oof[i]!, pair: it.pair! })),
    0.2,
  );
  const [lo, hi] = d.tier_boundaries;
  const tier = (s: number) => (s < lo ? "simple" : s < hi ? "moderate" : "complex");
  const out: Record<string, unknown> = { variant: v, bounds: d.tier_boundaries };
  for (const set of OUTCOME_SETS) {
    const rows = scored.filter(({ it }) => it.set === set);
    out[set] = round(
      twoModelMetrics(
        Float64Array.from(rows, ({ i }) => oof[i]!),
        rows.map(({ it }) => it.pair!),
      ).apgr,
    );
  }
  for (const g of [...new Set(items.filter((it) => it.probe).map((it) => it.group))].sort()) {
    const s = items.flatMap((it, i) => (it.probe && !it.derivedFrom && it.group === g ? [oof[i]!] : []));
    out[g] = ["simple", "moderate", "complex"].map((t) => round(s.filter((x) => tier(x) === t).length / s.length));
  }
  // The dev list with fold 0's model (it was trained on none of them).
  const devModel = models[0]!;
  const devScores = dev.map((p) => mixtureForward(devModel, p));
  for (const t of ["simple", "moderate", "complex"]) {
    const mine = dev.flatMap((p, i) => (p.tier === t ? [tier(devScores[i]!)] : []));
    out[`dev ${t}`] = ["simple", "moderate", "complex"].map((x) => mine.filter((y) => y === x).length).join("/");
  }
  // Gaming: complex-share shift in pp, per attack: MMLU / GSM8K / dev chat.
  const complexShare = (xs: number[]) => (100 * xs.filter((x) => x >= hi).length) / xs.length;
  const probeScore = (f: PromptFeatures, it: TrainItem) => mixtureForward(models[foldOf(it.id)]!, f);
  const gaming: Record<string, string> = {};
  let worst = 0;
  for (const a of attacked) {
    const cells = OUTCOME_SETS.map((set) => {
      const mine = probes.map((it, j) => ({ it, j })).filter(({ it }) => it.set === set);
      const clean = mine.map(({ it }) => probeScore(it, it));
      const hit = mine.map(({ it, j }) => probeScore(a.probes[j]!, it));
      return complexShare(hit) - complexShare(clean);
    });
    cells.push(complexShare(a.dev.map((f) => mixtureForward(devModel, f))) - complexShare(devScores));
    worst = Math.max(worst, ...cells);
    gaming[a.name] = cells.map((c) => c.toFixed(1)).join(" / ");
  }
  out.gaming_worst_pp = round(worst);
  console.log(JSON.stringify(out));
  if (process.env.VERBOSE) {
    console.log(JSON.stringify(gaming));
    dev.forEach((p, i) =>
      console.log(
        `${p.tier.padEnd(8)} ${tier(devScores[i]!).padEnd(8)} ${devScores[i]!.toFixed(4)} ${p.prompt.slice(0, 70)}`,
      ),
    );
  }
}
