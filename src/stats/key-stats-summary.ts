// Per client key block of GET /v1/router/stats: requests, spend (every billed attempt), 429s in the
// range, what each kind of attempt cost, and each budget today / this month: spent, reserved by
// requests still running, and what is left. Pure: rows from RouterStats, key list from KEYS,
// reservations from the keys' objects.
import type { KeyStatsRow } from "./stats-types.ts";

export interface KeyInfo {
  id: string;
  name: string;
  revoked: boolean;
  daily?: number | undefined;
  monthly?: number | undefined;
  /** Open budget reservations (in-flight requests) today and this month, from the key's object. */
  reserved?: { today: number; month: number } | undefined;
  /** What the key's attempts cost by kind (charge-summary.ts). */
  charges?: Record<string, unknown> | undefined;
}

const round = (usd: number) => Math.round(usd * 1e8) / 1e8;

export function summarizeKeys(
  rows: readonly KeyStatsRow[],
  keys: readonly KeyInfo[],
  range: { since: string; today: string },
) {
  const month = range.today.slice(0, 7);
  const ids = new Set([...keys.map((k) => k.id), ...rows.map((r) => r.key)]);
  const info = new Map(keys.map((k) => [k.id, k]));
  const out: Record<string, unknown> = {};
  for (const id of [...ids].sort()) {
    const key = info.get(id);
    let requests = 0;
    let cost = 0;
    let rateLimited = 0;
    let budgetRejected = 0;
    let spentToday = 0;
    let spentMonth = 0;
    for (const row of rows) {
      if (row.key !== id) continue;
      if (row.day >= range.since) {
        requests += row.requests;
        cost += row.costUsd;
        rateLimited += row.rateLimited;
        budgetRejected += row.budgetRejected;
      }
      if (row.day === range.today) spentToday += row.costUsd;
      if (row.day.startsWith(month)) spentMonth += row.costUsd;
    }
    const reservedToday = key?.reserved?.today ?? 0;
    const reservedMonth = key?.reserved?.month ?? 0;
    out[id] = {
      name: key?.name ?? (id === "open" ? "open" : null),
      revoked: key?.revoked ?? false,
      requests,
      cost_usd: round(cost),
      rate_limited: rateLimited,
      budget_rejected: budgetRejected,
      ...(key?.charges ? { charges: key.charges } : {}),
      budget: {
        daily_usd: key?.daily ?? null,
        spent_today_usd: round(spentToday),
        reserved_today_usd: round(reservedToday),
        remaining_today_usd:
          key?.daily !== undefined ? round(Math.max(0, key.daily - spentToday - reservedToday)) : null,
        monthly_usd: key?.monthly ?? null,
        spent_this_month_usd: round(spentMonth),
        reserved_this_month_usd: round(reservedMonth),
        remaining_this_month_usd:
          key?.monthly !== undefined ? round(Math.max(0, key.monthly - spentMonth - reservedMonth)) : null,
      },
    };
  }
  return out;
}
