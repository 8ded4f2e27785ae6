// Stats rows -> the GET /v1/router/stats body: totals, tier mix, per model, per day. Pure.
import type { StatsRow } from "./stats-types.ts";

interface Totals {
  requests: number;
  requests_with_usage: number;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cost_usd: number;
  baseline_cost_usd: number;
  savings_usd: number;
  /** savings / baseline cost, over requests with usage. */
  savings_ratio: number | null;
}

const empty = (): Totals => ({
  requests: 0,
  requests_with_usage: 0,
  input_tokens: 0,
  output_tokens: 0,
  cached_input_tokens: 0,
  cost_usd: 0,
  baseline_cost_usd: 0,
  savings_usd: 0,
  savings_ratio: null,
});

function add(totals: Totals, row: StatsRow): void {
  totals.requests += row.requests;
  totals.requests_with_usage += row.withUsage;
  totals.input_tokens += row.inputTokens;
  totals.output_tokens += row.outputTokens;
  totals.cached_input_tokens += row.cachedInputTokens;
  totals.cost_usd += row.costUsd;
  totals.baseline_cost_usd += row.baselineCostUsd;
}

const round = (usd: number) => Math.round(usd * 1e8) / 1e8;

function finish(totals: Totals): Totals {
  totals.cost_usd = round(totals.cost_usd);
  totals.baseline_cost_usd = round(totals.baseline_cost_usd);
  totals.savings_usd = round(totals.baseline_cost_usd - totals.cost_usd);
  totals.savings_ratio = totals.baseline_cost_usd > 0 ? round(totals.savings_usd / totals.baseline_cost_usd) : null;
  return totals;
}

function groupBy(rows: readonly StatsRow[], key: (row: StatsRow) => string) {
  const groups = new Map<string, Totals>();
  for (const row of rows) {
    const k = key(row);
    const totals = groups.get(k) ?? empty();
    add(totals, row);
    groups.set(k, totals);
  }
  return Object.fromEntries([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => [k, finish(t)]));
}

export function summarize(rows: readonly StatsRow[], range: { since: string; until: string }, baseline: string) {
  const total = empty();
  for (const row of rows) add(total, row);
  const byTier = groupBy(rows, (row) => row.tier);
  return {
    object: "router.stats",
    since: range.since,
    until: range.until,
    baseline_model: baseline,
    totals: finish(total),
    tier_mix: Object.fromEntries(
      Object.entries(byTier).map(([tier, t]) => [tier, total.requests > 0 ? round(t.requests / total.requests) : 0]),
    ),
    by_tier: byTier,
    by_model: groupBy(rows, (row) => row.model),
    by_day: groupBy(rows, (row) => row.day),
  };
}
