// Canonical stream parts -> Anthropic Messages SSE, in Anthropic's order: message_start, then per
// content block (thinking, text, tool_use) content_block_start, its deltas, content_block_stop,
// then message_delta (stop reason and usage) and message_stop. A failure mid-stream ends with an
// `error` event and no message_stop, so the SDK reports it instead of a short answer.
import type { FinishReason, StreamPart, Usage } from "../schema/canonical.ts";
import { anthropicErrorBody, anthropicUsage, STOP_REASONS } from "./anthropic-format.ts";
import { NamedEvents } from "./named-events.ts";

export interface AnthropicSseOptions {
  meta: { id: string; model: string };
  /** The router's estimate, for message_start (the provider's count arrives in message_delta). */
  estimatedInputTokens: number;
  usageExtra: (usage: Usage) => Record<string, unknown>;
  /** Extra top-level fields of message_delta, the answer's end (what the router did, e.g. a continuation). */
  finishExtra?: () => Record<string, unknown> | undefined;
}

export function toAnthropicSse(parts: ReadableStream<StreamPart>, options: AnthropicSseOptions) {
  const events = new NamedEvents();
  const emit = events.emit.bind(events);
  let index = -1;
  let open: "thinking" | "text" | { tool: number } | undefined;
  let finish: FinishReason | undefined;
  let usage: Usage | undefined;

  const close = () => {
    if (open === undefined) return;
    emit("content_block_stop", { index });
    open = undefined;
  };
  const start = (kind: typeof open, block: Record<string, unknown>) => {
    close();
    index += 1;
    open = kind;
    emit("content_block_start", { index, content_block: block });
  };

  function onPart(part: StreamPart): boolean {
    switch (part.type) {
      case "reasoning-delta":
        if (open !== "thinking") start("thinking", { type: "thinking", thinking: "", signature: "" });
        emit("content_block_delta", { index, delta: { type: "thinking_delta", thinking: part.text } });
        return true;
      case "reasoning-signature":
        if (open === "thinking")
          emit("content_block_delta", { index, delta: { type: "signature_delta", signature: part.signature } });
        return true;
      case "text-delta":
        if (open !== "text") start("text", { type: "text", text: "" });
        emit("content_block_delta", { index, delta: { type: "text_delta", text: part.text } });
        return true;
      case "tool-call-delta":
        if (typeof open !== "object" || open.tool !== part.index) {
          start(
            { tool: part.index },
            { type: "tool_use", id: part.id ?? `toolu_${part.index}`, name: part.name ?? "", input: {} },
          );
        }
        if (part.argumentsDelta) {
          emit("content_block_delta", {
            index,
            delta: { type: "input_json_delta", partial_json: part.argumentsDelta },
          });
        }
        return true;
      case "finish":
        finish = part.finishReason;
        return true;
      case "usage":
        usage = part.usage;
        return true;
      case "logprobs":
        return true;
      case "error":
        emit("error", anthropicErrorBody(part.error));
        return false;
    }
    return true;
  }

  function complete() {
    close();
    const final = usage ? anthropicUsage(usage, options.usageExtra(usage)) : { output_tokens: 0 };
    emit("message_delta", {
      delta: { stop_reason: STOP_REASONS[finish ?? "stop"], stop_sequence: null },
      usage: final,
      ...options.finishExtra?.(),
    });
    emit("message_stop", {});
  }

  return events.stream(parts, {
    start: () =>
      emit("message_start", {
        message: {
          id: options.meta.id,
          type: "message",
          role: "assistant",
          model: options.meta.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: options.estimatedInputTokens, output_tokens: 0 },
        },
      }),
    part: onPart,
    end: complete,
  });
}
