// K-fold cross-validation on split "train" rows: every model choice (recipes,
// tier boundaries, the uncertainty band) is made on these out-of-fold scores; the
// test split is never read by training. Outcome rows and "probe" rows (prompt-only
// sets, synthetic prompts) are held out in their fold, with every row derived from
// them (stems, augmented copies), and scored there; other gate-only rows (GSM8K train
// questions) are in every training fold and never scored.
import { createHash } from "node:crypto";
import { mixtureForward } from "./export-mixture.ts";
import { fitRecipe, type Recipe } from "./recipe.ts";
import type { TrainItem } from "./training-rows.ts";

export const FOLDS = 5;

export function foldOf(id: string): number {
  return createHash("sha256").update(id).digest()[0]! % FOLDS;
}

/** Rows scored in cross-validation: those with both models' outcomes. */
export const isScored = (it: TrainItem) => it.pair !== undefined;

/** Rows held out of fold `f`'s training. */
export const heldOut = (it: TrainItem, f: number) =>
  (isScored(it) || it.probe === true || it.derivedFrom !== undefined) && foldOf(it.derivedFrom ?? it.id) === f;

/** Rows that get an out-of-fold score. */
const oofScored = (it: TrainItem) => isScored(it) || it.probe === true;

/** Out-of-fold scores of each recipe, aligned with `items` (NaN for rows not scored). */
export function outOfFold(items: readonly TrainItem[], recipes: readonly Recipe[], buckets: number) {
  const oof = new Map(recipes.map((r) => [r.name, new Float64Array(items.length).fill(Number.NaN)]));
  for (let f = 0; f < FOLDS; f++) {
    const train = items.filter((it) => !heldOut(it, f));
    for (const recipe of recipes) {
      const { exported } = fitRecipe(train, recipe, buckets);
      const scores = oof.get(recipe.name)!;
      items.forEach((it, i) => {
        if (oofScored(it) && !it.derivedFrom && foldOf(it.id) === f) scores[i] = mixtureForward(exported, it);
      });
    }
  }
  return oof;
}
