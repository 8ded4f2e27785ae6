// Canonical stream parts -> OpenAI chat.completion.chunk SSE bytes. Each part is
// written as soon as it arrives (no buffering). A failure mid-stream ends with an
// explicit error event and no [DONE], so clients never mistake it for success.
import type { StreamPart, Usage } from "../schema/canonical.ts";
import { toOpenAIUsage, type ResponseMeta } from "./openai-format.ts";

export interface SseOptions {
  meta: ResponseMeta;
  /** stream_options.include_usage from the client. */
  includeUsage: boolean;
  /** Called once with the final usage (for cost accounting), if the upstream sent any. */
  onUsage?: (usage: Usage) => void;
  /** Extra fields merged into the final usage object (the router's cost accounting). */
  usageExtra?: (usage: Usage) => Record<string, unknown>;
  /** Called once when the stream ends: true if it completed, false on error or cancel. */
  onEnd?: (completed: boolean) => void;
  /** Extra top-level fields of the chunk that carries the finish reason (what the router did, e.g. a continuation). */
  finishExtra?: () => Record<string, unknown> | undefined;
  /** The client sent legacy `functions`: answer with `function_call` instead of `tool_calls`. */
  legacyFunctions?: boolean;
}

const encoder = new TextEncoder();
const frame = (data: unknown) => encoder.encode(`data: ${JSON.stringify(data)}\n\n`);

export function toOpenAISse(parts: ReadableStream<StreamPart>, options: SseOptions): ReadableStream<Uint8Array> {
  const { meta } = options;
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null, logprobs: unknown = null) => ({
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, delta, logprobs, finish_reason: finishReason }],
  });
  const legacy = options.legacyFunctions ?? false;
  const reader = parts.getReader();
  let usage: Usage | undefined;
  let started = false;
  const seenToolCalls = new Set<number>();
  let ended = false;
  const end = (completed: boolean) => {
    if (ended) return;
    ended = true;
    if (usage) options.onUsage?.(usage);
    options.onEnd?.(completed);
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(frame(chunk({ role: "assistant", content: "" })));
      }
      // Emit at most one frame per pull so back-pressure is respected.
      while (true) {
        const { done, value: part } = await reader.read();
        if (done) {
          if (options.includeUsage) {
            const extra = usage && options.usageExtra ? options.usageExtra(usage) : {};
            controller.enqueue(
              frame({ ...chunk({}), choices: [], usage: usage ? { ...toOpenAIUsage(usage), ...extra } : null }),
            );
          }
          controller.enqueue(encoder.encode("data: [DONE]\n\n"));
          controller.close();
          end(true);
          return;
        }
        switch (part.type) {
          case "text-delta":
            controller.enqueue(frame(chunk({ content: part.text })));
            return;
          case "reasoning-delta":
            controller.enqueue(frame(chunk({ reasoning_content: part.text })));
            return;
          case "logprobs":
            controller.enqueue(frame(chunk({}, null, { content: part.content, refusal: null })));
            return;
          case "tool-call-delta": {
            if (legacy) {
              // Legacy function calling has one call and no ids: later calls are not expressible.
              if (part.index > 0) continue;
              const call: Record<string, unknown> = { arguments: part.argumentsDelta };
              if (!seenToolCalls.has(0)) call.name = part.name ?? "";
              seenToolCalls.add(0);
              controller.enqueue(frame(chunk({ function_call: call })));
              return;
            }
            const first = !seenToolCalls.has(part.index);
            seenToolCalls.add(part.index);
            const call: Record<string, unknown> = { index: part.index, function: { arguments: part.argumentsDelta } };
            if (first) {
              call.id = part.id;
              call.type = "function";
              call.function = { name: part.name ?? "", arguments: part.argumentsDelta };
            }
            controller.enqueue(frame(chunk({ tool_calls: [call] })));
            return;
          }
          case "finish":
            controller.enqueue(
              frame({
                ...chunk({}, legacy && part.finishReason === "tool_calls" ? "function_call" : part.finishReason),
                ...options.finishExtra?.(),
              }),
            );
            return;
          case "usage":
            usage = part.usage;
            continue;
          case "error":
            controller.enqueue(frame(part.error.toEnvelope()));
            controller.close();
            await reader.cancel().catch(() => undefined);
            end(false);
            return;
        }
      }
    },
    async cancel(reason) {
      await reader.cancel(reason).catch(() => undefined);
      end(false);
    },
  });
}
