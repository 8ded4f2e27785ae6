// Batches usage rows per isolate and sends them to the RouterStats Durable Object off the hot
// path. The first request that adds a row schedules a flush with its ctx.waitUntil; the flush
// waits FLUSH_DELAY_MS first, so a busy isolate makes about one RPC per second instead of one per
// request (that RPC and its SQLite writes cost more CPU than routing a request; see
// docs/benchmarks.md). Rows that arrive meanwhile ride along, pre-aggregated by day × model × tier
// and minute × tier, with the latest decisions for the dashboard. A failed flush keeps its rows
// for the next one. drainStats skips the wait (the stats and dashboard routes read fresh data).
import type { Env } from "../env";
import {
  addMinute,
  addRow,
  minuteKey,
  RECENT_DECISIONS,
  rowKey,
  type DecisionEntry,
  type MinuteRow,
  type StatsRow,
} from "./stats-types";

export const FLUSH_DELAY_MS = 1_000;
/** Cap on rows held when the Durable Object keeps failing (memory bound). */
const MAX_PENDING = 5_000;

const pending = new Map<string, StatsRow>();
const pendingMinutes = new Map<string, MinuteRow>();
let pendingDecisions: DecisionEntry[] = [];
let flushing: Promise<void> | undefined;
let wake: (() => void) | undefined;
let reportedMissing = false;

function statsStub(env: Env) {
  const namespace = env.ROUTER_STATS;
  return namespace ? namespace.get(namespace.idFromName("global")) : undefined;
}

/** Sleeps `ms`, or less if drainStats wakes it. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    wake = () => {
      clearTimeout(timer);
      done();
    };
    function done() {
      wake = undefined;
      resolve();
    }
  });
}

async function flushLoop(env: Env, delayMs: number): Promise<void> {
  const stub = statsStub(env);
  try {
    if (delayMs > 0) await pause(delayMs);
    while ((pending.size > 0 || pendingDecisions.length > 0) && stub) {
      const rows = [...pending.values()];
      const minutes = [...pendingMinutes.values()];
      const decisions = pendingDecisions;
      pending.clear();
      pendingMinutes.clear();
      pendingDecisions = [];
      try {
        await stub.record(rows, { minutes, decisions });
      } catch (error) {
        for (const row of rows) addPending(row);
        for (const minute of minutes) addPendingMinute(minute);
        pendingDecisions = [...decisions, ...pendingDecisions].slice(-RECENT_DECISIONS);
        console.error(
          JSON.stringify({ level: "error", event: "stats_flush_failed", rows: rows.length, error: String(error) }),
        );
        return;
      }
    }
  } finally {
    flushing = undefined;
  }
}

function addPending(row: StatsRow): void {
  const key = rowKey(row);
  const existing = pending.get(key);
  if (existing) addRow(existing, row);
  else if (pending.size < MAX_PENDING) pending.set(key, { ...row });
}

function addPendingMinute(row: MinuteRow): void {
  const key = minuteKey(row);
  const existing = pendingMinutes.get(key);
  if (existing) addMinute(existing, row);
  else if (pendingMinutes.size < MAX_PENDING) pendingMinutes.set(key, { ...row });
}

export function enqueueStats(
  env: Env,
  waitUntil: (promise: Promise<unknown>) => void,
  row: StatsRow,
  decision?: DecisionEntry,
): void {
  if (!env.ROUTER_STATS) {
    if (!reportedMissing) {
      reportedMissing = true;
      console.error(JSON.stringify({ level: "error", event: "stats_binding_missing", binding: "ROUTER_STATS" }));
    }
    return;
  }
  addPending(row);
  if (decision) {
    addPendingMinute({
      minute: Math.floor(decision.at / 60_000),
      tier: row.tier,
      requests: row.requests,
      withUsage: row.withUsage,
      costUsd: row.costUsd,
      baselineCostUsd: row.baselineCostUsd,
    });
    pendingDecisions.push(decision);
    if (pendingDecisions.length > RECENT_DECISIONS) pendingDecisions.shift();
  }
  if (!flushing) {
    flushing = flushLoop(env, FLUSH_DELAY_MS);
    waitUntil(flushing);
  }
}

/** Resolves once nothing is pending or in flight: skips a scheduled flush's wait. */
export async function drainStats(env: Env): Promise<void> {
  while (flushing || ((pending.size > 0 || pendingDecisions.length > 0) && env.ROUTER_STATS)) {
    wake?.();
    await (flushing ?? (flushing = flushLoop(env, 0)));
  }
}
