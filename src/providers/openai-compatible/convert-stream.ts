// OpenAI chat.completion.chunk SSE -> canonical stream parts.
import type { StreamPart } from "../../schema/canonical.ts";
import { sseEvents, streamFromGenerator } from "../../stream/sse-events.ts";
import { malformedUpstream, upstreamInlineError, upstreamStreamCut } from "../upstream-error.ts";
import { chatChunkSchema } from "./api-types.ts";
import type { OpenAIDialect } from "./dialect.ts";
import { mapOpenAIFinishReason } from "./map-finish-reason.ts";
import { mapOpenAIUsage } from "./map-usage.ts";
import { plainChunk } from "./plain-answer.ts";

async function* openAIParts(dialect: OpenAIDialect, body: ReadableStream<Uint8Array>): AsyncGenerator<StreamPart> {
  const provider = dialect.name;
  let finished = false;
  try {
    for await (const event of sseEvents(body)) {
      if (event.data === "[DONE]") {
        finished = true;
        continue;
      }
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        yield { type: "error", error: malformedUpstream(provider, "stream chunk") };
        return;
      }
      const plain = plainChunk(json);
      const chunk = plain ? { success: true as const, data: plain } : chatChunkSchema.safeParse(json);
      if (!chunk.success) {
        yield { type: "error", error: malformedUpstream(provider, "stream chunk") };
        return;
      }
      if (chunk.data.error) {
        // A mid-stream error object: the answer is incomplete, say so.
        yield { type: "error", error: upstreamInlineError(provider, chunk.data.error.code ?? chunk.data.error.type) };
        return;
      }
      const choice = chunk.data.choices[0];
      const delta = choice?.delta;
      if (delta) {
        const reasoning = delta.reasoning_content ?? delta.reasoning;
        if (reasoning) yield { type: "reasoning-delta", text: reasoning };
        if (delta.content) yield { type: "text-delta", text: delta.content };
        for (const call of delta.tool_calls ?? []) {
          const part: StreamPart = {
            type: "tool-call-delta",
            index: call.index,
            argumentsDelta: call.function?.arguments ?? "",
          };
          if (call.id) part.id = call.id;
          if (call.function?.name) part.name = call.function.name;
          yield part;
        }
      }
      if (choice?.logprobs?.content?.length) yield { type: "logprobs", content: choice.logprobs.content };
      if (choice?.finish_reason === "error") {
        yield { type: "error", error: upstreamInlineError(provider, undefined) };
        return;
      }
      if (choice?.finish_reason && !finished) {
        finished = true;
        yield { type: "finish", finishReason: mapOpenAIFinishReason(choice.finish_reason) };
      }
      if (chunk.data.usage) yield { type: "usage", usage: mapOpenAIUsage(chunk.data.usage, dialect) };
    }
  } catch {
    // The connection broke mid-stream.
    yield { type: "error", error: upstreamStreamCut(provider) };
    return;
  }
  if (!finished) yield { type: "error", error: upstreamStreamCut(provider) };
}

export function openAIStreamParts(
  dialect: OpenAIDialect,
  body: ReadableStream<Uint8Array>,
): ReadableStream<StreamPart> {
  return streamFromGenerator(openAIParts(dialect, body));
}
