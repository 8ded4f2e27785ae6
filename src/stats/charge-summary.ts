// Charge rows -> the `charges` blocks of GET /v1/router/stats: per kind of attempt, how many were
// charged and what they cost, and how much of that is an estimate (no usage from the provider). Pure.
import type { ChargeRow } from "./stats-types.ts";

export interface ChargeTotals {
  attempts: number;
  cost_usd: number;
  estimated_attempts: number;
  estimated_cost_usd: number;
}

const round = (usd: number) => Math.round(usd * 1e8) / 1e8;

export function summarizeCharges(rows: readonly ChargeRow[], sinceDay: string): Record<string, ChargeTotals> {
  const byKind = new Map<string, ChargeTotals>();
  for (const row of rows) {
    if (row.day < sinceDay) continue;
    const totals = byKind.get(row.kind) ?? { attempts: 0, cost_usd: 0, estimated_attempts: 0, estimated_cost_usd: 0 };
    totals.attempts += row.attempts;
    totals.cost_usd += row.costUsd;
    if (row.basis === "estimate") {
      totals.estimated_attempts += row.attempts;
      totals.estimated_cost_usd += row.costUsd;
    }
    byKind.set(row.kind, totals);
  }
  return Object.fromEntries(
    [...byKind]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, t]) => [
        kind,
        { ...t, cost_usd: round(t.cost_usd), estimated_cost_usd: round(t.estimated_cost_usd) },
      ]),
  );
}
