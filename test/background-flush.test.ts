// Background flushes coalesce: with a flush delay, the rows of many requests reach a Durable
// Object in one RPC, and a reader that needs them (drain) gets them at once, without waiting.
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { drainDecisions, enqueueDecision } from "../src/learning/online/decision-buffer.ts";
import type { DecisionRecord } from "../src/learning/store/records.ts";
import { drainStats, enqueueStats } from "../src/stats/stats-buffer.ts";
import { freshTenant, sqlRows } from "./learning-helpers.ts";
import { testEnv } from "./helpers.ts";

/** The real namespace, counting calls of one RPC method on its stubs. */
function counting<T extends object>(namespace: DurableObjectNamespace<T & Rpc.DurableObjectBranded>, method: string) {
  const counter = { calls: 0 };
  const wrapped = {
    idFromName: (name: string) => namespace.idFromName(name),
    get: (id: DurableObjectId) => {
      const stub = namespace.get(id);
      // RPC stubs are proxies themselves: forward the one method, call it on the real stub.
      return {
        [method]: (...args: unknown[]) => {
          counter.calls++;
          return (stub as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...args);
        },
      };
    },
  };
  return { namespace: wrapped as unknown as typeof namespace, counter };
}

const record = (id: string): DecisionRecord => ({
  id,
  at: Date.now(),
  score: 0.5,
  rawScore: 0.5,
  stage: "heuristic",
  objective: "balanced",
  decidedTier: "simple",
  servedTier: "simple",
  explored: false,
  minTier: null,
  stickyTier: null,
  capTier: null,
  model: "openai/gpt-4.1-nano",
  costUsd: null,
  calibrationVersion: 0,
  scorer: "test",
  features: null,
  prompt: null,
  answerCheck: null,
});

describe("background flushes", () => {
  it("send a tenant's decisions of many requests in one RPC; a drain does not wait out the delay", async () => {
    const learning = counting(testEnv.TENANT_LEARNING!, "recordDecisions");
    const env = { ...testEnv, TENANT_LEARNING: learning.namespace, ROUTER_STATS_FLUSH_MS: "60000" } as Env;
    const tenant = freshTenant("flush");
    const kept: Promise<unknown>[] = [];
    for (let i = 0; i < 10; i++) enqueueDecision(env, tenant, record(`dec_${i}`), (p) => kept.push(p));
    await new Promise((resolve) => setTimeout(resolve, 50)); // later requests arrive meanwhile
    expect(learning.counter.calls).toBe(0); // the flush is still waiting for more rows
    for (let i = 10; i < 20; i++) enqueueDecision(env, tenant, record(`dec_${i}`), (p) => kept.push(p));
    expect(kept).toHaveLength(1); // one scheduled flush for all twenty
    const started = Date.now();
    await drainDecisions(env, tenant);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(learning.counter.calls).toBe(1);
    expect(await sqlRows(tenant, "SELECT id FROM decisions")).toHaveLength(20);
  });

  it("send usage rows of many requests in one RPC", async () => {
    const stats = counting(testEnv.ROUTER_STATS!, "record");
    const env = { ...testEnv, ROUTER_STATS: stats.namespace, ROUTER_STATS_FLUSH_MS: "60000" } as Env;
    const kept: Promise<unknown>[] = [];
    const row = {
      day: "2026-11-27",
      model: "openai/gpt-4.1-nano",
      provider: "openai",
      tier: "simple",
      requests: 1,
      withUsage: 1,
      inputTokens: 10,
      outputTokens: 5,
      cachedInputTokens: 0,
      costUsd: 0.001,
      baselineCostUsd: 0.01,
    };
    for (let i = 0; i < 10; i++) enqueueStats(env, (p) => kept.push(p), row);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stats.counter.calls).toBe(0);
    for (let i = 10; i < 20; i++) enqueueStats(env, (p) => kept.push(p), row);
    expect(kept).toHaveLength(1);
    await drainStats(env);
    expect(stats.counter.calls).toBe(1);
  });
});
