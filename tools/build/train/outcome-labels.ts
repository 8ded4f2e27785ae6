// Outcomes of many models -> the label the router learns: how much more than a typical
// prompt of its set this prompt needs a stronger model (tools/build/train/recipe.ts, docs/router-model.md).
//
// For a set with models m of ability a_m (the model's mean outcome over the set's train split):
//   difficulty(p) = -mean_m (q_mp - a_m)      how far below their usual level the models fall on p
//   slope(p)      = cov_m(a_m, q_mp) / var_m(a_m)   how much a stronger model helps on p
// (with two models the slope is their gain over the ability gap). Both are standardised over the set's
// train rows, combined, and standardised again: the label is a within-set z-score. A set's base rate
// (MMLU is easy, arena-hard is hard, judges differ) is not learnable from it, by construction: the
// router learns only the contrasts a set holds with judge, metric and models fixed.
import type { DataRow } from "../../lib/eval/data.ts";

/** Mean outcome per model over `rows` (models with an outcome on at least half of them). */
export function modelAbilities(rows: readonly DataRow[]): Map<string, number> {
  const sums = new Map<string, [number, number]>();
  for (const row of rows) {
    for (const [model, q] of Object.entries(row.outcomes)) {
      const s = sums.get(model) ?? [0, 0];
      s[0] += q;
      s[1]++;
      sums.set(model, s);
    }
  }
  const abilities = new Map<string, number>();
  for (const [model, [sum, n]] of sums) if (n >= rows.length / 2) abilities.set(model, sum / n);
  return abilities;
}

export interface RowNeed {
  difficulty: number;
  slope: number;
}

/** Difficulty and slope of one row; undefined with fewer than two rated models or no ability spread. */
export function rowNeed(outcomes: Record<string, number>, abilities: ReadonlyMap<string, number>): RowNeed | undefined {
  const a: number[] = [];
  const q: number[] = [];
  for (const [model, value] of Object.entries(outcomes)) {
    const ability = abilities.get(model);
    if (ability === undefined) continue;
    a.push(ability);
    q.push(value);
  }
  if (a.length < 2) return undefined;
  const n = a.length;
  const meanA = a.reduce((s, x) => s + x, 0) / n;
  const meanQ = q.reduce((s, x) => s + x, 0) / n;
  let cov = 0;
  let varA = 0;
  for (let i = 0; i < n; i++) {
    cov += (a[i]! - meanA) * (q[i]! - meanQ);
    varA += (a[i]! - meanA) ** 2;
  }
  if (varA === 0) return undefined;
  return { difficulty: meanA - meanQ, slope: cov / varA };
}

/** (x - mean) / sd of `values` over the entries `fitOn` selects; sd 0 gives zeros. */
export function standardise(values: readonly number[], fitOn: readonly boolean[]): number[] {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) if (fitOn[i]) (n++, (sum += values[i]!));
  const mean = sum / Math.max(n, 1);
  let ss = 0;
  for (let i = 0; i < values.length; i++) if (fitOn[i]) ss += (values[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / Math.max(n, 1));
  return values.map((x) => (sd > 0 ? (x - mean) / sd : 0));
}

/**
 * The need label of every row of one outcome set that has one (id -> label), fitted on its train
 * rows: z(z(difficulty) + slopeWeight * z(slope)). Abilities come from the train rows only.
 */
export function needLabels(rows: readonly DataRow[], slopeWeight: number): Map<string, number> {
  const train = rows.filter((r) => r.split === "train");
  const abilities = modelAbilities(train);
  const rated: { row: DataRow; need: RowNeed }[] = [];
  for (const row of rows) {
    const need = rowNeed(row.outcomes, abilities);
    if (need) rated.push({ row, need });
  }
  const fitOn = rated.map((r) => r.row.split === "train");
  const d = standardise(
    rated.map((r) => r.need.difficulty),
    fitOn,
  );
  const s = standardise(
    rated.map((r) => r.need.slope),
    fitOn,
  );
  const combined = standardise(
    d.map((x, i) => x + slopeWeight * s[i]!),
    fitOn,
  );
  return new Map(rated.map((r, i) => [r.row.id, combined[i]!]));
}

/** A prompt-only set's difficulty grade as a within-set z-score (MATH levels 1-5), fitted on train rows. */
export function gradeLabels(
  rows: readonly DataRow[],
  grade: (row: DataRow) => number | undefined,
): Map<string, number> {
  const graded = rows.flatMap((row) => {
    const g = grade(row);
    return g === undefined || !Number.isFinite(g) ? [] : [{ row, g }];
  });
  const z = standardise(
    graded.map((x) => x.g),
    graded.map((x) => x.row.split === "train"),
  );
  return new Map(graded.map((x, i) => [x.row.id, z[i]!]));
}
