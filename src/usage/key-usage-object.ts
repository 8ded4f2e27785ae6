// KeyUsage: one Durable Object (SQLite) per client key — the key's own object. It is the authority
// on the key's rate-limit window and spend per UTC day (isolates admit requests from their own view
// and send deltas here after the response, usage-gate.ts, so it sees one call per sync, not one per
// request), and the one writer of the key's record (admin changes are applied here, one at a time;
// KV holds a replica, auth/key-authority.ts).
import { DurableObject } from "cloudflare:workers";
import { applyKeyChange, type KeyChange, type KeyChangeResult } from "../auth/key-change.ts";
import type { KeyRecord } from "../auth/key-record.ts";
import type { Env } from "../env.ts";
import type { StrongShareObservation } from "../select/strong-share-guard.ts";
import {
  initialState,
  observe,
  type StrongShareConfig,
  type StrongShareState,
} from "../select/strong-share-monitor.ts";
import {
  budgetState,
  expireHolds,
  reserve,
  settle,
  type BudgetState,
  type ReserveRequest,
  type ReserveResult,
} from "./budget-ledger.ts";
import { SqlLedgerStore } from "./ledger-stores.ts";
import { applyDelta, type RateWindowStore } from "./local-ledger.ts";
import { dayOf, type UsageDelta, type UsageSnapshot } from "./usage-types.ts";

/** Days of spend kept: enough for the current and the previous month. */
const RETENTION_DAYS = 62;

export class KeyUsage extends DurableObject<Env> {
  private readonly ledger: SqlLedgerStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.ledger = new SqlLedgerStore(ctx.storage.sql);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS rate_window (
      id INTEGER PRIMARY KEY CHECK (id = 1), start INTEGER NOT NULL, period INTEGER NOT NULL, requests INTEGER NOT NULL)`);
  }

  /**
   * The key's record. A key created before this object kept records exists only in KV: the caller
   * passes that copy (`adopt`) and it becomes the object's own on first use.
   */
  readKey(adopt?: KeyRecord): KeyRecord | null {
    const stored = this.ctx.storage.kv.get<KeyRecord>("record");
    if (stored) return stored;
    if (!adopt) return null;
    this.ctx.storage.kv.put("record", adopt);
    return adopt;
  }

  /**
   * Applies one admin change. Synchronous storage, no await between the read and the write: no
   * other call can run in between, so concurrent changes apply one after another and none is lost.
   */
  changeKey(change: KeyChange, adopt?: KeyRecord): KeyChangeResult {
    const result = applyKeyChange(this.readKey(adopt) ?? undefined, change);
    if (result.ok) this.ctx.storage.kv.put("record", result.record);
    return result;
  }

  /** Reserves a request's worst-case cost against the key's budgets (budget-ledger.ts). */
  reserve(request: ReserveRequest): ReserveResult {
    return reserve(this.ledger, request);
  }

  /** Replaces a reservation by the request's actual cost. */
  settle(request: { id: string; now: number; costUsd: number }): BudgetState {
    return settle(this.ledger, request);
  }

  /** Spend and open reservations today and this month (stats). */
  budget(now: number): BudgetState {
    expireHolds(this.ledger, now);
    return budgetState(this.ledger, now);
  }

  /**
   * The strong-share monitor's state for this key, after the observations an isolate sends (in
   * arrival order across isolates: usage/strong-share-store.ts).
   */
  strongShare(observations: StrongShareObservation[], config: StrongShareConfig): StrongShareState {
    const kv = this.ctx.storage.kv;
    let state = kv.get<StrongShareState>("strong_share") ?? initialState(config);
    for (const o of observations) state = observe(state, o.top, o.served, config);
    if (observations.length > 0) kv.put("strong_share", state);
    return state;
  }

  /** Adds a delta and returns the key's totals as of `delta.now` (RPC from the Worker). */
  sync(delta: UsageDelta): UsageSnapshot {
    this.ledger.pruneSpendBefore(dayOf(delta.now - RETENTION_DAYS * 86_400_000));
    return applyDelta(this.ledger, this.rateWindow(), delta);
  }

  /** The stored rate window, and where to write it back. */
  private rateWindow(): RateWindowStore {
    const sql = this.ctx.storage.sql;
    return {
      get: () =>
        [
          ...sql.exec<{ start: number; period: number; requests: number }>(
            `SELECT start, period, requests FROM rate_window`,
          ),
        ][0],
      set: (w) =>
        sql.exec(
          `INSERT INTO rate_window (id, start, period, requests) VALUES (1, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET start = excluded.start, period = excluded.period, requests = excluded.requests`,
          w.start,
          w.period,
          w.requests,
        ),
    };
  }
}
