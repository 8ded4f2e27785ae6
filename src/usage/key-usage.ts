// Glue between a request's identity and its usage gate: which limits apply, one gate per isolate
// (per KEY_USAGE binding), the admission middleware, and spend recording after a response.
import type { MiddlewareHandler } from "hono";
import type { Identity } from "../schema/identity.ts";
import type { AppEnv, Env } from "../env.ts";
import { deploymentPolicy } from "../auth/deployment-policy.ts";
import { enqueueKeyStats } from "../stats/stats-buffer.ts";
import type { KeyStatsRow } from "../stats/stats-types.ts";
import { dayOf } from "./usage-types.ts";
import { LocalLedger } from "./local-ledger.ts";
import { hasLimits, UsageGate, type RemoteSync, type UsageLimits } from "./usage-gate.ts";
import type { BudgetState, ReserveRequest, ReserveResult } from "./budget-ledger.ts";

/** A key's own budgets and rate limit; ROUTER_POLICY's are the defaults for keys without their own. */
export function usageLimits(identity: Identity, env: Env): UsageLimits {
  const deployment = deploymentPolicy(env);
  const own = identity.policy;
  const rate = own.rate_limit ?? deployment.rate_limit;
  return {
    rate: rate ? { requests: rate.requests, periodMs: rate.period_seconds * 1000 } : undefined,
    daily: own.budget_usd?.daily ?? deployment.budget_usd?.daily,
    monthly: own.budget_usd?.monthly ?? deployment.budget_usd?.monthly,
  };
}

const gates = new WeakMap<object, UsageGate>();
/** Without the KEY_USAGE binding: this isolate's own ledger, for the gate and for budget holds. */
const localLedger = new LocalLedger();
let reportedMissing = false;

function reportMissingBinding() {
  if (reportedMissing) return;
  reportedMissing = true;
  console.error(
    JSON.stringify({
      level: "error",
      event: "usage_binding_missing",
      binding: "KEY_USAGE",
      effect: "limits per isolate",
    }),
  );
}

export function gateFor(env: Env): UsageGate {
  const namespace = env.KEY_USAGE;
  const owner = namespace ?? localLedger;
  let gate = gates.get(owner);
  if (gate) return gate;
  let remote: RemoteSync;
  if (namespace) remote = (id, delta) => namespace.get(namespace.idFromName(id)).sync(delta);
  else {
    reportMissingBinding();
    remote = async (id, delta) => localLedger.sync(id, delta);
  }
  gates.set(owner, (gate = new UsageGate(remote)));
  return gate;
}

/** Where a key's budget reservations are decided: its Durable Object, or this isolate's ledger. */
export interface BudgetLedger {
  reserve(key: string, request: ReserveRequest): Promise<ReserveResult>;
  settle(key: string, request: { id: string; now: number; costUsd: number }): Promise<BudgetState>;
  state(key: string, now: number): Promise<BudgetState>;
}

export function budgetLedgerFor(env: Env): BudgetLedger {
  const namespace = env.KEY_USAGE;
  if (namespace) {
    const stub = (key: string) => namespace.get(namespace.idFromName(key));
    return {
      reserve: (key, request) => stub(key).reserve(request),
      settle: (key, request) => stub(key).settle(request),
      state: (key, now) => stub(key).budget(now),
    };
  }
  reportMissingBinding();
  return {
    reserve: async (key, request) => localLedger.reserve(key, request),
    settle: async (key, request) => localLedger.settle(key, request),
    state: async (key, now) => localLedger.budget(key, now),
  };
}

/**
 * Rate limit and budget check before the body is read; 429 in the OpenAI envelope when over.
 * `rateOnly`: routes that spend nothing (model list, feedback) count against the rate limit only.
 */
export function usageAdmission(options: { rateOnly?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async function usageAdmissionMiddleware(c, next) {
    const identity = c.get("identity");
    const all = usageLimits(identity, c.env);
    const limits = options.rateOnly ? { rate: all.rate } : all;
    const waitUntil = (promise: Promise<unknown>) => c.executionCtx.waitUntil(promise);
    // by_key "requests" counts routed requests; the rate-only routes add to it only when refused.
    const counted = (row: Partial<KeyStatsRow>) => {
      if (options.rateOnly && row.requests) return;
      enqueueKeyStats(c.env, waitUntil, { day: dayOf(Date.now()), key: identity.id, ...row });
    };
    if (!hasLimits(limits)) {
      c.set("budgetRemainingUsd", undefined);
      c.set("budgetResetSeconds", undefined);
      counted({ requests: 1 });
      return next();
    }
    const admission = await gateFor(c.env).admit(identity.id, limits, waitUntil);
    if (!admission.ok) {
      counted(admission.kind === "rate" ? { rateLimited: 1 } : { budgetRejected: 1 });
      throw admission.error;
    }
    counted({ requests: 1 });
    c.set("budgetRemainingUsd", admission.budgetRemainingUsd);
    c.set("budgetResetSeconds", admission.budgetResetSeconds);
    await next();
    // A budget hold's own figures (usage/budget-hold.ts) are fresher than the gate's: they win.
    for (const [name, value] of Object.entries(admission.headers)) {
      if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    }
  };
}

/**
 * Actual spend of a finished request without a budget hold: the key's usage and its stats row.
 * (A request that reserved budget settles its hold instead: usage/budget-hold.ts.)
 */
export function recordKeySpend(env: Env, identity: Identity, usd: number, waitUntil: (p: Promise<unknown>) => void) {
  if (!(usd > 0)) return;
  enqueueKeyStats(env, waitUntil, { day: dayOf(Date.now()), key: identity.id, costUsd: usd });
  // Keys always record spend (a budget set later counts today's spend); the open identity only with a budget.
  const limited = hasLimits(usageLimits(identity, env));
  if (limited || (identity.kind === "key" && env.KEY_USAGE)) gateFor(env).recordSpend(identity.id, usd, waitUntil);
}
