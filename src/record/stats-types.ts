// Aggregated usage rows kept by the stats Durable Object (one row per day × model × tier).

export interface StatsRow {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  model: string;
  provider: string;
  tier: string;
  requests: number;
  /** Requests whose provider reported usage (only these have a cost). */
  withUsage: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  costUsd: number;
  /** What the same usage would have cost on the baseline model. */
  baselineCostUsd: number;
}

export const rowKey = (row: Pick<StatsRow, "day" | "model" | "tier">) => `${row.day}|${row.model}|${row.tier}`;

/** Adds `row` into `into` (same key). */
export function addRow(into: StatsRow, row: StatsRow): void {
  into.requests += row.requests;
  into.withUsage += row.withUsage;
  into.inputTokens += row.inputTokens;
  into.outputTokens += row.outputTokens;
  into.cachedInputTokens += row.cachedInputTokens;
  into.costUsd += row.costUsd;
  into.baselineCostUsd += row.baselineCostUsd;
}
