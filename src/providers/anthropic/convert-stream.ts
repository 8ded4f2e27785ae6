// Anthropic Messages SSE -> canonical stream parts. Content block indices count every
// block (text, thinking, tool_use); OpenAI tool-call indices count tool calls only, so
// each tool_use block gets the next tool index.
import type { CanonicalRequest, StreamPart } from "../../schema/canonical.ts";
import { sseEvents, streamFromGenerator } from "../../stream/sse-events.ts";
import { malformedUpstream, upstreamStreamCut } from "../upstream-error.ts";
import { streamEventSchema, type AnthropicUsage } from "./api-types.ts";
import { PROVIDER } from "./capabilities.ts";
import { JSON_TOOL_NAME, wantsJsonTool } from "./json-mode.ts";
import { anthropicStreamError } from "./map-error.ts";
import { mapAnthropicStopReason } from "./map-finish-reason.ts";
import { mapAnthropicUsage, mergeAnthropicUsage } from "./map-usage.ts";

const KNOWN_EVENTS = new Set([
  "message_start",
  "content_block_start",
  "content_block_delta",
  "content_block_stop",
  "message_delta",
  "message_stop",
  "ping",
  "error",
]);

type Block =
  { kind: "text" | "reasoning" | "json" | "other" } | { kind: "tool"; toolIndex: number; sentArguments: boolean };

async function* anthropicParts(
  body: ReadableStream<Uint8Array>,
  request: CanonicalRequest,
): AsyncGenerator<StreamPart> {
  const json = wantsJsonTool(request);
  const blocks = new Map<number, Block>();
  let nextTool = 0;
  let usage: AnthropicUsage = {};
  let stopReason: string | null | undefined;
  try {
    for await (const event of sseEvents(body)) {
      let raw: unknown;
      try {
        raw = JSON.parse(event.data);
      } catch {
        raw = undefined;
      }
      const type = (raw as { type?: unknown } | undefined)?.type;
      // Anthropic's versioning policy allows new event types: skip those, but not broken ones.
      if (typeof type === "string" && !KNOWN_EVENTS.has(type)) continue;
      const parsed = streamEventSchema.safeParse(raw);
      if (!parsed.success) {
        yield { type: "error", error: malformedUpstream(PROVIDER, "stream event") };
        return;
      }
      const data = parsed.data;
      switch (data.type) {
        case "message_start":
          usage = mergeAnthropicUsage(usage, data.message.usage);
          break;
        case "content_block_start": {
          const block = data.content_block;
          if (block.type === "tool_use" && json && block.name === JSON_TOOL_NAME) {
            blocks.set(data.index, { kind: "json" });
          } else if (block.type === "tool_use") {
            const toolIndex = nextTool++;
            blocks.set(data.index, { kind: "tool", toolIndex, sentArguments: false });
            yield {
              type: "tool-call-delta",
              index: toolIndex,
              id: block.id ?? `toolu_${toolIndex}`,
              name: block.name ?? "",
              argumentsDelta: "",
            };
          } else if (block.type === "text") {
            blocks.set(data.index, { kind: "text" });
            if (block.text) yield { type: "text-delta", text: block.text };
          } else if (block.type === "thinking") {
            blocks.set(data.index, { kind: "reasoning" });
            if (block.thinking) yield { type: "reasoning-delta", text: block.thinking };
          } else blocks.set(data.index, { kind: "other" });
          break;
        }
        case "content_block_delta": {
          const block = blocks.get(data.index);
          const delta = data.delta;
          if (delta.type === "text_delta" && delta.text) yield { type: "text-delta", text: delta.text };
          else if (delta.type === "thinking_delta" && delta.thinking)
            yield { type: "reasoning-delta", text: delta.thinking };
          else if (delta.type === "input_json_delta" && delta.partial_json) {
            if (block?.kind === "json") yield { type: "text-delta", text: delta.partial_json };
            else if (block?.kind === "tool") {
              block.sentArguments = true;
              yield { type: "tool-call-delta", index: block.toolIndex, argumentsDelta: delta.partial_json };
            }
          } else if (delta.type === "signature_delta" && typeof delta.signature === "string")
            yield { type: "reasoning-signature", signature: delta.signature };
          // citations_delta has no canonical counterpart.
          break;
        }
        case "content_block_stop": {
          const block = blocks.get(data.index);
          // A tool called with no arguments streams no input_json_delta: send "{}" so the arguments parse.
          if (block?.kind === "tool" && !block.sentArguments) {
            yield { type: "tool-call-delta", index: block.toolIndex, argumentsDelta: "{}" };
          }
          break;
        }
        case "message_delta":
          if (data.delta.stop_reason) stopReason = data.delta.stop_reason;
          usage = mergeAnthropicUsage(usage, data.usage);
          break;
        case "message_stop": {
          let finishReason = mapAnthropicStopReason(stopReason);
          if (json && finishReason === "tool_calls") finishReason = "stop";
          yield { type: "finish", finishReason };
          yield { type: "usage", usage: mapAnthropicUsage(usage) };
          return;
        }
        case "ping":
          break;
        case "error":
          yield { type: "error", error: anthropicStreamError(data.error.type) };
          return;
      }
    }
  } catch {
    yield { type: "error", error: upstreamStreamCut(PROVIDER) };
    return;
  }
  // The stream ended without message_stop: the answer is incomplete.
  yield { type: "error", error: upstreamStreamCut(PROVIDER) };
}

export function anthropicStreamParts(
  body: ReadableStream<Uint8Array>,
  request: CanonicalRequest,
): ReadableStream<StreamPart> {
  return streamFromGenerator(anthropicParts(body, request));
}
