// OpenAI chat.completion.chunk SSE -> canonical stream parts.
import type { StreamPart } from "../../schema/canonical.ts";
import { sseParts, type SseConverter } from "../../stream/sse-events.ts";
import { malformedUpstream, upstreamInlineError, upstreamStreamCut } from "../upstream-error.ts";
import { chatChunkSchema } from "./api-types.ts";
import type { OpenAIDialect } from "./dialect.ts";
import { mapOpenAIFinishReason } from "./map-finish-reason.ts";
import { mapOpenAIUsage } from "./map-usage.ts";
import { plainChunk } from "./plain-answer.ts";

/** One OpenAI chat.completion.chunk event -> canonical parts (false: the stream ends here). */
function openAIConverter(dialect: OpenAIDialect): SseConverter<StreamPart> {
  const provider = dialect.name;
  let finished = false;
  return {
    event(event, emit) {
      if (event.data === "[DONE]") {
        finished = true;
        return true;
      }
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        emit({ type: "error", error: malformedUpstream(provider, "stream chunk") });
        return false;
      }
      const plain = plainChunk(json);
      const chunk = plain ? { success: true as const, data: plain } : chatChunkSchema.safeParse(json);
      if (!chunk.success) {
        emit({ type: "error", error: malformedUpstream(provider, "stream chunk") });
        return false;
      }
      if (chunk.data.error) {
        // A mid-stream error object: the answer is incomplete, say so.
        emit({ type: "error", error: upstreamInlineError(provider, chunk.data.error.code ?? chunk.data.error.type) });
        return false;
      }
      const choice = chunk.data.choices[0];
      const delta = choice?.delta;
      if (delta) {
        const reasoning = delta.reasoning_content ?? delta.reasoning;
        if (reasoning) emit({ type: "reasoning-delta", text: reasoning });
        if (delta.content) emit({ type: "text-delta", text: delta.content });
        for (const call of delta.tool_calls ?? []) {
          const part: StreamPart = {
            type: "tool-call-delta",
            index: call.index,
            argumentsDelta: call.function?.arguments ?? "",
          };
          if (call.id) part.id = call.id;
          if (call.function?.name) part.name = call.function.name;
          emit(part);
        }
      }
      if (choice?.logprobs?.content?.length) emit({ type: "logprobs", content: choice.logprobs.content });
      if (choice?.finish_reason === "error") {
        emit({ type: "error", error: upstreamInlineError(provider, undefined) });
        return false;
      }
      if (choice?.finish_reason && !finished) {
        finished = true;
        emit({ type: "finish", finishReason: mapOpenAIFinishReason(choice.finish_reason) });
      }
      if (chunk.data.usage) emit({ type: "usage", usage: mapOpenAIUsage(chunk.data.usage, dialect) });
      return true;
    },
    end(emit) {
      if (!finished) emit({ type: "error", error: upstreamStreamCut(provider) });
    },
    // The connection broke mid-stream.
    broken: (emit) => emit({ type: "error", error: upstreamStreamCut(provider) }),
  };
}

export function openAIStreamParts(
  dialect: OpenAIDialect,
  body: ReadableStream<Uint8Array>,
): ReadableStream<StreamPart> {
  return sseParts(body, openAIConverter(dialect));
}
