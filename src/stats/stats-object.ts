// RouterStats: a Durable Object (SQLite storage) holding the usage aggregates behind
// GET /v1/router/stats and the dashboard. One instance per deployment ("global"); isolates send it
// pre-aggregated batches (stats-buffer.ts), so its write rate is per flush, not per request.
// Tables: `daily` (day × model × tier, 400 days), `key_daily` (day × client key, 400 days), `minutely` (minute × tier, two days) and
// `recent` (the last RECENT_DECISIONS decisions: a bounded ring, no prompt text).
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import {
  RECENT_DECISIONS,
  type ChargeRow,
  type DecisionEntry,
  type KeyStatsRow,
  type MinuteRow,
  type StatsRow,
} from "./stats-types.ts";

/** Days of history kept. */
const RETENTION_DAYS = 400;
/** Minutes of per-minute history kept. */
const MINUTE_RETENTION = 2 * 24 * 60;

export interface RecordExtras {
  minutes?: MinuteRow[];
  decisions?: DecisionEntry[];
  charges?: ChargeRow[];
}

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
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS minutely (
      minute INTEGER NOT NULL, tier TEXT NOT NULL, requests INTEGER NOT NULL, with_usage INTEGER NOT NULL,
      cost_usd REAL NOT NULL, baseline_cost_usd REAL NOT NULL, PRIMARY KEY (minute, tier))`);
    ctx.storage.sql.exec(
      `CREATE TABLE IF NOT EXISTS recent (id INTEGER PRIMARY KEY AUTOINCREMENT, entry TEXT NOT NULL)`,
    );
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS charges (
      day TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, basis TEXT NOT NULL,
      attempts INTEGER NOT NULL, cost_usd REAL NOT NULL, PRIMARY KEY (day, key, kind, basis))`);
  }

  /** Adds a batch of rows, per-key rows, per-minute rows and decisions (RPC from the Worker). */
  record(rows: StatsRow[], keyRows: KeyStatsRow[] = [], extras: RecordExtras = {}): number {
    const sql = this.ctx.storage.sql;
    this.recordKeyRows(keyRows);
    this.recordMinutes(extras.minutes ?? []);
    this.recordDecisions(extras.decisions ?? []);
    this.recordCharges(extras.charges ?? []);
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
      sql.exec("DELETE FROM charges WHERE day < ?", cutoff);
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

  /** Charge rows (what attempts cost, by kind) from `sinceDay` (inclusive) on. */
  chargeRows(sinceDay: string): ChargeRow[] {
    const cursor = this.ctx.storage.sql.exec<Record<string, string | number>>(
      `SELECT day, key, kind, basis, attempts, cost_usd FROM charges WHERE day >= ? ORDER BY day, key, kind, basis`,
      sinceDay,
    );
    return [...cursor].map((r) => ({
      day: String(r.day),
      key: String(r.key),
      kind: String(r.kind),
      basis: String(r.basis),
      attempts: Number(r.attempts),
      costUsd: Number(r.cost_usd),
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

  /** Per-minute rows from `sinceMinute` (Unix minutes) on. */
  minutes(sinceMinute: number): MinuteRow[] {
    const cursor = this.ctx.storage.sql.exec<Record<string, string | number>>(
      `SELECT minute, tier, requests, with_usage, cost_usd, baseline_cost_usd FROM minutely
       WHERE minute >= ? ORDER BY minute, tier`,
      sinceMinute,
    );
    return [...cursor].map((r) => ({
      minute: Number(r.minute),
      tier: String(r.tier),
      requests: Number(r.requests),
      withUsage: Number(r.with_usage),
      costUsd: Number(r.cost_usd),
      baselineCostUsd: Number(r.baseline_cost_usd),
    }));
  }

  /** Everything the dashboard shows, in one call: daily rows, per-minute rows, recent decisions. */
  dashboard(sinceDay: string, sinceMinute: number, limit: number) {
    return { rows: this.rows(sinceDay), minutes: this.minutes(sinceMinute), recent: this.recent(limit) };
  }

  /** The latest decisions, newest first. */
  recent(limit: number = RECENT_DECISIONS): DecisionEntry[] {
    const cursor = this.ctx.storage.sql.exec<{ entry: string }>(
      "SELECT entry FROM recent ORDER BY id DESC LIMIT ?",
      Math.max(1, Math.min(limit, RECENT_DECISIONS)),
    );
    return [...cursor].map((r) => JSON.parse(r.entry) as DecisionEntry);
  }

  private recordKeyRows(keyRows: KeyStatsRow[]): void {
    for (const r of keyRows) {
      this.ctx.storage.sql.exec(
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
  }

  private recordCharges(charges: ChargeRow[]): void {
    for (const r of charges) {
      this.ctx.storage.sql.exec(
        `INSERT INTO charges (day, key, kind, basis, attempts, cost_usd) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (day, key, kind, basis) DO UPDATE SET attempts = attempts + excluded.attempts,
           cost_usd = cost_usd + excluded.cost_usd`,
        r.day,
        r.key,
        r.kind,
        r.basis,
        r.attempts,
        r.costUsd,
      );
    }
  }

  private recordMinutes(minutes: MinuteRow[]): void {
    if (minutes.length === 0) return;
    const sql = this.ctx.storage.sql;
    for (const m of minutes) {
      sql.exec(
        `INSERT INTO minutely (minute, tier, requests, with_usage, cost_usd, baseline_cost_usd) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (minute, tier) DO UPDATE SET requests = requests + excluded.requests,
           with_usage = with_usage + excluded.with_usage, cost_usd = cost_usd + excluded.cost_usd,
           baseline_cost_usd = baseline_cost_usd + excluded.baseline_cost_usd`,
        m.minute,
        m.tier,
        m.requests,
        m.withUsage,
        m.costUsd,
        m.baselineCostUsd,
      );
    }
    const newest = minutes.reduce((max, m) => Math.max(max, m.minute), 0);
    sql.exec("DELETE FROM minutely WHERE minute < ?", newest - MINUTE_RETENTION);
  }

  private recordDecisions(decisions: DecisionEntry[]): void {
    if (decisions.length === 0) return;
    const sql = this.ctx.storage.sql;
    for (const d of decisions.slice(-RECENT_DECISIONS))
      sql.exec("INSERT INTO recent (entry) VALUES (?)", JSON.stringify(d));
    // A bounded ring: keep the newest RECENT_DECISIONS rows.
    sql.exec("DELETE FROM recent WHERE id <= (SELECT MAX(id) FROM recent) - ?", RECENT_DECISIONS);
  }
}
