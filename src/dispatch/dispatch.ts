// Dispatch, in one place: ranked candidates are tried in order; a retryable failure before
// the first byte reaches the client moves on to the next one. Around that loop: a per-request
// attempt cap, a per-isolate retry budget, circuit breakers, retry-after, optional hedging,
// and escalation one tier up when an answer fails a cheap check. No layer below retries.
import { RouterError } from "../errors.ts";
import { upstreamTimeout } from "../providers/upstream-error.ts";
import type { StreamPart } from "../schema/canonical.ts";
import { committedStream } from "../stream/committed-stream.ts";
import type { AttemptRecord } from "../schema/facts.ts";
import { AttemptLoop, dropAnswer, type Served } from "./attempt-loop.ts";
import { continuingStream } from "./stream-continuation.ts";
import type { DispatchBase, DispatchDeps, DispatchInput, DispatchOutcome } from "./types.ts";

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
