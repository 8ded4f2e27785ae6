// The KeyUsage arithmetic, shared by the Durable Object (key-usage-object.ts) and the isolate's
// LocalLedger, which stands in for it when the KEY_USAGE binding is missing (limits then hold per
// isolate) and in unit tests of the gate: a sync applies an isolate's deltas (spend, admitted
// requests) and returns the key's totals; reservations follow budget-ledger.ts.
import {
  budgetState,
  expireHolds,
  reserve,
  settle,
  type BudgetState,
  type LedgerStore,
  type ReserveRequest,
  type ReserveResult,
} from "./budget-ledger.ts";
import { MemoryLedgerStore } from "./ledger-stores.ts";
import { dayOf, monthOf, windowStart, type UsageDelta, type UsageSnapshot } from "./usage-types.ts";

interface RateWindow {
  start: number;
  period: number;
  requests: number;
}

export interface RateWindowStore {
  get(): RateWindow | undefined;
  set(window: RateWindow): void;
}

export function applyDelta(ledger: LedgerStore, rate: RateWindowStore, delta: UsageDelta): UsageSnapshot {
  for (const { day, usd } of delta.spend) if (Number.isFinite(usd) && usd > 0) ledger.addSpend(day, usd);
  let stored = rate.get();
  const window = delta.window;
  if (window) {
    const current = windowStart(delta.now, window.periodMs);
    if (!stored || stored.period !== window.periodMs || stored.start < current) {
      stored = { start: current, period: window.periodMs, requests: 0 };
    }
    // Requests from an older window no longer count against anything.
    if (window.start === stored.start) stored = { ...stored, requests: stored.requests + window.requests };
    rate.set(stored);
  }
  // A refresh without a window still reports the stored one, if it is the current one.
  const inWindow = stored !== undefined && stored.start === windowStart(delta.now, stored.period);
  const day = dayOf(delta.now);
  const month = monthOf(delta.now);
  return {
    windowStart: stored?.start ?? 0,
    windowRequests: inWindow ? stored!.requests : 0,
    day,
    daySpendUsd: ledger.spendOnDay(day),
    month,
    monthSpendUsd: ledger.spendInMonth(month),
  };
}

interface KeyState {
  ledger: MemoryLedgerStore;
  window: RateWindow | undefined;
}

export class LocalLedger {
  private readonly states = new Map<string, KeyState>();

  private state(id: string): KeyState {
    let state = this.states.get(id);
    if (!state) this.states.set(id, (state = { ledger: new MemoryLedgerStore(), window: undefined }));
    return state;
  }

  sync(id: string, delta: UsageDelta): UsageSnapshot {
    const state = this.state(id);
    return applyDelta(state.ledger, { get: () => state.window, set: (w) => (state.window = w) }, delta);
  }

  reserve(id: string, request: ReserveRequest): ReserveResult {
    return reserve(this.state(id).ledger, request);
  }

  settle(id: string, request: { id: string; now: number; costUsd: number }): BudgetState {
    return settle(this.state(id).ledger, request);
  }

  budget(id: string, now: number): BudgetState {
    const { ledger } = this.state(id);
    expireHolds(ledger, now);
    return budgetState(ledger, now);
  }
}
