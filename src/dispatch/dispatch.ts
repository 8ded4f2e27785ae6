// Dispatch, in one place: ranked candidates are tried in order; a retryable failure before
// the first byte reaches the client moves on to the next one. Around that loop: a per-request
// attempt cap, a per-isolate retry budget, circuit breakers, retry-after, optional hedging,
// and escalation one tier up when an answer fails a cheap check. No layer below retries.
import { RouterError } from "../errors";
import type { ProviderEndpoint } from "../providers/types";
import { upstreamTimeout } from "../providers/upstream-error";
import type { CanonicalRequest, CanonicalResponse, StreamPart } from "../schema/canonical";
import type { Candidate } from "../select/select-model";
import { committedStream } from "../stream/committed-stream";
import type { CheckFailure } from "./answer-check";
import type { AttemptResult } from "./attempt";
import type { Clock } from "./clock";
import type { DispatchConfig } from "./config";
import { AttemptLoop, dropAnswer, type AttemptBudget, type AttemptRecord, type SkipReason } from "./attempt-loop";
import type { DispatchState } from "./state";

export type { AttemptBudget, AttemptRecord };

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
}

export interface DispatchDeps {
  fetch: typeof fetch;
  clock: Clock;
  config: DispatchConfig;
  state: DispatchState;
}

interface DispatchBase {
  candidate: Candidate;
  attempts: AttemptRecord[];
  /** Served by the next tier because the first answer failed this check. */
  escalated?: { reason: CheckFailure; from: string };
  /** The served answer failed this check and could not be escalated. */
  failedCheck?: CheckFailure;
  /** A fallback was not tried, and why (x-router-fallback-skipped). */
  fallbackSkipped?: SkipReason;
}
export type DispatchOutcome =
  | (DispatchBase & { kind: "response"; response: CanonicalResponse })
  | (DispatchBase & { kind: "stream"; parts: ReadableStream<StreamPart> });

function finish(result: AttemptResult, candidate: Candidate, deps: DispatchDeps): DispatchOutcome {
  const base = { candidate, attempts: [] as AttemptRecord[] };
  if (result.kind === "response") return { ...base, kind: "response", response: result.response };
  const parts = committedStream(result.held, result.reader, result.ended, {
    idleTimeoutMs: deps.config.streamIdleTimeoutMs,
    stalled: () => upstreamTimeout(candidate.model.provider, "stream idle", deps.config.streamIdleTimeoutMs),
    abort: result.abort,
  });
  return { ...base, kind: "stream", parts };
}

export async function dispatch(input: DispatchInput, deps: DispatchDeps): Promise<DispatchOutcome> {
  deps.state.retryBudget.deposit();
  deps.state.hedgeBudget.deposit();
  const loop = new AttemptLoop(input, deps);
  const canEscalate = () =>
    deps.config.escalation && input.escalation.length > 0 && loop.upstreamAttempts < deps.config.maxAttempts;
  const lookahead = deps.config.escalation && input.escalation.length > 0;

  let first;
  try {
    first = await loop.tryCandidates(input.candidates, lookahead);
  } catch (err) {
    throw withAttempts(err, loop);
  }
  let served = first;
  let escalated: DispatchBase["escalated"];
  let failedCheck = first.result.failedCheck;
  if (failedCheck && canEscalate()) {
    const tried = new Set([first.candidate.model.id]);
    const next = input.escalation.filter((candidate) => !tried.has(candidate.model.id));
    const second = next.length > 0 ? await loop.tryCandidates(next, false).catch(() => undefined) : undefined;
    if (second) {
      dropAnswer(first, "escalated");
      escalated = { reason: failedCheck, from: first.candidate.model.id };
      served = second;
      failedCheck = second.result.failedCheck;
    }
  }
  const outcome = finish(served.result, served.candidate, deps);
  outcome.attempts = loop.records;
  if (escalated) outcome.escalated = escalated;
  if (failedCheck) outcome.failedCheck = failedCheck;
  if (loop.fallbackSkipped) outcome.fallbackSkipped = loop.fallbackSkipped;
  return outcome;
}

/** The attempt list as an error's metadata: each attempt's provider, model, HTTP status and reason. */
export const attemptsMetadata = (records: readonly AttemptRecord[]) =>
  records.map((r) => ({
    provider: r.provider,
    model: r.model,
    status: r.status,
    reason: r.error ?? "ok",
    ...(r.hedge ? { hedge: true } : {}),
  }));

const attemptsOfErrors = new WeakMap<object, readonly AttemptRecord[]>();

/** The attempts a failed dispatch made (the record stage charges what they cost). */
export const failedDispatchAttempts = (err: unknown): readonly AttemptRecord[] =>
  (typeof err === "object" && err !== null && attemptsOfErrors.get(err)) || [];

/** Tells the client what was tried, even on failure: how many attempts, each one, and any skipped fallback. */
function withAttempts(err: unknown, loop: AttemptLoop): unknown {
  if (!(err instanceof RouterError)) return err;
  const headers: Record<string, string> = { "x-router-attempts": String(loop.upstreamAttempts) };
  if (loop.fallbackSkipped) headers["x-router-fallback-skipped"] = loop.fallbackSkipped;
  const error = err.with({
    headers,
    ...(loop.records.length > 0 ? { metadata: { attempts: attemptsMetadata(loop.records) } } : {}),
  });
  attemptsOfErrors.set(error, loop.records);
  return error;
}
