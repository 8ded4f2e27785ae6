// KeyUsage: one Durable Object (SQLite) per client key — the key's own object. It is the authority
// on the key's rate-limit window and spend per UTC day (isolates admit requests from their own view
// and send deltas here after the response, usage-gate.ts, so it sees one call per sync, not one per
// request), and the one writer of the key's record (admin changes are applied here, one at a time;
// KV holds a replica, auth/key-authority.ts).
import { DurableObject } from "cloudflare:workers";
import { applyKeyChange, type KeyChange, type KeyChangeResult } from "../auth/key-change";
import type { KeyRecord } from "../auth/key-record";
import type { Env } from "../env";
import { dayOf, monthOf, windowStart, type UsageDelta, type UsageSnapshot } from "./usage-types";

/** Days of spend kept: enough for the current and the previous month. */
const RETENTION_DAYS = 62;

export class KeyUsage extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS spend (day TEXT PRIMARY KEY, usd REAL NOT NULL)`);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS rate_window (
      id INTEGER PRIMARY KEY CHECK (id = 1), start INTEGER NOT NULL, period INTEGER NOT NULL, requests INTEGER NOT NULL)`);
  }

  /**
   * The key's record. A key created before this object kept records exists only in KV: the caller
   * passes that copy (`adopt`) and it becomes the object's own on first use.
   */
  async readKey(adopt?: KeyRecord): Promise<KeyRecord | null> {
    const stored = await this.ctx.storage.get<KeyRecord>("record");
    if (stored) return stored;
    if (!adopt) return null;
    await this.ctx.storage.put("record", adopt);
    return adopt;
  }

  /** Applies one admin change; changes to one key are serialised here, so none is lost. */
  async changeKey(change: KeyChange, adopt?: KeyRecord): Promise<KeyChangeResult> {
    const current = (await this.readKey(adopt)) ?? undefined;
    const result = applyKeyChange(current, change);
    if (result.ok) await this.ctx.storage.put("record", result.record);
    return result;
  }

  /** Adds a delta and returns the key's totals as of `delta.now` (RPC from the Worker). */
  sync(delta: UsageDelta): UsageSnapshot {
    const sql = this.ctx.storage.sql;
    for (const { day, usd } of delta.spend) {
      if (!Number.isFinite(usd) || usd <= 0) continue;
      sql.exec(
        `INSERT INTO spend (day, usd) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET usd = usd + excluded.usd`,
        day,
        usd,
      );
    }
    let stored = [
      ...sql.exec<{ start: number; period: number; requests: number }>(
        `SELECT start, period, requests FROM rate_window`,
      ),
    ][0];
    const window = delta.window;
    if (window) {
      const current = windowStart(delta.now, window.periodMs);
      if (!stored || stored.period !== window.periodMs || stored.start < current) {
        stored = { start: current, period: window.periodMs, requests: 0 };
      }
      // Requests from an older window no longer count against anything.
      if (window.start === stored.start) stored.requests += window.requests;
      sql.exec(
        `INSERT INTO rate_window (id, start, period, requests) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET start = excluded.start, period = excluded.period, requests = excluded.requests`,
        stored.start,
        stored.period,
        stored.requests,
      );
    }
    const day = dayOf(delta.now);
    const month = monthOf(delta.now);
    const cutoff = dayOf(delta.now - RETENTION_DAYS * 86_400_000);
    sql.exec(`DELETE FROM spend WHERE day < ?`, cutoff);
    const sum = (where: string, arg: string) =>
      Number(
        [...sql.exec<{ usd: number | null }>(`SELECT SUM(usd) AS usd FROM spend WHERE ${where}`, arg)][0]?.usd ?? 0,
      );
    // A refresh without a window still reports the stored one, if it is the current one.
    const inWindow = stored !== undefined && stored.start === windowStart(delta.now, stored.period);
    return {
      windowStart: stored?.start ?? 0,
      windowRequests: inWindow ? stored!.requests : 0,
      day,
      daySpendUsd: sum("day = ?", day),
      month,
      monthSpendUsd: sum("substr(day, 1, 7) = ?", month),
    };
  }
}
