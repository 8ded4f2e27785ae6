// Deployment-level learning switches (environment variables, read through defineEnvConfig).
import * as z from "zod";
import { defineEnvConfig } from "../../env.ts";

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

export const readLearningConfig = defineEnvConfig(schema, (vars): LearningConfig => ({
  enabled: vars.ROUTER_LEARNING === "on",
  ttlMs: vars.ROUTER_LEARNING_TTL_SECONDS * 1000,
  shadowTimeoutMs: vars.ROUTER_SHADOW_TIMEOUT_MS,
}));
