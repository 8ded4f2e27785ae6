// Ranking the eligible candidates (step 4 of select-model.ts). Only the first few are returned, so
// they are picked in one pass over the pool instead of sorting all of it: the result is the prefix
// the full stable sort, then the sticky or requested model moved first, would give.
import type { Objective } from "../schema/router-options.ts";
import type { Candidate, Selection, StickyState } from "./selection.ts";

/** A sticky model or provider is preferred when it costs (or takes) at most this much more. */
export const STICKY_MARGIN = 0.25;

/**
 * What ranks candidates: expected latency (auto:latency), expected cost (auto:cost, auto:quality),
 * or for auto:balanced both, each relative to the best candidate: cost / cheapest + latency /
 * fastest. A model twice as expensive must then be more than twice as fast to win, and a
 * multi-second reasoning model never beats a fast model that costs about as much.
 * Returns each candidate's value, in pool order.
 */
export function rankMetrics(objective: Objective, pool: readonly Candidate[]): number[] {
  const values: number[] = new Array<number>(pool.length).fill(0);
  if (objective === "latency") for (let i = 0; i < pool.length; i++) values[i] = pool[i]!.estLatencyMs;
  else if (objective !== "balanced") for (let i = 0; i < pool.length; i++) values[i] = pool[i]!.estCostUsd;
  else {
    let cheapest = Infinity;
    let fastest = Infinity;
    for (const c of pool) {
      cheapest = Math.min(cheapest, c.estCostUsd);
      fastest = Math.min(fastest, c.estLatencyMs);
    }
    for (let i = 0; i < pool.length; i++) {
      values[i] = relative(pool[i]!.estCostUsd, cheapest) + relative(pool[i]!.estLatencyMs, fastest);
    }
  }
  return values;
}

const relative = (value: number, best: number) => (best > 0 ? value / best : value > 0 ? Infinity : 1);

export interface Ranking {
  candidates: Candidate[];
  stickiness: Selection["stickiness"];
}

/**
 * The best `count` candidates: by metric, ties by cost, then id (candidates equal on all three
 * keep their pool order). A sticky conversation's model goes first when its metric is within
 * STICKY_MARGIN of the best, else its provider's best such model; a requested model goes first
 * whatever its rank (the caller passes one of `sticky` and `requestedId` at most).
 */
export function rankCandidates(
  pool: readonly Candidate[],
  objective: Objective,
  count: number,
  sticky: StickyState | undefined,
  requestedId: string | undefined,
): Ranking {
  const metrics = rankMetrics(objective, pool);
  const before = (i: number, j: number) =>
    metrics[i]! - metrics[j]! ||
    pool[i]!.estCostUsd - pool[j]!.estCostUsd ||
    pool[i]!.model.id.localeCompare(pool[j]!.model.id);
  /** The first-ranked index among those `wanted` (-1 if none). */
  const firstOf = (wanted: (i: number) => boolean) => {
    let found = -1;
    for (let i = 0; i < pool.length; i++) if (wanted(i) && (found < 0 || before(i, found) < 0)) found = i;
    return found;
  };

  let first = -1;
  let stickiness: Selection["stickiness"] = "none";
  if (sticky) {
    let best = Infinity;
    for (const m of metrics) best = Math.min(best, m);
    const limit = best * (1 + STICKY_MARGIN);
    const model = (i: number) => pool[i]!.model.id === sticky.model;
    first =
      firstOf((i) => model(i) && metrics[i]! <= limit) >= 0
        ? firstOf(model)
        : firstOf((i) => pool[i]!.model.provider === sticky.provider && metrics[i]! <= limit);
    if (first >= 0) stickiness = model(first) ? "model" : "provider";
  } else if (requestedId !== undefined) {
    first = firstOf((i) => pool[i]!.model.id === requestedId);
  }

  // The rest, best first: insertion into a list of at most `count` (a later equal goes after).
  const top: number[] = [];
  const room = first >= 0 ? count - 1 : count;
  for (let i = 0; i < pool.length && room > 0; i++) {
    if (i === first) continue;
    if (top.length === room && before(i, top[room - 1]!) >= 0) continue;
    let at = top.length === room ? room - 1 : top.length;
    while (at > 0 && before(i, top[at - 1]!) < 0) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = i;
  }
  const candidates = top.map((i) => pool[i]!);
  if (first >= 0) candidates.unshift(pool[first]!);
  return { candidates, stickiness };
}
