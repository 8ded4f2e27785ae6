// Canonical stream parts -> OpenAI Responses API SSE events, in OpenAI's order: response.created,
// response.in_progress, then per output item (reasoning, message, function calls) its `added`,
// deltas and `done` events, then response.completed (or .incomplete). Parts are written as they
// arrive; a failure mid-stream ends with an `error` event and response.failed, never .completed.
import type { RouterError } from "../errors.ts";
import type { CanonicalResponse, FinishReason, StreamPart, ToolCall, Usage } from "../schema/canonical.ts";
import type { ResponsesRequest } from "../schema/responses-request.ts";
import {
  finishStatus,
  functionCallItem,
  itemIds,
  messageItem,
  reasoningItem,
  responseObject,
  responsesUsage,
  type ResponseIdentity,
} from "./responses-format.ts";
import { NamedEvents } from "./named-events.ts";

export interface ResponsesSseOptions {
  who: ResponseIdentity;
  body: ResponsesRequest;
  usageExtra: (usage: Usage) => Record<string, unknown>;
  /** Called once with the whole answer when the stream completed (for previous_response_id). */
  onComplete?: (response: CanonicalResponse, object: Record<string, unknown>) => void;
  /** Extra top-level fields of the final event (what the router did, e.g. a continuation). */
  finishExtra?: () => Record<string, unknown> | undefined;
}

type Open =
  | { kind: "reasoning"; index: number; text: string; signature?: string }
  | { kind: "message"; index: number; text: string; logprobs: unknown[] }
  | { kind: "call"; index: number; callIndex: number; call: ToolCall };

export function toResponsesSse(parts: ReadableStream<StreamPart>, options: ResponsesSseOptions) {
  const { who, body } = options;
  const ids = itemIds(who.id);
  const events = new NamedEvents();
  let sequence = 0;
  const output: Record<string, unknown>[] = [];
  let open: Open | undefined;
  const calls = new Map<number, Open & { kind: "call" }>();
  let finish: FinishReason | undefined;
  let usage: Usage | undefined;
  const answer: CanonicalResponse = { content: null, toolCalls: [], finishReason: "stop" };
  const emit = (type: string, payload: Record<string, unknown>) =>
    events.emit(type, { sequence_number: sequence++, ...payload });
  const snapshot = (status: string, extra: Record<string, unknown> = {}) =>
    responseObject(who, body, { status, incomplete_details: null, output: [...output], usage: null, ...extra });

  function close() {
    const item = open;
    if (!item) return;
    open = undefined;
    if (item.kind === "reasoning") {
      const id = ids.reasoning;
      emit("response.reasoning_summary_text.done", {
        item_id: id,
        output_index: item.index,
        summary_index: 0,
        text: item.text,
      });
      emit("response.reasoning_summary_part.done", {
        item_id: id,
        output_index: item.index,
        summary_index: 0,
        part: { type: "summary_text", text: item.text },
      });
      const done = reasoningItem(id, item.text, item.signature);
      output[item.index] = done;
      emit("response.output_item.done", { output_index: item.index, item: done });
      answer.reasoning = item.text;
      if (item.signature) answer.reasoningSignature = item.signature;
    } else if (item.kind === "message") {
      const id = ids.message;
      const logprobs = item.logprobs.length > 0 ? item.logprobs : undefined;
      emit("response.output_text.done", {
        item_id: id,
        output_index: item.index,
        content_index: 0,
        text: item.text,
        logprobs: logprobs ?? [],
      });
      const done = messageItem(id, item.text, logprobs);
      emit("response.content_part.done", {
        item_id: id,
        output_index: item.index,
        content_index: 0,
        part: done.content[0],
      });
      output[item.index] = done;
      emit("response.output_item.done", { output_index: item.index, item: done });
      answer.content = item.text;
      if (logprobs) answer.logprobs = logprobs;
    } else {
      const id = ids.call(item.callIndex);
      emit("response.function_call_arguments.done", {
        item_id: id,
        output_index: item.index,
        name: item.call.name,
        arguments: item.call.arguments,
      });
      const done = functionCallItem(id, item.call);
      output[item.index] = done;
      emit("response.output_item.done", { output_index: item.index, item: done });
      answer.toolCalls.push(item.call);
    }
  }

  function openItem(next: Open, item: Record<string, unknown>) {
    close();
    open = next;
    output[next.index] = item;
    emit("response.output_item.added", { output_index: next.index, item });
  }

  function onPart(part: StreamPart): boolean {
    switch (part.type) {
      case "reasoning-delta": {
        if (open?.kind !== "reasoning") {
          openItem(
            { kind: "reasoning", index: output.length, text: "" },
            { type: "reasoning", id: ids.reasoning, summary: [] },
          );
          emit("response.reasoning_summary_part.added", {
            item_id: ids.reasoning,
            output_index: open!.index,
            summary_index: 0,
            part: { type: "summary_text", text: "" },
          });
        }
        const item = open as Open & { kind: "reasoning" };
        item.text += part.text;
        emit("response.reasoning_summary_text.delta", {
          item_id: ids.reasoning,
          output_index: item.index,
          summary_index: 0,
          delta: part.text,
        });
        return true;
      }
      case "reasoning-signature":
        if (open?.kind === "reasoning") open.signature = part.signature;
        return true;
      case "logprobs":
        if (open?.kind === "message") open.logprobs.push(...part.content);
        return true;
      case "text-delta": {
        if (open?.kind !== "message") {
          const index = output.length;
          openItem(
            { kind: "message", index, text: "", logprobs: [] },
            { ...messageItem(ids.message, "", undefined, "in_progress"), content: [] },
          );
          emit("response.content_part.added", {
            item_id: ids.message,
            output_index: index,
            content_index: 0,
            part: { type: "output_text", text: "", annotations: [] },
          });
        }
        const item = open as Open & { kind: "message" };
        item.text += part.text;
        emit("response.output_text.delta", {
          item_id: ids.message,
          output_index: item.index,
          content_index: 0,
          delta: part.text,
          logprobs: [],
        });
        return true;
      }
      case "tool-call-delta": {
        let call = calls.get(part.index);
        if (!call) {
          call = {
            kind: "call",
            index: output.length,
            callIndex: part.index,
            call: { id: part.id ?? `call_${part.index}`, name: part.name ?? "", arguments: "" },
          };
          calls.set(part.index, call);
          openItem(call, functionCallItem(ids.call(part.index), call.call, "in_progress"));
        }
        call.call.arguments += part.argumentsDelta;
        if (part.argumentsDelta) {
          emit("response.function_call_arguments.delta", {
            item_id: ids.call(part.index),
            output_index: call.index,
            delta: part.argumentsDelta,
          });
        }
        return true;
      }
      case "finish":
        finish = part.finishReason;
        return true;
      case "usage":
        usage = part.usage;
        return true;
      case "error":
        fail(part.error);
        return false;
    }
    return true;
  }

  function fail(error: RouterError) {
    const envelope = error.toEnvelope().error;
    emit("error", { code: envelope.code, message: envelope.message, param: envelope.param });
    emit("response.failed", {
      response: snapshot("failed", { error: { code: envelope.code ?? "server_error", message: envelope.message } }),
    });
  }

  function complete() {
    close();
    answer.finishReason = finish ?? "stop";
    if (usage) answer.usage = usage;
    const final = responseObject(who, body, {
      ...finishStatus(finish),
      output,
      usage: usage ? responsesUsage(usage, options.usageExtra(usage)) : null,
    });
    emit(final.status === "completed" ? "response.completed" : "response.incomplete", {
      response: final,
      ...options.finishExtra?.(),
    });
    options.onComplete?.(answer, final);
  }

  return events.stream(parts, {
    start() {
      emit("response.created", { response: snapshot("in_progress") });
      emit("response.in_progress", { response: snapshot("in_progress") });
    },
    part: onPart,
    end: complete,
  });
}
