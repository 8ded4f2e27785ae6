// Tier accuracy of routing decisions on sets with several models (METHODS.md §1).
// A deployment maps each model to the highest tier it serves; a decided tier is
// served by the cheapest model that serves it (the selector's tier floor). The
// label of a prompt is the cheapest tier whose serving model succeeds (outcome >=
// 0.5; "simple" when none does: no tier buys quality). A decision is correct when
// it is served by the same model as its label; under-routing (served below the
// label: quality lost) and over-routing (served above it: money wasted) are counted
// apart, as they do not cost the same.
import { TIER_LABELS, type TierLabel } from "../../../src/classify/tier-labels.ts";
/** An outcome at or above this counts as a success (judge scores and accuracies alike). */
export const SUCCESS = 0.5;

/** Models of a set in ascending cost, each with the highest tier it serves. */
export type TierMap = readonly { model: string; maxTier: TierLabel }[];

const rank = (t: TierLabel) => TIER_LABELS.indexOf(t);

/** The model serving a decided tier: the cheapest whose maxTier reaches it (else the top model). */
export function servingModel(map: TierMap, tier: TierLabel): number {
  const i = map.findIndex((m) => rank(m.maxTier) >= rank(tier));
  return i >= 0 ? i : map.length - 1;
}

/** Index (into the map) of the cheapest model that succeeds, or 0 when none does. */
export function labelModel(map: TierMap, outcomes: Record<string, number>): number | undefined {
  if (map.some((m) => outcomes[m.model] === undefined)) return undefined;
  const i = map.findIndex((m) => outcomes[m.model]! >= SUCCESS);
  return i >= 0 ? i : 0;
}

export interface TierAccuracy {
  prompts: number;
  accuracy: number;
  underRouting: number;
  overRouting: number;
  /** Share of decisions per tier. */
  decided: Record<TierLabel, number>;
  /** Share of labels per serving model. */
  labels: Record<string, number>;
  /** Mean outcome of the served model (quality of the decisions). */
  quality: number;
}

export function tierAccuracy(
  map: TierMap,
  rows: readonly { outcomes: Record<string, number>; tier: TierLabel }[],
): TierAccuracy {
  let n = 0;
  let correct = 0;
  let under = 0;
  let over = 0;
  let quality = 0;
  const decided = { simple: 0, moderate: 0, complex: 0 };
  const labels: Record<string, number> = Object.fromEntries(map.map((m) => [m.model, 0]));
  for (const row of rows) {
    const label = labelModel(map, row.outcomes);
    if (label === undefined) continue;
    n++;
    const served = servingModel(map, row.tier);
    decided[row.tier]++;
    labels[map[label]!.model]!++;
    quality += row.outcomes[map[served]!.model]!;
    if (served === label) correct++;
    else if (served < label) under++;
    else over++;
  }
  const share = (x: number) => (n > 0 ? x / n : Number.NaN);
  return {
    prompts: n,
    accuracy: share(correct),
    underRouting: share(under),
    overRouting: share(over),
    decided: { simple: share(decided.simple), moderate: share(decided.moderate), complex: share(decided.complex) },
    labels: Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, share(v)])),
    quality: share(quality),
  };
}
