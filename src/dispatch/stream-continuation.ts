// Opt-in (router.on_stream_cut: "continue"): a stream cut after tokens reached the client is
// finished on a fallback model, which gets the answer so far as its own assistant prefix, so the
// client reads one answer instead of an error. Tool-call deltas are held back until the answer's
// finish: a cut never leaves the client with half a call (calls cut mid-way are dropped, and the
// fallback makes them again). The cut attempt is charged for what it produced (kind "continued"),
// the continuation is the served answer; the final chunk says what happened (the route's SSE).
// Only one request owns this: dispatch, which made the first attempt; the fallback runs through the
// same attempt loop (breakers, attempt cap, budget hold), with a fresh deadline for its first token.
import type { RouterError } from "../errors.ts";
import type { CanonicalRequest, StreamPart } from "../schema/canonical.ts";
import type { Candidate } from "../select/selection.ts";
import { estimated } from "./attempt-charge.ts";
import type { AttemptRecord } from "../schema/facts.ts";
import { AttemptLoop, type Served } from "./attempt-loop.ts";
import type { Continuation, DispatchDeps, DispatchInput } from "./types.ts";

/** The finish chunk's note of a continuation (OpenAI-style chunks keep unknown top-level fields). */
export const continuationFields = (c: Continuation | undefined) =>
  c && { router: { continued: { from: c.from, to: c.to, after_chars: c.afterChars } } };

/** Cuts worth continuing: the stream broke, stalled, or the provider reported an error mid-answer. */
const CUT_CODES = new Set(["upstream_stream_cut", "upstream_stream_stalled", "upstream_error", "upstream_malformed"]);
const isCut = (error: RouterError) => CUT_CODES.has(error.code ?? "");

export interface ContinuationContext {
  input: DispatchInput;
  deps: DispatchDeps;
  records: AttemptRecord[];
  /** Turns a committed attempt into its stream of parts (dispatch.ts). */
  partsOf: (served: Served) => ReadableStream<StreamPart>;
  /** The answer is now the fallback's. */
  onContinued: (served: Served, continuation: Continuation) => void;
}

function continuationRequest(request: CanonicalRequest, prefix: string): CanonicalRequest {
  // Nothing but tool calls (now dropped) reached the client: the fallback answers afresh.
  if (prefix.length === 0) return request;
  return {
    ...request,
    messages: [...request.messages, { role: "assistant", content: prefix, toolCalls: [] }],
    continuation: true,
  };
}

export function continuingStream(first: Served, ctx: ContinuationContext): ReadableStream<StreamPart> {
  let current = first;
  let reader = ctx.partsOf(first).getReader();
  let text = "";
  let produced = 0;
  let heldCalls: StreamPart[] = [];
  const queue: StreamPart[] = [];
  const tried = new Set([first.candidate.model.id]);

  async function continueElsewhere(): Promise<boolean> {
    current.record.outcome = "dropped";
    current.record.dropped = "continued";
    current.record.charge ??= estimated(produced);
    const { input, deps } = ctx;
    const request = continuationRequest(input.request, text);
    const candidates: Candidate[] = [...input.candidates, ...input.escalation].filter(
      (candidate, i, all) =>
        !tried.has(candidate.model.id) && all.findIndex((c) => c.model.id === candidate.model.id) === i,
    );
    if (candidates.length === 0) return false;
    const loop = new AttemptLoop({ ...input, request, escalation: [] }, deps, ctx.records);
    let next: Served;
    try {
      next = await loop.tryCandidates(candidates, false);
    } catch {
      return false;
    }
    tried.add(next.candidate.model.id);
    const from = current.candidate.model.id;
    current = next;
    reader = ctx.partsOf(next).getReader();
    produced = 0;
    ctx.onContinued(next, { from, to: next.candidate.model.id, afterChars: text.length });
    return true;
  }

  return new ReadableStream<StreamPart>(
    {
      async pull(controller) {
        for (;;) {
          const queued = queue.shift();
          if (queued) return controller.enqueue(queued);
          const { done, value: part } = await reader.read();
          if (done) {
            queue.push(...heldCalls);
            heldCalls = [];
            if (queue.length === 0) return controller.close();
            continue;
          }
          switch (part.type) {
            case "text-delta":
              text += part.text;
              produced += part.text.length;
              return controller.enqueue(part);
            case "reasoning-delta":
              produced += part.text.length;
              return controller.enqueue(part);
            case "tool-call-delta":
              produced += (part.name?.length ?? 0) + part.argumentsDelta.length;
              heldCalls.push(part); // released whole, with the finish
              continue;
            case "finish":
              queue.push(...heldCalls, part);
              heldCalls = [];
              continue;
            case "usage":
            case "reasoning-signature":
            case "logprobs":
              return controller.enqueue(part);
            case "error":
              heldCalls = []; // never half a call
              if (isCut(part.error) && (await continueElsewhere())) continue;
              controller.enqueue(part);
              return controller.close();
          }
        }
      },
      async cancel(reason) {
        await reader.cancel(reason).catch(() => undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
