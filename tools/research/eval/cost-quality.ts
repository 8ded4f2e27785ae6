// Cost-quality curves for sets with priced models (METHODS.md §1). Each prompt has
// a cost and an outcome per model; a router's score picks the strong model above a
// threshold. Sweeping the threshold over the score's quantiles traces the router's
// curve; every single model is a point; the oracle picks, per prompt, the cheapest
// model with the best outcome. Savings are reported against always using the best
// single model: at equal quality and at <= 1% quality loss.

export interface PricedPrompt {
  /** Per model: cost (USD) of answering this prompt and the outcome. */
  cost: Record<string, number>;
  outcome: Record<string, number>;
}

export interface CostPoint {
  /** Mean cost per prompt (USD). */
  cost: number;
  quality: number;
  strongShare: number;
}

/** The router's curve between a cheap (weak) and an expensive (strong) model, by score quantiles. */
export function routerCostCurve(
  prompts: readonly PricedPrompt[],
  scores: ArrayLike<number>,
  weak: string,
  strong: string,
  steps = 100,
): CostPoint[] {
  const n = prompts.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  // Prefix sums over prompts in descending score: the top k go to the strong model.
  let cost = 0;
  let quality = 0;
  for (const p of prompts) {
    cost += p.cost[weak]!;
    quality += p.outcome[weak]!;
  }
  const points: CostPoint[] = [{ cost: cost / n, quality: quality / n, strongShare: 0 }];
  let k = 0;
  for (let s = 1; s <= steps; s++) {
    const target = Math.round((s * n) / steps);
    for (; k < target; k++) {
      const p = prompts[order[k]!]!;
      cost += p.cost[strong]! - p.cost[weak]!;
      quality += p.outcome[strong]! - p.outcome[weak]!;
    }
    points.push({ cost: cost / n, quality: quality / n, strongShare: k / n });
  }
  return points;
}

export function singleModelPoint(prompts: readonly PricedPrompt[], model: string): CostPoint {
  const n = prompts.length;
  let cost = 0;
  let quality = 0;
  for (const p of prompts) {
    cost += p.cost[model]!;
    quality += p.outcome[model]!;
  }
  return { cost: cost / n, quality: quality / n, strongShare: Number.NaN };
}

/** Per prompt, the cheapest of `models` with the best outcome. */
export function oraclePoint(prompts: readonly PricedPrompt[], models: readonly string[]): CostPoint {
  const n = prompts.length;
  let cost = 0;
  let quality = 0;
  for (const p of prompts) {
    const best = Math.max(...models.map((m) => p.outcome[m]!));
    const pick = models.filter((m) => p.outcome[m] === best).sort((a, b) => p.cost[a]! - p.cost[b]!)[0]!;
    cost += p.cost[pick]!;
    quality += best;
  }
  return { cost: cost / n, quality: quality / n, strongShare: Number.NaN };
}

/**
 * Saving versus a reference point (1 - cost / reference cost) at the cheapest curve
 * point whose quality is at least `(1 - loss) * reference quality`; NaN if none is.
 */
export function savingAt(
  curve: readonly CostPoint[],
  reference: CostPoint,
  loss: number,
): { saving: number; point?: CostPoint } {
  const target = (1 - loss) * reference.quality - 1e-12;
  const ok = curve.filter((p) => p.quality >= target).sort((a, b) => a.cost - b.cost);
  if (ok.length === 0) return { saving: Number.NaN };
  return { saving: 1 - ok[0]!.cost / reference.cost, point: ok[0]! };
}
