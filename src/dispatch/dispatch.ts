// Dispatch, in one place: ranked candidates are tried in order; a retryable failure before
// the first byte reaches the client moves on to the next one. Around that loop: a per-request
// attempt cap, a per-isolate retry budget, circuit breakers, retry-after, optional hedging,
// and escalation one tier up when an answer fails a cheap check. No layer below retries.
import { RouterError } from "../errors.ts";
import type { ProviderEndpoint } from "../providers/types.ts";
import { upstreamTimeout } from "../providers/upstream-error.ts";
import type { CanonicalRequest, CanonicalResponse, StreamPart } from "../schema/canonical.ts";
import type { Candidate } from "../select/select-model.ts";
import { committedStream } from "../stream/committed-stream.ts";
import type { CheckFailure } from "./answer-check.ts";
import type { Clock } from "./clock.ts";
import type { DispatchConfig } from "./config.ts";
import {
  AttemptLoop,
  dropAnswer,
  type AttemptBudget,
  type AttemptRecord,
  type Served,
  type SkipReason,
} from "./attempt-loop.ts";
import { continuingStream, type Continuation } from "./stream-continuation.ts";
import type { DispatchState } from "./state.ts";

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
  /** A stream cut after its first tokens: end with an error (default) or continue on a fallback. */
  onStreamCut?: "error" | "continue";
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
  /** The stream was cut and finished by another model (router.on_stream_cut "continue"). */
  continued?: Continuation;
}
export type DispatchOutcome =
  | (DispatchBase & { kind: "response"; response: CanonicalResponse })
  | (DispatchBase & { kind: "stream"; parts: ReadableStream<StreamPart> });

/** A committed stream as the client reads it: held parts first, then the live upstream (idle-limited). */
function committedParts(served: Served, deps: DispatchDeps): ReadableStream<StreamPart> {
  const result = served.result;
  if (result.kind !== "stream") throw new Error("not a stream");
  return committedStream(result.held, result.reader, result.ended, {
    idleTimeoutMs: deps.config.streamIdleTimeoutMs,
    stalled: () => upstreamTimeout(served.candidate.model.provider, "stream idle", deps.config.streamIdleTimeoutMs),
    abort: result.abort,
  });
}

function finish(served: Served, loop: AttemptLoop, input: DispatchInput, deps: DispatchDeps): DispatchOutcome {
  const { result, candidate } = served;
  const base = { candidate, attempts: loop.records };
  if (result.kind === "response") return { ...base, kind: "response", response: result.response };
  const outcome: DispatchOutcome = { ...base, kind: "stream", parts: undefined as never };
  outcome.parts =
    input.onStreamCut === "continue"
      ? continuingStream(served, {
          input,
          deps,
          records: loop.records,
          partsOf: (s) => committedParts(s, deps),
          onContinued: (next, continuation) => {
            outcome.candidate = next.candidate;
            outcome.continued = continuation;
          },
        })
      : committedParts(served, deps);
  return outcome;
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
  const outcome = finish(served, loop, input, deps);
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
