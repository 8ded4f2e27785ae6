// "Told the category": a reference router that knows each prompt's category
// (MMLU subject, AlpacaEval dataset) and nothing else. Its score is the mean gain
// (strong − weak outcome) of that category on the train split, so it is the
// ceiling of routing by topic alone — the yardstick issue 9 quotes for MMLU.
import type { DataRow } from "../../lib/eval/data.ts";
import type { PairSpec } from "../../lib/eval/eval-sets.ts";

export interface CategoryGains {
  byCategory: Map<string, number>;
  /** Mean gain over every train row: the score of a category without train rows (or a null category). */
  overall: number;
}

/**
 * Mean gain per category over `train` (only rows with split "train" and both
 * outcomes of the pair count). Undefined unless at least two distinct non-null
 * categories have train rows: one category ranks nothing.
 */
export function categoryGains(train: readonly DataRow[], pair: PairSpec): CategoryGains | undefined {
  const sums = new Map<string, { sum: number; n: number }>();
  let sum = 0;
  let n = 0;
  for (const r of train) {
    const strong = r.outcomes[pair.strong];
    const weak = r.outcomes[pair.weak];
    if (r.split !== "train" || strong === undefined || weak === undefined) continue;
    sum += strong - weak;
    n++;
    if (r.category === null) continue;
    const s = sums.get(r.category) ?? { sum: 0, n: 0 };
    s.sum += strong - weak;
    s.n++;
    sums.set(r.category, s);
  }
  if (sums.size < 2) return undefined;
  return { byCategory: new Map([...sums].map(([c, s]) => [c, s.sum / s.n])), overall: sum / n };
}

/**
 * Scores of the evaluated rows. Every row of a category gets the same gain, and
 * `twoModelMetrics` sends all rows scoring >= a decile threshold to the strong
 * model, so exact ties would coarsen the curve to category boundaries instead of
 * the deciles. A seeded random jitter, smaller than half the smallest gap between
 * distinct gains (and at most 1e-9), orders the rows inside a category at random
 * and never across categories: each decile point is then an unbiased draw of the
 * expected (random tie-break) curve, with no dependence on file order (a position
 * term, as in `oracleScores`, would follow the source's row order).
 */
export function categoryScores(rows: readonly DataRow[], gains: CategoryGains, rng: () => number): Float64Array {
  const base = rows.map((r) => (r.category === null ? undefined : gains.byCategory.get(r.category)) ?? gains.overall);
  const distinct = [...new Set(base)].sort((a, b) => a - b);
  let gap = Infinity;
  for (let i = 1; i < distinct.length; i++) gap = Math.min(gap, distinct[i]! - distinct[i - 1]!);
  const eps = Math.min(1e-9, gap / 2);
  return Float64Array.from(base, (g) => g + rng() * eps);
}

/** Mean gain (strong − weak) over the rows with both outcomes; NaN when none. */
export function meanGain(rows: readonly DataRow[], pair: PairSpec): number {
  let sum = 0;
  let n = 0;
  for (const r of rows) {
    const strong = r.outcomes[pair.strong];
    const weak = r.outcomes[pair.weak];
    if (strong === undefined || weak === undefined) continue;
    sum += strong - weak;
    n++;
  }
  return n > 0 ? sum / n : Number.NaN;
}
