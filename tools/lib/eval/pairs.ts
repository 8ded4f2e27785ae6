// Which model pairs a set is judged on (METHODS.md §1): the stated pair of the set
// (eval-sets.ts), and for many-model sets the mean over several pairs: the best model of
// the train split against every model at least MIN_GAP below it that rated almost every prompt.
import { modelPair, type DataRow } from "./data.ts";
import { SET_SPECS, type PairSpec } from "./eval-sets.ts";

export const MIN_GAP = 0.15;
const MIN_COVERAGE = 0.9;

/** Mean outcome per model over rows (absent outcomes skipped) and how many rows rated it. */
function means(rows: readonly DataRow[]): Map<string, { mean: number; n: number }> {
  const acc = new Map<string, { sum: number; n: number }>();
  for (const r of rows) {
    for (const [m, q] of Object.entries(r.outcomes)) {
      const a = acc.get(m) ?? { sum: 0, n: 0 };
      a.sum += q;
      a.n++;
      acc.set(m, a);
    }
  }
  return new Map([...acc].map(([m, a]) => [m, { mean: a.sum / a.n, n: a.n }]));
}

/** The best model of the train rows against each clearly weaker one (empty for two-model sets). */
export function pairsAgainstBest(train: readonly DataRow[]): PairSpec[] {
  const m = [...means(train)].filter(([, v]) => v.n >= MIN_COVERAGE * train.length);
  if (m.length <= 2) return [];
  const [best, top] = m.reduce((a, b) => (b[1].mean > a[1].mean ? b : a));
  return m
    .filter(([model, v]) => model !== best && v.mean <= top.mean - MIN_GAP)
    .map(([model]) => ({ strong: best, weak: model }))
    .sort((a, b) => (a.weak < b.weak ? -1 : 1));
}

/** Rows where both models of the pair have an outcome, as (strong, weak) outcomes. */
export function pairRows<T extends { row: DataRow }>(
  rows: readonly T[],
  pair: PairSpec,
): { rows: T[]; outcomes: { strong: number; weak: number }[] } {
  const kept = rows.filter((r) => r.row.outcomes[pair.strong] !== undefined && r.row.outcomes[pair.weak] !== undefined);
  return {
    rows: kept,
    outcomes: kept.map((r) => ({ strong: r.row.outcomes[pair.strong]!, weak: r.row.outcomes[pair.weak]! })),
  };
}

/** The set's stated pair: named in eval-sets.ts, else the only two models of a two-model set. */
export function statedPair(set: string, rows: readonly DataRow[]): PairSpec {
  return SET_SPECS[set]?.pairs?.[0] ?? modelPair(rows);
}
