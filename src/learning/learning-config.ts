// Deployment-level learning switches (environment variables), parsed once per env object.
import * as z from "zod";
import type { Env } from "../env.ts";
import { RouterError } from "../errors.ts";

const schema = z.object({
  /** "off": no decision records, feedback, shadow calls, exploration or calibration at all. */
  ROUTER_LEARNING: z.enum(["on", "off"]).default("on"),
  /** Seconds a tenant's cached settings and calibration are served before a background refresh. */
  ROUTER_LEARNING_TTL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  /** Shadow calls get at most this long (they run after the response, within waitUntil's limit). */
  ROUTER_SHADOW_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(30_000).default(20_000),
});

export interface LearningConfig {
  enabled: boolean;
  ttlMs: number;
  shadowTimeoutMs: number;
}

const cache = new WeakMap<object, LearningConfig>();

export function readLearningConfig(env: Env): LearningConfig {
  const cached = cache.get(env);
  if (cached) return cached;
  const vars = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(vars);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RouterError(`Router misconfigured: ${String(issue?.path[0] ?? "learning")}: ${issue?.message}`, {
      status: 500,
      type: "api_error",
      code: "router_misconfigured",
    });
  }
  const config = {
    enabled: parsed.data.ROUTER_LEARNING === "on",
    ttlMs: parsed.data.ROUTER_LEARNING_TTL_SECONDS * 1000,
    shadowTimeoutMs: parsed.data.ROUTER_SHADOW_TIMEOUT_MS,
  };
  cache.set(env, config);
  return config;
}
