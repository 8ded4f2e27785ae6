// What isolates send to a key's KeyUsage Durable Object (deltas since their last sync) and what
// they get back (the key's totals in the current windows, including every isolate's deltas).

export interface UsageDelta {
  /** The sender's clock (ms): decides which day, month and rate window are "current". */
  now: number;
  /** Requests admitted in the rate window starting at `windowStart` (only with a rate limit). */
  window?: { start: number; periodMs: number; requests: number };
  /** Spend per UTC day (YYYY-MM-DD). */
  spend: { day: string; usd: number }[];
}

export interface UsageSnapshot {
  windowStart: number;
  windowRequests: number;
  day: string;
  daySpendUsd: number;
  month: string;
  monthSpendUsd: number;
}

const DAY_MS = 86_400_000;
let cachedDay = { start: 0, label: "1970-01-01" };
/** The UTC day of `ms` as YYYY-MM-DD (every request asks: the label is kept for the day). */
export function dayOf(ms: number): string {
  const start = Math.floor(ms / DAY_MS) * DAY_MS;
  if (start !== cachedDay.start) cachedDay = { start, label: new Date(start).toISOString().slice(0, 10) };
  return cachedDay.label;
}
export const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);
export const windowStart = (ms: number, periodMs: number) => Math.floor(ms / periodMs) * periodMs;

/** Whole seconds (at least 1) until the next UTC midnight. */
export function secondsToNextDay(ms: number): number {
  const next = Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth(), new Date(ms).getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - ms) / 1000));
}

/** Whole seconds (at least 1) until the first instant of the next UTC month. */
export function secondsToNextMonth(ms: number): number {
  const date = new Date(ms);
  const next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  return Math.max(1, Math.ceil((next - ms) / 1000));
}
