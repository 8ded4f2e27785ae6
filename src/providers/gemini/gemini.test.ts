// Conformance: recorded Gemini wire formats (ai.google.dev/api/generate-content) in, the
// router's OpenAI output out.
import { describe, expect, it } from "vitest";
import { bodyOf, canonical, completion, openAIFrames, parts } from "../../../test/support/fixture-harness.ts";
import { google } from ".";
import request from "./fixtures/conversation.request.json";
import wire from "./fixtures/conversation.wire.json";
import error from "./fixtures/error.json";
import textStream from "./fixtures/text-stream.sse?raw";
import toolsResponse from "./fixtures/tools.response.json";
import toolsStream from "./fixtures/tools-stream.sse?raw";

const adapter = google.adapter;
const simple = canonical({ model: "auto", messages: [{ role: "user", content: "hi" }], stream: true });

describe("gemini adapter", () => {
  it("builds the documented request: systemInstruction, functionCall/functionResponse, inlineData, toolConfig", () => {
    const { call, body } = bodyOf(adapter, canonical(request), "gemini-2.5-flash");
    expect(body).toEqual(wire);
    expect(call.url).toBe("https://upstream.test/base/models/gemini-2.5-flash:generateContent");
    expect(call.headers["x-goog-api-key"]).toBe("secret-key");
    expect(bodyOf(adapter, simple, "gemini-2.5-flash").call.url).toMatch(/:streamGenerateContent\?alt=sse$/);
  });

  it("maps JSON mode to responseMimeType + responseJsonSchema, and reasoning_effort to thinkingConfig", () => {
    const schema = { type: "object", properties: { a: { type: "number" } } };
    const { body } = bodyOf(
      adapter,
      canonical({
        model: "auto",
        messages: [{ role: "user", content: "x" }],
        response_format: { type: "json_schema", json_schema: { name: "n", schema } },
        reasoning_effort: "low",
      }),
      "m",
    );
    expect(body.generationConfig).toEqual({
      responseMimeType: "application/json",
      responseJsonSchema: schema,
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
    });
  });

  it("maps parallel function calls, thoughts and usage (thoughts count as output, cached as cached)", () => {
    const out = completion(adapter, toolsResponse, canonical(request));
    expect(out.choices[0].finish_reason).toBe("tool_calls");
    expect(out.choices[0].message.reasoning_content).toBe("Thinking about which cities to check.");
    expect(out.choices[0].message.tool_calls.map((c: any) => [c.index ?? null, c.id, c.function.arguments])).toEqual([
      [null, "call_abc123_0", '{"city":"Rome"}'],
      [null, "call_abc123_1", '{"city":"Oslo"}'],
    ]);
    expect(out.usage).toEqual({
      prompt_tokens: 120,
      completion_tokens: 70,
      total_tokens: 190,
      prompt_tokens_details: { cached_tokens: 64 },
      completion_tokens_details: { reasoning_tokens: 40 },
    });
  });

  it("streams thought parts as reasoning, text as content, MAX_TOKENS as length", async () => {
    const frames = (await openAIFrames(adapter, textStream, simple)) as any[];
    expect(frames.at(-1)).toBe("[DONE]");
    const deltas = frames.slice(0, -1).map((c) => c.choices[0]?.delta ?? {});
    expect(deltas.map((d) => d.reasoning_content ?? "").join("")).toBe("**Planning** the reply");
    expect(deltas.map((d) => d.content ?? "").join("")).toBe("Hello, world.");
    expect(frames.find((c) => c.choices?.[0]?.finish_reason)?.choices[0].finish_reason).toBe("length");
    expect(frames.at(-2).usage).toMatchObject({
      prompt_tokens: 9,
      completion_tokens: 16,
      completion_tokens_details: { reasoning_tokens: 12 },
    });
  });

  it("streams whole function calls with increasing indices", async () => {
    const out = await parts(adapter, toolsStream, simple, 5);
    expect(out.filter((p) => p.type === "tool-call-delta")).toEqual([
      { type: "tool-call-delta", index: 0, id: "call_r2_0", name: "get_weather", argumentsDelta: '{"city":"Rome"}' },
      { type: "tool-call-delta", index: 1, id: "call_r2_1", name: "get_time", argumentsDelta: "{}" },
    ]);
    expect(out.find((p) => p.type === "finish")).toEqual({ type: "finish", finishReason: "tool_calls" });
  });

  it("ends a stream without finishReason with an error part", async () => {
    const cut = textStream.slice(0, textStream.lastIndexOf("data:"));
    expect((await parts(adapter, cut, simple)).at(-1)).toMatchObject({
      type: "error",
      error: { code: "upstream_stream_cut" },
    });
  });

  it("maps 429 RESOURCE_EXHAUSTED with retry-after to a rate-limit error", () => {
    const mapped = adapter.mapError(error.status, JSON.stringify(error.body), new Headers(error.headers));
    expect(mapped).toMatchObject({ status: 429, type: "rate_limit_error", retryable: true });
    expect(mapped.headers["retry-after"]).toBe("7");
    expect(mapped.message).toContain("RESOURCE_EXHAUSTED");
  });

  it.each([
    [{ parallel_tool_calls: false }, "parallel_tool_calls"],
    [
      { messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://x.test/a.png" } }] }] },
      "messages[0].content[0]",
    ],
    [{ messages: [{ role: "tool", tool_call_id: "nope", content: "x" }] }, "messages[0].tool_call_id"],
  ])("refuses what it cannot carry faithfully (%j)", (extra, param) => {
    expect(() => bodyOf(adapter, canonical({ ...request, ...extra }), "m")).toThrow(
      expect.objectContaining({ status: 400, code: "unsupported_parameter", param }),
    );
  });
});
