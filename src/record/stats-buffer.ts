// Batches usage rows per isolate and sends them to the RouterStats Durable Object off the hot
// path. The first request that adds a row schedules a flush with its ctx.waitUntil; rows that
// arrive while a flush is in flight ride on the next loop of the same flush (one RPC per loop,
// rows pre-aggregated by day × model × tier, and by day × client key). A failed flush keeps its
// rows for the next one.
import type { Env } from "../env";
import { addKeyRow, addRow, keyRowKey, rowKey, type KeyStatsRow, type StatsRow } from "./stats-types";

const pending = new Map<string, StatsRow>();
const pendingKeys = new Map<string, KeyStatsRow>();
let flushing: Promise<void> | undefined;
let reportedMissing = false;
/** Cap on rows held when the Durable Object keeps failing (memory bound). */
const MAX_PENDING = 5_000;

function statsStub(env: Env) {
  const namespace = env.ROUTER_STATS;
  return namespace ? namespace.get(namespace.idFromName("global")) : undefined;
}

async function flushLoop(env: Env): Promise<void> {
  const stub = statsStub(env);
  try {
    while ((pending.size > 0 || pendingKeys.size > 0) && stub) {
      const batch = [...pending.values()];
      const keyBatch = [...pendingKeys.values()];
      pending.clear();
      pendingKeys.clear();
      try {
        await stub.record(batch, keyBatch);
      } catch (error) {
        for (const row of batch) addPending(row);
        for (const row of keyBatch) addPendingKey(row);
        console.error(
          JSON.stringify({ level: "error", event: "stats_flush_failed", rows: batch.length, error: String(error) }),
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
    flushing = flushLoop(env);
    waitUntil(flushing);
  }
}

export function enqueueStats(env: Env, waitUntil: (promise: Promise<unknown>) => void, row: StatsRow): void {
  if (!bound(env)) return;
  addPending(row);
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

/** Resolves once nothing is pending or in flight (tests, and a clean shutdown). */
export async function drainStats(env: Env): Promise<void> {
  // Bounded: when the Durable Object keeps failing, the rows stay pending and the caller goes on
  // (an unbounded loop here would spin the isolate's CPU for as long as the outage lasts).
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!flushing && !((pending.size > 0 || pendingKeys.size > 0) && env.ROUTER_STATS)) return;
    await (flushing ?? (flushing = flushLoop(env)));
  }
}
