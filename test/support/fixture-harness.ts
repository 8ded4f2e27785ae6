// Shared helpers for adapter conformance tests: run a recorded upstream body through an
// adapter and through the router's own OpenAI output stage, exactly as a request would.
import { parseChatRequest } from "../../src/schema/parse-request.ts";
import { toCanonicalRequest } from "../../src/schema/to-canonical.ts";
import type { CanonicalRequest, StreamPart } from "../../src/schema/canonical.ts";
import { toChatCompletion } from "../../src/stream/openai-format.ts";
import { toOpenAISse } from "../../src/stream/openai-sse.ts";
import type { ProviderAdapter } from "../../src/providers/types.ts";

export const META = { id: "chatcmpl-test", model: "test/model", created: 1 };

export const canonical = (body: unknown): CanonicalRequest => toCanonicalRequest(parseChatRequest(body));

export function bodyOf(adapter: ProviderAdapter, request: CanonicalRequest, upstreamModel: string) {
  const call = adapter.buildRequest(
    request,
    { upstreamModel, maxOutputTokens: 64_000 },
    {
      providerId: "custom",
      baseUrl: "https://upstream.test/base",
      apiKey: "secret-key",
    },
  );
  return { call, body: JSON.parse(call.body) as Record<string, unknown> };
}

export const completion = (adapter: ProviderAdapter, json: unknown, request: CanonicalRequest) =>
  toChatCompletion(adapter.parseResponse(json, request), META) as any;

/** Feeds an SSE transcript in small, uneven chunks (as networks deliver it). */
export function sseBody(transcript: string, chunk = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(transcript);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

export async function parts(adapter: ProviderAdapter, transcript: string, request: CanonicalRequest, chunk = 7) {
  const out: StreamPart[] = [];
  const reader = adapter.streamParts(sseBody(transcript, chunk), request).getReader();
  while (true) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

/** Canonical parts -> the router's OpenAI SSE -> parsed data payloads. */
export async function openAIFrames(adapter: ProviderAdapter, transcript: string, request: CanonicalRequest) {
  const partsStream = adapter.streamParts(sseBody(transcript), request);
  const text = await new Response(toOpenAISse(partsStream, { meta: META, includeUsage: true })).text();
  return text
    .split("\n\n")
    .filter((frame) => frame.startsWith("data: "))
    .map((frame) => frame.slice(6))
    .map((data) => (data === "[DONE]" ? data : JSON.parse(data)));
}
