// Batches decision records per isolate and tenant, and sends them to the tenant's Durable
// Object off the hot path: the first request that adds a row schedules a flush with its
// waitUntil, which waits a moment first (util/background-flush.ts) so that rows arriving
// meanwhile ride along (about one RPC per second per busy isolate, not one per request).
// A failed flush keeps its rows (bounded) for the next one. Feedback drains its tenant first, so
// feedback sent right after a response finds the decision.
import type { Env } from "../../env.ts";
import { flushDelayMs } from "../../stats/flush-delay.ts";
import { WakeableDelay } from "../../util/background-flush.ts";
import type { DecisionRecord } from "../store/records.ts";

const MAX_PENDING_PER_TENANT = 5_000;
const BATCH = 500;
const pending = new Map<string, DecisionRecord[]>();
const flushing = new Map<string, Promise<void>>();
const delays = new Map<string, WakeableDelay>();
let reportedMissing = false;

export function learningStub(env: Env, tenant: string) {
  const namespace = env.TENANT_LEARNING;
  return namespace ? namespace.get(namespace.idFromName(tenant)) : undefined;
}

async function flushLoop(env: Env, tenant: string, delayMs: number): Promise<void> {
  const stub = learningStub(env, tenant);
  try {
    let delay = delays.get(tenant);
    if (!delay) delays.set(tenant, (delay = new WakeableDelay()));
    await delay.sleep(delayMs);
    let rows = pending.get(tenant);
    while (stub && rows && rows.length > 0) {
      const batch = rows.splice(0, BATCH);
      try {
        await stub.recordDecisions(tenant, batch);
      } catch (error) {
        rows.unshift(...batch.slice(0, MAX_PENDING_PER_TENANT - rows.length));
        console.error(
          JSON.stringify({
            level: "error",
            event: "decisions_flush_failed",
            tenant,
            rows: batch.length,
            error: String(error),
          }),
        );
        return;
      }
      rows = pending.get(tenant);
    }
  } finally {
    flushing.delete(tenant);
    delays.delete(tenant);
  }
}

export function enqueueDecision(
  env: Env,
  tenant: string,
  record: DecisionRecord,
  waitUntil: (promise: Promise<unknown>) => void,
): void {
  if (!env.TENANT_LEARNING) {
    if (!reportedMissing) {
      reportedMissing = true;
      console.error(JSON.stringify({ level: "error", event: "learning_binding_missing", binding: "TENANT_LEARNING" }));
    }
    return;
  }
  let rows = pending.get(tenant);
  if (!rows) pending.set(tenant, (rows = []));
  if (rows.length < MAX_PENDING_PER_TENANT) rows.push(record);
  if (!flushing.has(tenant)) {
    const flush = flushLoop(env, tenant, flushDelayMs(env));
    flushing.set(tenant, flush);
    waitUntil(flush);
  }
}

/** Resolves once the tenant has nothing pending or in flight (feedback, stats, tests). */
export async function drainDecisions(env: Env, tenant: string): Promise<void> {
  for (let round = 0; round < 10; round++) {
    const inFlight = flushing.get(tenant);
    if (inFlight) {
      delays.get(tenant)?.wake();
      await inFlight;
      continue;
    }
    if (!env.TENANT_LEARNING || (pending.get(tenant)?.length ?? 0) === 0) return;
    const flush = flushLoop(env, tenant, 0);
    flushing.set(tenant, flush);
    await flush;
  }
}
