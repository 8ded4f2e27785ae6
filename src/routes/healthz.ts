import { Hono } from "hono";
import { peekDispatchState } from "../dispatch/state";
import { classifierHealth } from "../classify/classifier-health";
import type { AppEnv } from "../env";
import { resolveEndpoints } from "../providers/registry";

/** Liveness, the configured providers, and this isolate's circuit breakers (per provider/model). */
export const healthz = new Hono<AppEnv>().get("/healthz", (c) => {
  const endpoints = resolveEndpoints(c.env);
  const state = peekDispatchState(c.env);
  const breakers = state?.breakers.snapshot(Date.now()) ?? [];
  return c.json({
    status: "ok",
    degraded: breakers.some((b) => b.state !== "closed"),
    providers: [...endpoints.keys()],
    dev_upstream: Boolean(c.env.DEV_UPSTREAM_URL),
    breakers: breakers.map(({ key, ...rest }) => ({ model: key, ...rest })),
    retry_budget: state ? Number(state.retryBudget.available.toFixed(2)) : null,
    classifier: classifierHealth(c.env),
  });
});
