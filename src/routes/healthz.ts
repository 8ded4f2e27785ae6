import { Hono } from "hono";
import { classifierHealth } from "../classify/classifier-health";
import type { AppEnv } from "../env";
import { resolveEndpoints } from "../providers/registry";

export const healthz = new Hono<AppEnv>().get("/healthz", (c) => {
  const endpoints = resolveEndpoints(c.env);
  return c.json({
    status: "ok",
    providers: [...endpoints.keys()],
    dev_upstream: Boolean(c.env.DEV_UPSTREAM_URL),
    classifier: classifierHealth(c.env),
  });
});
