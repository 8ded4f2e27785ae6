// Budget reservations, decided in one place: the key's KeyUsage Durable Object (or, without the
// binding, the isolate's LocalLedger). Pure over a small store, so both run the same arithmetic.
//
// A request reserves its worst-case cost before any upstream call: what it asks for (`want`), at
// least `min` (its input and a few output tokens on the cheapest model), at most what the tightest
// budget window has left after spend and every other open reservation — so parallel requests can
// never together spend more than the budget. It settles with its actual cost, which replaces the
// reservation. A reservation never settled (its isolate died) turns into spend of its full amount
// when it expires — the safe side — and a settle arriving later corrects that to the actual cost.
import { dayOf, monthOf } from "./usage-types.ts";

export interface Hold {
  id: string;
  usd: number;
  /** UTC day it counts against. */
  day: string;
  expiresAt: number;
  /** Expired unsettled: its amount was booked as spend. */
  expired: boolean;
}

/** What the ledger needs from storage (SQLite in the Durable Object, maps in memory). */
export interface LedgerStore {
  addSpend(day: string, usd: number): void;
  spendOnDay(day: string): number;
  spendInMonth(month: string): number;
  holds(): Hold[];
  putHold(hold: Hold): void;
  deleteHold(id: string): void;
}

export interface BudgetLimits {
  daily?: number | undefined;
  monthly?: number | undefined;
}

export interface BudgetWindowState {
  spentUsd: number;
  reservedUsd: number;
}

export interface BudgetState {
  day: BudgetWindowState;
  month: BudgetWindowState;
}

export type ReserveResult =
  | { ok: true; grantedUsd: number; state: BudgetState }
  | { ok: false; availableUsd: number; window: "daily" | "monthly"; state: BudgetState };

/** Reservations older than this are assumed lost (their isolate died) and booked at their full amount. */
export const HOLD_TTL_MS = 30 * 60_000;
/** Expired holds are kept this long so that a late settle can correct them. */
const EXPIRED_KEPT_MS = 2 * 86_400_000;

/** Books unsettled holds past their expiry as spend, and forgets long-expired ones. */
export function expireHolds(store: LedgerStore, now: number): void {
  for (const hold of store.holds()) {
    if (!hold.expired && hold.expiresAt <= now) {
      store.addSpend(hold.day, hold.usd);
      store.putHold({ ...hold, expired: true });
    } else if (hold.expired && hold.expiresAt + EXPIRED_KEPT_MS <= now) {
      store.deleteHold(hold.id);
    }
  }
}

export function budgetState(store: LedgerStore, now: number): BudgetState {
  const day = dayOf(now);
  const month = monthOf(now);
  const open = store.holds().filter((hold) => !hold.expired);
  const sum = (holds: Hold[]) => holds.reduce((total, hold) => total + hold.usd, 0);
  return {
    day: { spentUsd: store.spendOnDay(day), reservedUsd: sum(open.filter((h) => h.day === day)) },
    month: { spentUsd: store.spendInMonth(month), reservedUsd: sum(open.filter((h) => h.day.startsWith(month))) },
  };
}

export interface ReserveRequest {
  id: string;
  now: number;
  wantUsd: number;
  minUsd: number;
  limits: BudgetLimits;
}

export function reserve(store: LedgerStore, request: ReserveRequest): ReserveResult {
  expireHolds(store, request.now);
  const state = budgetState(store, request.now);
  const windows: { window: "daily" | "monthly"; available: number }[] = [];
  if (request.limits.daily !== undefined) {
    windows.push({ window: "daily", available: request.limits.daily - state.day.spentUsd - state.day.reservedUsd });
  }
  if (request.limits.monthly !== undefined) {
    const { spentUsd, reservedUsd } = state.month;
    windows.push({ window: "monthly", available: request.limits.monthly - spentUsd - reservedUsd });
  }
  const tightest = windows.reduce<(typeof windows)[number] | undefined>(
    (a, b) => (a === undefined || b.available < a.available ? b : a),
    undefined,
  );
  const available = tightest ? Math.max(0, tightest.available) : Infinity;
  if (tightest && available < request.minUsd) {
    return { ok: false, availableUsd: available, window: tightest.window, state };
  }
  const grantedUsd = Math.min(request.wantUsd, available);
  const hold = { id: request.id, usd: grantedUsd, day: dayOf(request.now), expiresAt: request.now + HOLD_TTL_MS };
  store.putHold({ ...hold, expired: false });
  return {
    ok: true,
    grantedUsd,
    state: {
      day: { ...state.day, reservedUsd: state.day.reservedUsd + grantedUsd },
      month: { ...state.month, reservedUsd: state.month.reservedUsd + grantedUsd },
    },
  };
}

/** Replaces a reservation by its actual cost (or, with no reservation, just books the cost). */
export function settle(store: LedgerStore, request: { id: string; now: number; costUsd: number }): BudgetState {
  expireHolds(store, request.now);
  const hold = store.holds().find((h) => h.id === request.id);
  const cost = Number.isFinite(request.costUsd) && request.costUsd > 0 ? request.costUsd : 0;
  if (hold) store.deleteHold(hold.id);
  // An expired hold was booked at its full amount: book only the difference (a refund when less).
  const booked = hold?.expired ? cost - hold.usd : cost;
  if (booked !== 0) store.addSpend(hold?.day ?? dayOf(request.now), booked);
  return budgetState(store, request.now);
}
