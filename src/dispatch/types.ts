// Dispatch's contract (types only): what a dispatch is given (the request, ranked candidates,
// endpoints, an optional budget), what it depends on (fetch, clock, settings, the isolate's
// breakers and budgets), and what it returns (the served answer or stream, with every attempt).
import type { RouterError } from "../errors.ts";
import type { ProviderEndpoint } from "../providers/types.ts";
import type { CanonicalRequest, CanonicalResponse, StreamPart } from "../schema/canonical.ts";
import type { AttemptRecord } from "../schema/facts.ts";
import type { Candidate } from "../select/selection.ts";
import type { CheckFailure } from "./answer-check.ts";
import type { Clock } from "./clock.ts";
import type { DispatchConfig } from "./config.ts";
import type { DispatchState } from "./state.ts";

/** Why a candidate was passed over without an attempt (x-router-fallback-skipped): the retry budget, or the key's budget. */
export type SkipReason = "budget" | "key_budget";

/** Spend limits on a request's attempts (a key's budget hold, usage/budget-hold.ts). */
export interface AttemptBudget {
  /** The output cap for an attempt of `request` on `candidate` after `earlier` ones: a number, undefined (no cap needed) or null (cannot be afforded). */
  maxTokens(
    candidate: Candidate,
    earlier: readonly AttemptRecord[],
    request: CanonicalRequest,
  ): number | null | undefined;
  /** The error when no candidate could be afforded at all. */
  refusal(): RouterError;
}

/** A cut stream finished by another model (router.on_stream_cut "continue"). */
export interface Continuation {
  /** The model whose stream was cut, and the one that finished the answer. */
  from: string;
  to: string;
  /** Characters of answer text the first model had sent. */
  afterChars: number;
}

export interface DispatchInput {
  request: CanonicalRequest;
  candidates: readonly Candidate[];
  /** Next-tier candidates for escalation when an answer fails a cheap check. */
  escalation: readonly Candidate[];
  endpoints: ReadonlyMap<string, ProviderEndpoint>;
  /** Latency-sensitive requests may be hedged (when hedging is on). */
  latencySensitive: boolean;
  /** The key's budget hold: caps each attempt's output, skips what it cannot afford (never hedged). */
  budget?: AttemptBudget | undefined;
  /** A stream cut after its first tokens: end with an error (default) or continue on a fallback. */
  onStreamCut?: "error" | "continue";
}

export interface DispatchDeps {
  fetch: typeof fetch;
  clock: Clock;
  config: DispatchConfig;
  state: DispatchState;
}

export interface DispatchBase {
  candidate: Candidate;
  attempts: AttemptRecord[];
  /** Served by the next tier because the first answer failed this check. */
  escalated?: { reason: CheckFailure; from: string };
  /** The served answer failed this check and could not be escalated. */
  failedCheck?: CheckFailure;
  /** A fallback was not tried, and why (x-router-fallback-skipped). */
  fallbackSkipped?: SkipReason;
  /** The stream was cut and finished by another model (router.on_stream_cut "continue"). */
  continued?: Continuation;
}
export type DispatchOutcome =
  | (DispatchBase & { kind: "response"; response: CanonicalResponse })
  | (DispatchBase & { kind: "stream"; parts: ReadableStream<StreamPart> });
