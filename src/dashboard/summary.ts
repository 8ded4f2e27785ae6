// The dashboard's data: usage aggregates, per-minute rows and recent decisions from the
// RouterStats Durable Object (one RPC, after flushing this isolate's pending rows), the per-tenant
// learning block of /v1/router/stats (in parallel), plus this isolate's providers, breakers and
// classifier state (what /healthz shows).
import { classifierHealth } from "../classify/classifier-health.ts";
import { readConfig } from "../config.ts";
import { peekDispatchState } from "../dispatch/state.ts";
import type { Env } from "../env.ts";
import { learningStats } from "../learning/index.ts";
import { resolveEndpoints } from "../providers/registry.ts";
import { drainStats, requireStatsStub } from "../stats/stats-buffer.ts";
import { summarize } from "../stats/stats-summary.ts";
import type { DecisionEntry, MinuteRow } from "../stats/stats-types.ts";

export const DASHBOARD_DAYS = 14;
export const MAX_MINUTES = 2 * 24 * 60;
const RECENT_LIMIT = 50;

const minuteRow = (m: MinuteRow) => ({
  minute: m.minute,
  tier: m.tier,
  requests: m.requests,
  with_usage: m.withUsage,
  cost_usd: m.costUsd,
  baseline_cost_usd: m.baselineCostUsd,
});

const decisionRow = (d: DecisionEntry) => ({
  at: new Date(d.at).toISOString(),
  request_id: d.requestId,
  model: d.model,
  provider: d.provider,
  tier: d.tier,
  decided_tier: d.decidedTier,
  stage: d.stage,
  objective: d.objective,
  score: d.score,
  attempts: d.attempts,
  stream: d.stream,
  est_cost_usd: d.estCostUsd,
  cost_usd: d.costUsd,
  baseline_cost_usd: d.baselineCostUsd,
});

function health(env: Env) {
  const state = peekDispatchState(env);
  return {
    providers: [...resolveEndpoints(env).keys()],
    breakers: (state?.breakers.snapshot(Date.now()) ?? []).map(({ key, ...rest }) => ({ model: key, ...rest })),
    retry_budget: state ? Number(state.retryBudget.available.toFixed(2)) : null,
    classifier: classifierHealth(env),
    dev_upstream: Boolean(env.DEV_UPSTREAM_URL),
  };
}

/**
 * `learning` as /v1/router/stats has it (null: TENANT_LEARNING is not bound). A failing tenant
 * object must not blank the whole dashboard: the panel says so and the details go to the log.
 */
async function learningBlock(env: Env, sinceMs: number) {
  try {
    return { learning: await learningStats(env, sinceMs), learning_error: null };
  } catch (error) {
    console.error(JSON.stringify({ level: "error", event: "dashboard_learning_failed", error: String(error) }));
    return { learning: null, learning_error: "the learning summary failed; see the Worker's logs" };
  }
}

export async function dashboardSummary(env: Env, minutes: number, now = Date.now()) {
  const stub = requireStatsStub(env);
  await drainStats(env);
  const until = new Date(now);
  const since = new Date(now - (DASHBOARD_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const sinceMinute = Math.floor(now / 60_000) - minutes + 1;
  const [data, learning] = await Promise.all([
    stub.dashboard(since, sinceMinute, RECENT_LIMIT),
    learningBlock(env, Date.parse(`${since}T00:00:00Z`)),
  ]);
  const baseline = readConfig(env).baselineModel ?? "catalog baseline";
  return {
    object: "router.dashboard",
    generated_at: until.toISOString(),
    window: { days: DASHBOARD_DAYS, minutes, since_minute: sinceMinute },
    stats: summarize(data.rows, { since, until: until.toISOString().slice(0, 10) }, baseline),
    minutes: data.minutes.map(minuteRow),
    recent: data.recent.map(decisionRow),
    health: health(env),
    ...learning,
  };
}
