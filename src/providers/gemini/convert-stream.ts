// Gemini streamGenerateContent?alt=sse -> canonical parts. Text arrives in pieces; a
// functionCall arrives whole in one part, so it becomes one tool-call delta with all its
// arguments. The stream has no terminator: a finishReason marks the end of the answer.
import type { StreamPart } from "../../schema/canonical.ts";
import { sseEvents, streamFromGenerator } from "../../stream/sse-events.ts";
import { malformedUpstream, upstreamStreamCut } from "../upstream-error.ts";
import { generateContentResponseSchema, type GeminiUsage } from "./api-types.ts";
import { PROVIDER } from "./capabilities.ts";
import { mapGeminiFinishReason } from "./map-finish-reason.ts";
import { mapGeminiUsage } from "./map-usage.ts";
import { geminiToolCallId } from "./tool-call-id.ts";

async function* geminiParts(body: ReadableStream<Uint8Array>): AsyncGenerator<StreamPart> {
  let tools = 0;
  let usage: GeminiUsage | undefined;
  let finished = false;
  try {
    for await (const event of sseEvents(body)) {
      let raw: unknown;
      try {
        raw = JSON.parse(event.data);
      } catch {
        raw = undefined;
      }
      const parsed = generateContentResponseSchema.safeParse(raw);
      if (raw === undefined || !parsed.success) {
        yield { type: "error", error: malformedUpstream(PROVIDER, "stream chunk") };
        return;
      }
      const chunk = parsed.data;
      if (chunk.usageMetadata) usage = chunk.usageMetadata;
      const candidate = chunk.candidates?.[0];
      for (const part of candidate?.content?.parts ?? []) {
        if (part.functionCall) {
          const call = part.functionCall;
          yield {
            type: "tool-call-delta",
            index: tools,
            id: geminiToolCallId(call.id, chunk.responseId, tools, call.name),
            name: call.name,
            argumentsDelta: JSON.stringify(call.args ?? {}),
          };
          tools++;
        } else if (part.text) {
          yield part.thought ? { type: "reasoning-delta", text: part.text } : { type: "text-delta", text: part.text };
        }
      }
      const blocked = !candidate && chunk.promptFeedback?.blockReason;
      if ((candidate?.finishReason || blocked) && !finished) {
        finished = true;
        yield {
          type: "finish",
          finishReason: blocked ? "content_filter" : mapGeminiFinishReason(candidate?.finishReason, tools > 0),
        };
      }
    }
  } catch {
    if (!finished) {
      yield { type: "error", error: upstreamStreamCut(PROVIDER) };
      return;
    }
  }
  if (!finished) {
    yield { type: "error", error: upstreamStreamCut(PROVIDER) };
    return;
  }
  if (usage) yield { type: "usage", usage: mapGeminiUsage(usage) };
}

export function geminiStreamParts(body: ReadableStream<Uint8Array>): ReadableStream<StreamPart> {
  return streamFromGenerator(geminiParts(body));
}
