// Per-isolate dispatch state: breakers, the retry and hedge budgets, latency samples.
// Kept per env object, like the parsed configuration, so each isolate (and each test env)
// has its own; Workers hands the same env to every request of an isolate.
import type { Env } from "../env.ts";
import { CircuitBreakers } from "./breaker.ts";
import { readDispatchConfig, type DispatchConfig } from "./config.ts";
import { LatencyStats } from "./latency-stats.ts";
import { TokenBucket } from "./token-bucket.ts";

export interface DispatchState {
  breakers: CircuitBreakers;
  retryBudget: TokenBucket;
  hedgeBudget: TokenBucket;
  ttft: LatencyStats;
}

export function createDispatchState(config: DispatchConfig): DispatchState {
  return {
    breakers: new CircuitBreakers(config.breaker),
    retryBudget: new TokenBucket(config.retryBudgetRatio, config.retryBudgetBurst),
    hedgeBudget: new TokenBucket(config.hedgeMaxShare, 1),
    ttft: new LatencyStats(),
  };
}

const states = new WeakMap<object, DispatchState>();

export function dispatchStateFor(env: Env): DispatchState {
  let state = states.get(env);
  if (!state) states.set(env, (state = createDispatchState(readDispatchConfig(env))));
  return state;
}

/** Whether an isolate-level state exists yet (healthz reports nothing before the first request). */
export const peekDispatchState = (env: Env): DispatchState | undefined => states.get(env);
