// GET /healthz: liveness for anyone ({"status":"ok"}); with the admin token (Authorization: Bearer)
// also the configured providers, this isolate's circuit breakers, the retry budget and the
// classifier — what an attacker would like to know, so not public. `degraded` means a model is
// out of rotation right now (a breaker open and cooling down); a breaker whose cool-down has ended
// waits for its probe ("half_open") and no longer counts, so health recovers without traffic.
import { Hono } from "hono";
import { classifierHealth } from "../classify/classifier-health.ts";
import { peekDispatchState } from "../dispatch/state.ts";
import type { AppEnv } from "../env.ts";
import { resolveEndpoints } from "../providers/registry.ts";
import { adminTokenGiven } from "./admin-auth.ts";

export const healthz = new Hono<AppEnv>().get("/healthz", async (c) => {
  if (!(await adminTokenGiven(c))) return c.json({ status: "ok" }, 200, { "cache-control": "no-store" });
  const endpoints = resolveEndpoints(c.env);
  const state = peekDispatchState(c.env);
  const breakers = state?.breakers.snapshot(Date.now()) ?? [];
  return c.json(
    {
      status: "ok",
      degraded: breakers.some((b) => b.state === "open"),
      providers: [...endpoints.keys()],
      dev_upstream: Boolean(c.env.DEV_UPSTREAM_URL),
      breakers: breakers.map(({ key, ...rest }) => ({ model: key, ...rest })),
      retry_budget: state ? Number(state.retryBudget.available.toFixed(2)) : null,
      classifier: classifierHealth(c.env),
    },
    200,
    { "cache-control": "no-store" },
  );
});
