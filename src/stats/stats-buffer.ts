// Batches usage rows per isolate and sends them to the RouterStats Durable Object off the hot
// path. The first request that adds a row schedules a flush with its ctx.waitUntil; the flush
// waits a moment first (util/background-flush.ts), so a busy isolate makes about one RPC per second instead of one per
// request (that RPC and its SQLite writes cost more CPU than routing a request; see
// docs/benchmarks.md). Rows that arrive meanwhile ride along, pre-aggregated by day × model × tier,
// day × client key and minute × tier, with the latest decisions for the dashboard. A failed flush
// keeps its rows for the next one. drainStats skips the wait (the stats and dashboard routes read
// fresh data).
import type { Env } from "../env.ts";
import { RouterError } from "../errors.ts";
import { WakeableDelay } from "../util/background-flush.ts";
import { flushDelayMs } from "./flush-delay.ts";
import {
  addChargeRow,
  addKeyRow,
  addMinute,
  addRow,
  chargeRowKey,
  keyRowKey,
  minuteKey,
  RECENT_DECISIONS,
  rowKey,
  type ChargeRow,
  type DecisionEntry,
  type KeyStatsRow,
  type MinuteRow,
  type StatsRow,
} from "./stats-types.ts";

/** Cap on rows held when the Durable Object keeps failing (memory bound). */
const MAX_PENDING = 5_000;

const pending = new Map<string, StatsRow>();
const pendingKeys = new Map<string, KeyStatsRow>();
const pendingMinutes = new Map<string, MinuteRow>();
const pendingCharges = new Map<string, ChargeRow>();
let pendingDecisions: DecisionEntry[] = [];
let flushing: Promise<void> | undefined;
const delay = new WakeableDelay();
let reportedMissing = false;

const hasPending = () =>
  pending.size > 0 || pendingKeys.size > 0 || pendingDecisions.length > 0 || pendingCharges.size > 0;

function statsStub(env: Env) {
  const namespace = env.ROUTER_STATS;
  return namespace ? namespace.get(namespace.idFromName("global")) : undefined;
}

/** The global stats object for a read endpoint, or the 501 that says how to configure it. */
export function requireStatsStub(env: Env) {
  const stub = statsStub(env);
  if (!stub) {
    throw new RouterError("Stats are not configured: bind the RouterStats Durable Object as ROUTER_STATS.", {
      status: 501,
      type: "api_error",
      code: "stats_unavailable",
    });
  }
  return stub;
}

async function flushLoop(env: Env, delayMs: number): Promise<void> {
  const stub = statsStub(env);
  try {
    await delay.sleep(delayMs);
    while (hasPending() && stub) {
      const rows = [...pending.values()];
      const keyRows = [...pendingKeys.values()];
      const minutes = [...pendingMinutes.values()];
      const charges = [...pendingCharges.values()];
      const decisions = pendingDecisions;
      pending.clear();
      pendingKeys.clear();
      pendingMinutes.clear();
      pendingCharges.clear();
      pendingDecisions = [];
      try {
        await stub.record(rows, keyRows, { minutes, decisions, charges });
      } catch (error) {
        for (const row of rows) addPending(row);
        for (const row of keyRows) addPendingKey(row);
        for (const minute of minutes) addPendingMinute(minute);
        for (const charge of charges) addPendingCharge(charge);
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

function addPendingKey(row: KeyStatsRow): void {
  const key = keyRowKey(row);
  const existing = pendingKeys.get(key);
  if (existing) addKeyRow(existing, row);
  else if (pendingKeys.size < MAX_PENDING) pendingKeys.set(key, { ...row });
}

function addPendingCharge(row: ChargeRow): void {
  const key = chargeRowKey(row);
  const existing = pendingCharges.get(key);
  if (existing) addChargeRow(existing, row);
  else if (pendingCharges.size < MAX_PENDING) pendingCharges.set(key, { ...row });
}

function addPendingMinute(row: MinuteRow): void {
  const key = minuteKey(row);
  const existing = pendingMinutes.get(key);
  if (existing) addMinute(existing, row);
  else if (pendingMinutes.size < MAX_PENDING) pendingMinutes.set(key, { ...row });
}

function bound(env: Env): boolean {
  if (env.ROUTER_STATS) return true;
  if (!reportedMissing) {
    reportedMissing = true;
    console.error(JSON.stringify({ level: "error", event: "stats_binding_missing", binding: "ROUTER_STATS" }));
  }
  return false;
}

function scheduleFlush(env: Env, waitUntil: (promise: Promise<unknown>) => void): void {
  if (!flushing) {
    flushing = flushLoop(env, flushDelayMs(env));
    waitUntil(flushing);
  }
}

export function enqueueStats(
  env: Env,
  waitUntil: (promise: Promise<unknown>) => void,
  row: StatsRow,
  decision?: DecisionEntry,
): void {
  if (!bound(env)) return;
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
  scheduleFlush(env, waitUntil);
}

/** Adds to a client key's row of the day (fields left out count 0). */
export function enqueueKeyStats(
  env: Env,
  waitUntil: (promise: Promise<unknown>) => void,
  row: Pick<KeyStatsRow, "day" | "key"> & Partial<KeyStatsRow>,
): void {
  if (!bound(env)) return;
  addPendingKey({ requests: 0, costUsd: 0, rateLimited: 0, budgetRejected: 0, ...row });
  scheduleFlush(env, waitUntil);
}

/** Adds what upstream attempts cost, by kind and basis (pricing/charges.ts). */
export function enqueueCharges(env: Env, waitUntil: (promise: Promise<unknown>) => void, rows: ChargeRow[]): void {
  if (!bound(env) || rows.length === 0) return;
  for (const row of rows) addPendingCharge(row);
  scheduleFlush(env, waitUntil);
}

/** Resolves once nothing is pending or in flight: skips a scheduled flush's wait. */
export async function drainStats(env: Env): Promise<void> {
  // Bounded: when the Durable Object keeps failing, the rows stay pending and the caller goes on
  // (an unbounded loop here would spin the isolate's CPU for as long as the outage lasts).
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!flushing && !(hasPending() && env.ROUTER_STATS)) return;
    delay.wake();
    await (flushing ?? (flushing = flushLoop(env, 0)));
  }
}
