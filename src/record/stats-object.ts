// RouterStats: a Durable Object (SQLite storage) holding the usage aggregates behind
// GET /v1/router/stats. One instance per deployment ("global"); isolates send it pre-aggregated
// batches (stats-buffer.ts), so its write rate is per flush, not per request.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import type { KeyStatsRow, StatsRow } from "./stats-types";

/** Days of history kept. */
const RETENTION_DAYS = 400;

const COLUMNS = `day, model, provider, tier, requests, with_usage, input_tokens, output_tokens,
  cached_input_tokens, cost_usd, baseline_cost_usd`;

export class RouterStats extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS daily (
      day TEXT NOT NULL, model TEXT NOT NULL, provider TEXT NOT NULL, tier TEXT NOT NULL,
      requests INTEGER NOT NULL, with_usage INTEGER NOT NULL, input_tokens INTEGER NOT NULL,
      output_tokens INTEGER NOT NULL, cached_input_tokens INTEGER NOT NULL,
      cost_usd REAL NOT NULL, baseline_cost_usd REAL NOT NULL,
      PRIMARY KEY (day, model, tier))`);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS key_daily (
      day TEXT NOT NULL, key TEXT NOT NULL, requests INTEGER NOT NULL, cost_usd REAL NOT NULL,
      rate_limited INTEGER NOT NULL, budget_rejected INTEGER NOT NULL, PRIMARY KEY (day, key))`);
  }

  /** Adds a batch of rows (RPC from the Worker). */
  record(rows: StatsRow[], keyRows: KeyStatsRow[] = []): number {
    const sql = this.ctx.storage.sql;
    for (const r of keyRows) {
      sql.exec(
        `INSERT INTO key_daily (day, key, requests, cost_usd, rate_limited, budget_rejected) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (day, key) DO UPDATE SET requests = requests + excluded.requests, cost_usd = cost_usd + excluded.cost_usd,
           rate_limited = rate_limited + excluded.rate_limited, budget_rejected = budget_rejected + excluded.budget_rejected`,
        r.day,
        r.key,
        r.requests,
        r.costUsd,
        r.rateLimited,
        r.budgetRejected,
      );
    }
    for (const r of rows) {
      sql.exec(
        `INSERT INTO daily (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (day, model, tier) DO UPDATE SET
           requests = requests + excluded.requests, with_usage = with_usage + excluded.with_usage,
           input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
           cached_input_tokens = cached_input_tokens + excluded.cached_input_tokens,
           cost_usd = cost_usd + excluded.cost_usd, baseline_cost_usd = baseline_cost_usd + excluded.baseline_cost_usd`,
        r.day,
        r.model,
        r.provider,
        r.tier,
        r.requests,
        r.withUsage,
        r.inputTokens,
        r.outputTokens,
        r.cachedInputTokens,
        r.costUsd,
        r.baselineCostUsd,
      );
    }
    const oldest = [...rows, ...keyRows].reduce((min, r) => (r.day < min ? r.day : min), "9999-12-31");
    if (oldest !== "9999-12-31") {
      const cutoff = new Date(Date.parse(`${oldest}T00:00:00Z`) - RETENTION_DAYS * 86_400_000)
        .toISOString()
        .slice(0, 10);
      sql.exec("DELETE FROM daily WHERE day < ?", cutoff);
      sql.exec("DELETE FROM key_daily WHERE day < ?", cutoff);
    }
    return rows.length + keyRows.length;
  }

  /** Per-key rows from `sinceDay` (inclusive) on. */
  keyRows(sinceDay: string): KeyStatsRow[] {
    const cursor = this.ctx.storage.sql.exec<Record<string, string | number>>(
      `SELECT day, key, requests, cost_usd, rate_limited, budget_rejected FROM key_daily WHERE day >= ? ORDER BY day, key`,
      sinceDay,
    );
    return [...cursor].map((r) => ({
      day: String(r.day),
      key: String(r.key),
      requests: Number(r.requests),
      costUsd: Number(r.cost_usd),
      rateLimited: Number(r.rate_limited),
      budgetRejected: Number(r.budget_rejected),
    }));
  }

  /** Rows from `sinceDay` (inclusive) on. */
  rows(sinceDay: string): StatsRow[] {
    const cursor = this.ctx.storage.sql.exec<Record<string, string | number>>(
      `SELECT ${COLUMNS} FROM daily WHERE day >= ? ORDER BY day, model, tier`,
      sinceDay,
    );
    return [...cursor].map((r) => ({
      day: String(r.day),
      model: String(r.model),
      provider: String(r.provider),
      tier: String(r.tier),
      requests: Number(r.requests),
      withUsage: Number(r.with_usage),
      inputTokens: Number(r.input_tokens),
      outputTokens: Number(r.output_tokens),
      cachedInputTokens: Number(r.cached_input_tokens),
      costUsd: Number(r.cost_usd),
      baselineCostUsd: Number(r.baseline_cost_usd),
    }));
  }
}
