// K-fold cross-validation on split "train" rows: every model choice (recipes,
// tier boundaries, the uncertainty band) is made on these out-of-fold scores; the
// test split is never read by training. Rows without an outcome (gate-only,
// synthetic) are in every training fold and never scored.
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

/** Out-of-fold scores of each recipe, aligned with `items` (NaN for unscored rows). */
export function outOfFold(items: readonly TrainItem[], recipes: readonly Recipe[], buckets: number) {
  const oof = new Map(recipes.map((r) => [r.name, new Float64Array(items.length).fill(Number.NaN)]));
  for (let f = 0; f < FOLDS; f++) {
    // Held out: the fold's outcome rows and every row derived from them (their stems).
    const train = items.filter((it) => !((isScored(it) || it.derivedFrom) && foldOf(it.derivedFrom ?? it.id) === f));
    for (const recipe of recipes) {
      const { exported } = fitRecipe(train, recipe, buckets);
      const scores = oof.get(recipe.name)!;
      items.forEach((it, i) => {
        if (isScored(it) && foldOf(it.id) === f) scores[i] = mixtureForward(exported, it);
      });
    }
  }
  return oof;
}
