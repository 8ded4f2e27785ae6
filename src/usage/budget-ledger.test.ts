import { describe, expect, it } from "vitest";
import { budgetState, HOLD_TTL_MS, reserve, settle } from "./budget-ledger.ts";
import { MemoryLedgerStore } from "./ledger-stores.ts";

const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);
const ask = (id: string, wantUsd: number, minUsd = 0.001, now = T0) => ({
  id,
  now,
  wantUsd,
  minUsd,
  limits: { daily: 1 },
});

describe("budget reservations", () => {
  it("never grant more in total than the budget has, however many arrive at once", () => {
    const store = new MemoryLedgerStore();
    let granted = 0;
    const results = Array.from({ length: 50 }, (_, i) => reserve(store, ask(`r${i}`, 0.07)));
    for (const r of results) if (r.ok) granted += r.grantedUsd;
    expect(granted).toBeLessThanOrEqual(1 + 1e-12);
    expect(results.filter((r) => r.ok)).toHaveLength(15); // 14 × 0.07, then the last 0.02
    const refused = results.find((r) => !r.ok)!;
    expect(refused).toMatchObject({ ok: false, window: "daily" });
  });

  it("grants what is left (at least the minimum) when the whole wish does not fit", () => {
    const store = new MemoryLedgerStore();
    store.addSpend("2026-11-27", 0.9);
    const r = reserve(store, ask("a", 5, 0.05));
    expect(r.ok && r.grantedUsd).toBeCloseTo(0.1, 12);
    expect(reserve(store, ask("b", 5, 0.05)).ok).toBe(false);
  });

  it("settles a reservation with the actual cost, freeing the rest", () => {
    const store = new MemoryLedgerStore();
    reserve(store, ask("a", 0.6));
    const state = settle(store, { id: "a", now: T0 + 1000, costUsd: 0.2 });
    expect(state.day).toEqual({ spentUsd: 0.2, reservedUsd: 0 });
    const next = reserve(store, ask("b", 5));
    expect(next.ok && next.grantedUsd).toBeCloseTo(0.8, 12);
  });

  it("books an unsettled reservation at its full amount when it expires, and a late settle corrects it", () => {
    const store = new MemoryLedgerStore();
    reserve(store, ask("lost", 0.5));
    const later = T0 + HOLD_TTL_MS + 1;
    expect(budgetState(store, later).day).toMatchObject({ reservedUsd: 0.5 });
    reserve(store, ask("next", 0.01, 0.001, later)); // any call expires it
    expect(budgetState(store, later).day.spentUsd).toBeCloseTo(0.5, 12);
    settle(store, { id: "lost", now: later + 1, costUsd: 0.1 });
    expect(budgetState(store, later + 1).day.spentUsd).toBeCloseTo(0.1, 12);
  });

  it("checks the monthly window too, and reports the tighter one", () => {
    const store = new MemoryLedgerStore();
    store.addSpend("2026-11-03", 9.5);
    const r = reserve(store, { id: "m", now: T0, wantUsd: 2, minUsd: 0.6, limits: { daily: 5, monthly: 10 } });
    expect(r).toMatchObject({ ok: false, window: "monthly" });
    expect(r.ok === false && r.availableUsd).toBeCloseTo(0.5, 12);
  });
});
