// Reference routers for the two-model protocol: every reported number gets a
// floor (random), a naive heuristic (prompt length) and a ceiling (oracle).
import type { PairOutcome } from "../../lib/eval/two-model.ts";

/** Longer prompt -> strong model. Length in UTF-16 code units, as a client sees it. */
export function lengthScores(prompts: readonly string[]): Float64Array {
  return Float64Array.from(prompts, (p) => p.length);
}

/**
 * The oracle ranks by the true gain (strong - weak outcome). Ties inside a gain
 * value change nothing (equal gains), so they are broken by position to keep
 * the decile thresholds distinct.
 */
export function oracleScores(outcomes: readonly PairOutcome[]): Float64Array {
  const n = outcomes.length;
  return Float64Array.from(outcomes, (o, i) => o.strong - o.weak + (i / n) * 1e-6);
}

/**
 * A random router's expected curve is the diagonal (PGR = strong share), so its
 * expected APGR is 0.5 and its CPT(x) is x, exactly. The spread of single random
 * routers is measured separately by `randomScores` with many seeds.
 */
export const RANDOM_EXPECTED = { apgr: 0.5, cpt50: 0.5, cpt80: 0.8 } as const;

export function randomScores(n: number, rng: () => number): Float64Array {
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = rng();
  return scores;
}
