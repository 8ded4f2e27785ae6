// ROUTER_STATS_FLUSH_MS: how long rows bound for a Durable Object (usage stats, decision records,
// strong-share observations) wait to be sent together. Sending one RPC (and its SQLite writes) per
// request costs more CPU than routing the request (docs/benchmarks.md); tests use 0.
import * as z from "zod";
import { defineEnvConfig } from "../env.ts";

export const FLUSH_DELAY_MS = 1_000;

// No upper bound: deployments set longer waits before this reader existed (a value that is not a
// non-negative number fails loudly, like every setting).
export const flushDelayMs = defineEnvConfig(
  z.object({ ROUTER_STATS_FLUSH_MS: z.coerce.number().min(0).default(FLUSH_DELAY_MS) }),
  (vars) => vars.ROUTER_STATS_FLUSH_MS,
);
