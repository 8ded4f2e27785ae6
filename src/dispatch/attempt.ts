// One upstream attempt: build the provider request, fetch it under timeouts with an
// AbortController (so an abandoned subrequest is really closed), and bring it to its
// commit point. Until then nothing has reached the client, so any failure is retryable.
import { RouterError } from "../errors.ts";
import type { ProviderDefinition, ProviderEndpoint } from "../providers/types.ts";
import { redactSecrets } from "../util/redact.ts";
import { upstreamTimeout, upstreamUnreachable, malformedUpstream } from "../providers/upstream-error.ts";
import type { CanonicalRequest, CanonicalResponse, StreamPart } from "../schema/canonical.ts";
import type { Candidate } from "../select/selection.ts";
import { PartReader } from "../stream/part-reader.ts";
import type { CheckFailure } from "./answer-check.ts";
import { checkAnswer } from "./answer-check.ts";
import type { Clock } from "./clock.ts";
import type { DispatchConfig } from "./config.ts";
import { AnswerSoFar, streamVerdict } from "./lookahead.ts";
import type { AttemptCharge } from "../schema/facts.ts";
import { estimated, responseCharge } from "./attempt-charge.ts";

export interface AttemptContext {
  request: CanonicalRequest;
  candidate: Candidate;
  provider: ProviderDefinition;
  endpoint: ProviderEndpoint;
  fetch: typeof fetch;
  clock: Clock;
  config: DispatchConfig;
  /** Hold a streamed answer back until it passes the cheap checks (only when escalation is possible). */
  lookahead: boolean;
  /** Aborts this attempt from outside (a hedge that lost). */
  signal?: AbortSignal;
  /** Clock time by which the answer (non-stream) or its first token (stream) must be there: the request's deadline. */
  deadline: number;
  /** Called just before the upstream request is sent (after the request was built). */
  onFetch?: () => void;
  /** A cap on output tokens (the key's budget hold): sent upstream as max_tokens when lower than the request's. */
  maxTokens?: number | undefined;
  /** What the attempt costs, once known (not for a stream that commits: its consumer knows that). */
  onCharge?: (charge: AttemptCharge) => void;
}

interface Committed {
  /** Time to the first part (stream) or to the whole response. */
  latencyMs: number;
  /** The answer failed a cheap check (escalate if possible). */
  failedCheck: CheckFailure | undefined;
  abort: () => void;
}
export type AttemptResult =
  | (Committed & { kind: "response"; response: CanonicalResponse })
  | (Committed & { kind: "stream"; held: StreamPart[]; reader: PartReader; ended: boolean });

/** A stream that breaks before the commit point may be retried elsewhere: nothing reached the client. */
const asRetryable = (error: RouterError) =>
  error.retryable
    ? error
    : new RouterError(error.message, {
        status: 502,
        type: error.type,
        code: error.code,
        param: error.param,
        retryable: true,
      });

/** The request as this attempt sends it: with the budget's max_tokens when that is lower. */
function cappedRequest(request: CanonicalRequest, maxTokens: number | undefined): CanonicalRequest {
  if (maxTokens === undefined || (request.maxTokens !== undefined && request.maxTokens <= maxTokens)) return request;
  return { ...request, maxTokens };
}

export async function runAttempt(ctx: AttemptContext): Promise<AttemptResult> {
  const { provider, clock, config } = ctx;
  const request = cappedRequest(ctx.request, ctx.maxTokens);
  const charge = (c: AttemptCharge) => ctx.onCharge?.(c);
  const adapter = provider.adapter;
  const call = adapter.buildRequest(request, ctx.candidate.model, ctx.endpoint);
  const controller = new AbortController();
  const abort = () => controller.abort();
  ctx.signal?.addEventListener("abort", abort);
  const started = clock.now();
  let timedOut: RouterError | undefined;
  const arm = (ms: number, phase: string) =>
    clock.setTimeout(() => {
      timedOut = upstreamTimeout(provider.id, phase, ms);
      controller.abort();
    }, ms);
  const limit = Math.min(
    request.stream ? config.headersTimeoutMs : config.responseTimeoutMs,
    Math.max(0, ctx.deadline - started),
  );
  const timer = arm(limit, request.stream ? "response headers" : "the response");
  try {
    let response: Response;
    ctx.onFetch?.();
    try {
      response = await ctx.fetch(call.url, {
        method: call.method,
        headers: call.headers,
        body: call.body,
        signal: controller.signal,
      });
    } catch {
      // Timed out after sending: the provider may be generating (and billing) an answer we never see.
      if (timedOut) charge(estimated(0, true));
      throw timedOut ?? upstreamUnreachable(provider.id);
    }
    if (!response.ok) {
      // Some providers echo the key they were sent: scrub it before the adapter reads the message.
      const text = redactSecrets(await response.text().catch(() => ""), [ctx.endpoint.apiKey ?? ""]);
      throw timedOut ?? adapter.mapError(response.status, text, response.headers);
    }
    if (!request.stream) {
      let json: unknown;
      let text = "";
      try {
        text = await response.text();
        json = JSON.parse(text);
      } catch {
        charge(estimated(text.length, timedOut !== undefined));
        throw timedOut ?? malformedUpstream(provider.id, "response");
      }
      let parsed: CanonicalResponse;
      try {
        parsed = adapter.parseResponse(json, request);
      } catch (err) {
        charge(estimated(text.length));
        throw err;
      }
      charge(responseCharge(parsed));
      return {
        kind: "response",
        response: parsed,
        latencyMs: clock.now() - started,
        failedCheck: checkAnswer(parsed, request),
        abort,
      };
    }
    clock.clearTimeout(timer);
    if (!response.body) throw malformedUpstream(provider.id, "stream");
    return await lookahead(
      { ...ctx, request },
      new PartReader(adapter.streamParts(response.body, request).getReader(), clock),
      started,
      abort,
    );
  } catch (err) {
    controller.abort();
    throw err instanceof RouterError ? err : upstreamUnreachable(provider.id);
  } finally {
    clock.clearTimeout(timer);
    ctx.signal?.removeEventListener("abort", abort);
  }
}

async function lookahead(
  ctx: AttemptContext,
  reader: PartReader,
  started: number,
  abort: () => void,
): Promise<AttemptResult> {
  const { clock, config, request, provider } = ctx;
  const held: StreamPart[] = [];
  const answer = new AnswerSoFar();
  let firstAt: number | undefined;
  let lastAt = clock.now();
  const result = (ended: boolean, failedCheck: CheckFailure | undefined): AttemptResult => ({
    kind: "stream",
    held,
    reader,
    ended,
    failedCheck,
    latencyMs: (firstAt ?? clock.now()) - started,
    abort,
  });
  while (true) {
    // Before the first token: the attempt's first-token limit and the request's deadline; after
    // it (look-ahead of a suspicious answer): the idle limit, and the look-ahead's own time.
    const now = clock.now();
    const waitLeft =
      firstAt === undefined
        ? Math.min(config.firstTokenTimeoutMs - (now - started), ctx.deadline - now)
        : config.streamIdleTimeoutMs - (now - lastAt);
    const lookLeft = firstAt === undefined ? Infinity : config.lookaheadMs - (now - firstAt);
    const read = await reader.read(Math.max(0, Math.min(waitLeft, lookLeft)));
    if (read === "timeout") {
      if (firstAt === undefined || clock.now() - lastAt >= config.streamIdleTimeoutMs) {
        // Close the connection first: cancelling the reader alone waits for the pending read.
        abort();
        void reader.cancel();
        ctx.onCharge?.(estimated(answer.bytes, true));
        throw firstAt === undefined
          ? upstreamTimeout(provider.id, "the first token", Math.max(0, Math.round(clock.now() - started)))
          : upstreamTimeout(provider.id, "stream idle", config.streamIdleTimeoutMs);
      }
      return result(false, undefined); // look-ahead time is up: release what we have
    }
    if (read.done) {
      const verdict = streamVerdict(answer, request, true);
      return result(true, verdict.kind === "fail" ? verdict.reason : undefined);
    }
    const part = read.value;
    lastAt = clock.now();
    if (part.type === "error") {
      await reader.cancel();
      ctx.onCharge?.(estimated(answer.bytes));
      throw asRetryable(part.error);
    }
    held.push(part);
    answer.add(part);
    if (firstAt === undefined && answer.hasContent) firstAt = clock.now();
    if (!answer.hasContent) continue;
    if (!ctx.lookahead) return result(false, undefined);
    const verdict = streamVerdict(answer, request, false);
    if (verdict.kind === "fail") return result(false, verdict.reason);
    if (verdict.kind === "commit" || answer.bytes >= config.lookaheadBytes) return result(false, undefined);
  }
}
