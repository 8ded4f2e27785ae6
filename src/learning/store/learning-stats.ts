// The learning block of GET /v1/router/stats: per tenant (those with learning state, listed in
// KV by their Durable Object), what was recorded, shadow spend and the calibration in force.
import type { Env } from "../../env.ts";
import { learningStub } from "../online/decision-buffer.ts";
import { learningKv } from "./learning-kv.ts";
import { TENANT_INDEX_PREFIX } from "./learning-object.ts";
import type { LearningSummary } from "./learning-summary.ts";

/** Tenants summarised per stats call (the rest: GET /admin/learning/{tenant}). */
export const MAX_TENANTS_IN_STATS = 50;

export async function learningStats(env: Env, sinceMs: number) {
  if (!env.TENANT_LEARNING) return null;
  const listed = await learningKv(env).list({ prefix: TENANT_INDEX_PREFIX, limit: MAX_TENANTS_IN_STATS });
  const tenants = listed.keys.map((key) => key.name.slice(TENANT_INDEX_PREFIX.length));
  const summaries: LearningSummary[] = await Promise.all(
    tenants.map((tenant) => learningStub(env, tenant)!.summary(sinceMs)),
  );
  const round = (usd: number) => Math.round(usd * 1e8) / 1e8;
  return {
    tenants: summaries,
    truncated: !listed.list_complete,
    shadow_cost_usd: round(summaries.reduce((sum, s) => sum + s.shadow.cost_usd, 0)),
    shadow_requests: summaries.reduce((sum, s) => sum + s.shadow.requests, 0),
  };
}
