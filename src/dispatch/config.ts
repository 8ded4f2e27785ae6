// Dispatch settings from environment variables, validated once per isolate. The time limits'
// defaults fit a chatbot: a person waits for the first words of a streamed answer for seconds, not
// minutes, and a whole request (every fallback included) stays within a minute. Long non-stream
// jobs (reasoning models, big batch answers) should stream or raise ROUTER_RESPONSE_TIMEOUT_MS and
// ROUTER_REQUEST_TIMEOUT_MS (README, "Dispatch").
import * as z from "zod";
import { defineEnvConfig } from "../env.ts";

const ms = (fallback: number) => z.coerce.number().int().min(1).max(3_600_000).default(fallback);
const onOff = (fallback: "on" | "off") =>
  z
    .enum(["on", "off"])
    .default(fallback)
    .transform((v) => v === "on");

const schema = z.object({
  ROUTER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  ROUTER_RETRY_BUDGET_RATIO: z.coerce.number().min(0).max(1).default(0.2),
  ROUTER_RETRY_BUDGET_BURST: z.coerce.number().min(0).max(1000).default(10),
  ROUTER_RETRY_AFTER_MAX_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  ROUTER_HEADERS_TIMEOUT_MS: ms(10_000),
  ROUTER_FIRST_TOKEN_TIMEOUT_MS: ms(15_000),
  ROUTER_RESPONSE_TIMEOUT_MS: ms(30_000),
  ROUTER_STREAM_IDLE_TIMEOUT_MS: ms(30_000),
  ROUTER_REQUEST_TIMEOUT_MS: ms(60_000),
  ROUTER_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  ROUTER_BREAKER_FAILURE_RATE: z.coerce.number().gt(0).max(1).default(0.5),
  ROUTER_BREAKER_MIN_REQUESTS: z.coerce.number().int().min(1).default(20),
  ROUTER_BREAKER_WINDOW_MS: ms(60_000),
  ROUTER_BREAKER_COOLDOWN_MS: ms(30_000),
  ROUTER_ESCALATION: onOff("on"),
  ROUTER_LOOKAHEAD_BYTES: z.coerce.number().int().min(0).max(1_000_000).default(4096),
  ROUTER_LOOKAHEAD_MS: z.coerce.number().int().min(0).max(60_000).default(1500),
  ROUTER_HEDGE: onOff("off"),
  ROUTER_HEDGE_MAX_SHARE: z.coerce.number().min(0).max(1).default(0.1),
  ROUTER_HEDGE_MIN_DELAY_MS: z.coerce.number().int().min(0).default(250),
});

export interface DispatchConfig {
  maxAttempts: number;
  retryBudgetRatio: number;
  retryBudgetBurst: number;
  retryAfterMaxWaitMs: number;
  /** Streams: connect and response headers, per attempt. */
  headersTimeoutMs: number;
  /** Streams: from sending the request to the first token, per attempt. */
  firstTokenTimeoutMs: number;
  /** Non-stream: the whole answer, per attempt. */
  responseTimeoutMs: number;
  /** Streams: the longest silence after the first token. */
  streamIdleTimeoutMs: number;
  /** Every attempt together, until the answer (non-stream) or its first token (stream) is committed. */
  requestTimeoutMs: number;
  breaker: { failures: number; failureRate: number; minRequests: number; windowMs: number; cooldownMs: number };
  escalation: boolean;
  lookaheadBytes: number;
  lookaheadMs: number;
  hedge: boolean;
  hedgeMaxShare: number;
  hedgeMinDelayMs: number;
}

/** The dispatch settings (parse: from a plain record, for tests). */
export const readDispatchConfig = defineEnvConfig(schema, (v): DispatchConfig => {
  return {
    maxAttempts: v.ROUTER_MAX_ATTEMPTS,
    retryBudgetRatio: v.ROUTER_RETRY_BUDGET_RATIO,
    retryBudgetBurst: v.ROUTER_RETRY_BUDGET_BURST,
    retryAfterMaxWaitMs: v.ROUTER_RETRY_AFTER_MAX_WAIT_MS,
    headersTimeoutMs: v.ROUTER_HEADERS_TIMEOUT_MS,
    firstTokenTimeoutMs: v.ROUTER_FIRST_TOKEN_TIMEOUT_MS,
    responseTimeoutMs: v.ROUTER_RESPONSE_TIMEOUT_MS,
    streamIdleTimeoutMs: v.ROUTER_STREAM_IDLE_TIMEOUT_MS,
    requestTimeoutMs: v.ROUTER_REQUEST_TIMEOUT_MS,
    breaker: {
      failures: v.ROUTER_BREAKER_FAILURES,
      failureRate: v.ROUTER_BREAKER_FAILURE_RATE,
      minRequests: v.ROUTER_BREAKER_MIN_REQUESTS,
      windowMs: v.ROUTER_BREAKER_WINDOW_MS,
      cooldownMs: v.ROUTER_BREAKER_COOLDOWN_MS,
    },
    escalation: v.ROUTER_ESCALATION,
    lookaheadBytes: v.ROUTER_LOOKAHEAD_BYTES,
    lookaheadMs: v.ROUTER_LOOKAHEAD_MS,
    hedge: v.ROUTER_HEDGE,
    hedgeMaxShare: v.ROUTER_HEDGE_MAX_SHARE,
    hedgeMinDelayMs: v.ROUTER_HEDGE_MIN_DELAY_MS,
  };
});
