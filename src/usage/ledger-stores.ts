// The two homes of a key's ledger (budget-ledger.ts LedgerStore): SQLite tables in the key's
// KeyUsage Durable Object, and plain maps for an isolate without that binding (local-ledger.ts).
import type { Hold, LedgerStore } from "./budget-ledger.ts";

export class SqlLedgerStore implements LedgerStore {
  private readonly sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.sql = sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS spend (day TEXT PRIMARY KEY, usd REAL NOT NULL)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS hold (
      id TEXT PRIMARY KEY, usd REAL NOT NULL, day TEXT NOT NULL, expires_at INTEGER NOT NULL, expired INTEGER NOT NULL)`);
  }

  addSpend(day: string, usd: number): void {
    if (!Number.isFinite(usd) || usd === 0) return;
    this.sql.exec(
      `INSERT INTO spend (day, usd) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET usd = usd + excluded.usd`,
      day,
      usd,
    );
  }

  private sum(where: string, arg: string): number {
    const rows = [...this.sql.exec<{ usd: number | null }>(`SELECT SUM(usd) AS usd FROM spend WHERE ${where}`, arg)];
    return Number(rows[0]?.usd ?? 0);
  }

  spendOnDay(day: string): number {
    return this.sum("day = ?", day);
  }

  spendInMonth(month: string): number {
    return this.sum("substr(day, 1, 7) = ?", month);
  }

  /** Forgets spend of days before `day` (the month's budget needs at most the last 31). */
  pruneSpendBefore(day: string): void {
    this.sql.exec(`DELETE FROM spend WHERE day < ?`, day);
  }

  holds(): Hold[] {
    return [
      ...this.sql.exec<{ id: string; usd: number; day: string; expires_at: number; expired: number }>(
        `SELECT id, usd, day, expires_at, expired FROM hold`,
      ),
    ].map((r) => ({ id: r.id, usd: r.usd, day: r.day, expiresAt: r.expires_at, expired: r.expired === 1 }));
  }

  putHold(hold: Hold): void {
    this.sql.exec(
      `INSERT INTO hold (id, usd, day, expires_at, expired) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET usd = excluded.usd, day = excluded.day, expires_at = excluded.expires_at,
         expired = excluded.expired`,
      hold.id,
      hold.usd,
      hold.day,
      hold.expiresAt,
      hold.expired ? 1 : 0,
    );
  }

  deleteHold(id: string): void {
    this.sql.exec(`DELETE FROM hold WHERE id = ?`, id);
  }
}

export class MemoryLedgerStore implements LedgerStore {
  private readonly spend = new Map<string, number>();
  private readonly held = new Map<string, Hold>();

  addSpend(day: string, usd: number): void {
    if (Number.isFinite(usd) && usd !== 0) this.spend.set(day, (this.spend.get(day) ?? 0) + usd);
  }

  spendOnDay(day: string): number {
    return this.spend.get(day) ?? 0;
  }

  spendInMonth(month: string): number {
    let usd = 0;
    for (const [day, amount] of this.spend) if (day.startsWith(month)) usd += amount;
    return usd;
  }

  holds(): Hold[] {
    return [...this.held.values()];
  }

  putHold(hold: Hold): void {
    this.held.set(hold.id, hold);
  }

  deleteHold(id: string): void {
    this.held.delete(id);
  }
}
