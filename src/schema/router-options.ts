// Per-request routing limits: the `router` body object (x-router-* headers map onto it).
import * as z from "zod";
import { TIERS } from "./canonical.ts";

export const OBJECTIVES = ["cost", "balanced", "quality", "latency"] as const;
export type Objective = (typeof OBJECTIVES)[number];

export const CAPABILITIES = ["tools", "vision", "json", "streaming", "reasoning", "logprobs", "web_search"] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const routerOptionsSchema = z.strictObject({
  objective: z.enum(OBJECTIVES).optional(),
  max_cost_usd: z.number().positive().optional(),
  max_latency_ms: z.number().positive().optional(),
  min_tier: z.enum(TIERS).optional(),
  allow_providers: z.array(z.string().min(1)).optional(),
  deny_providers: z.array(z.string().min(1)).optional(),
  allow_models: z.array(z.string().min(1)).optional(),
  deny_models: z.array(z.string().min(1)).optional(),
  require: z.array(z.enum(CAPABILITIES)).optional(),
  /** Groups requests into a conversation for sticky routing (else the history prefix is hashed). */
  conversation_id: z.string().min(1).max(200).optional(),
  /**
   * A stream cut after its first tokens: "error" (default) ends it with an error event; "continue"
   * finishes the answer on a fallback model, the partial answer as its prefix (dispatch/stream-continuation.ts).
   */
  on_stream_cut: z.enum(["error", "continue"]).optional(),
  /** false: ignore the conversation's earlier tiers for this turn (a fresh decision, which later turns keep). */
  sticky: z.boolean().optional(),
});

export type RouterOptions = z.infer<typeof routerOptionsSchema>;
