// Conformance: recorded Anthropic wire formats (docs.anthropic.com/en/api/messages and
// .../messages-streaming) in, the router's OpenAI output out.
import { describe, expect, it } from "vitest";
import { bodyOf, canonical, completion, openAIFrames, parts } from "../../../test/support/fixture-harness.ts";
import { anthropic } from ".";
import request from "./fixtures/conversation.request.json";
import wire from "./fixtures/conversation.wire.json";
import error from "./fixtures/error.json";
import errorStream from "./fixtures/error-stream.sse?raw";
import thinkingStream from "./fixtures/thinking-stream.sse?raw";
import toolsResponse from "./fixtures/tools.response.json";
import toolsStream from "./fixtures/tools-stream.sse?raw";

const adapter = anthropic.adapter;
const tools = canonical({ ...request, stream: true });

describe("anthropic adapter", () => {
  it("builds the documented request: system, merged turns, tool_use/tool_result, images, tool_choice", () => {
    const { call, body } = bodyOf(adapter, canonical(request), "claude-sonnet-4-5");
    expect(body).toEqual(wire);
    expect(call.url).toBe("https://upstream.test/base/v1/messages");
    expect(call.headers).toMatchObject({ "x-api-key": "secret-key", "anthropic-version": "2023-06-01" });
  });

  it("maps a JSON answer with parallel tool calls and cache usage", () => {
    const out = completion(adapter, toolsResponse, canonical(request));
    expect(out.choices[0].finish_reason).toBe("tool_calls");
    expect(out.choices[0].message.content).toBe("Checking both cities.");
    expect(out.choices[0].message.tool_calls).toEqual([
      { id: "toolu_01A", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } },
      { id: "toolu_01B", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } },
    ]);
    // input excludes cache reads/writes on Anthropic; OpenAI's prompt_tokens includes them.
    expect(out.usage).toEqual({
      prompt_tokens: 200,
      completion_tokens: 40,
      total_tokens: 240,
      prompt_tokens_details: { cached_tokens: 50 },
    });
  });

  it("streams text then tool calls with OpenAI indices 0, 1 and streamed arguments", async () => {
    const frames = await openAIFrames(adapter, toolsStream, tools);
    expect(frames.at(-1)).toBe("[DONE]");
    const chunks = frames.slice(0, -1) as any[];
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("")).toBe("Okay, checking.");
    const calls = chunks.flatMap((c) => c.choices[0]?.delta?.tool_calls ?? []);
    expect(calls[0]).toMatchObject({
      index: 0,
      id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
      type: "function",
      function: { name: "get_weather" },
    });
    const args = (i: number) =>
      calls
        .filter((c: any) => c.index === i)
        .map((c: any) => c.function.arguments)
        .join("");
    expect(JSON.parse(args(0))).toEqual({ city: "San Francisco" });
    expect(args(1)).toBe("{}"); // a tool called without arguments still gets parseable arguments
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe("tool_calls");
    expect(chunks.at(-1).usage).toEqual({
      prompt_tokens: 572,
      completion_tokens: 89,
      total_tokens: 661,
      prompt_tokens_details: { cached_tokens: 100 },
    });
  });

  it("streams thinking as reasoning deltas and maps max_tokens to length", async () => {
    const out = await parts(adapter, thinkingStream, tools, 3);
    expect(
      out
        .filter((p) => p.type === "reasoning-delta")
        .map((p: any) => p.text)
        .join(""),
    ).toBe("Let me work this out. 27 * 453");
    expect(
      out
        .filter((p) => p.type === "text-delta")
        .map((p: any) => p.text)
        .join(""),
    ).toBe("27 * 453 = 12,231");
    expect(out.find((p) => p.type === "finish")).toEqual({ type: "finish", finishReason: "length" });
  });

  it("turns an error event into an error part", async () => {
    const out = await parts(adapter, errorStream, tools);
    expect(out.at(-1)).toMatchObject({ type: "error", error: { code: "upstream_error" } });
  });

  it("ends a transcript cut before message_stop with an error part", async () => {
    const out = await parts(adapter, toolsStream.slice(0, toolsStream.indexOf("event: message_delta")), tools);
    expect(out.at(-1)).toMatchObject({ type: "error", error: { code: "upstream_stream_cut" } });
  });

  it("maps 529 overloaded to a retryable upstream error", () => {
    const mapped = adapter.mapError(error.status, JSON.stringify(error.body), new Headers());
    expect(mapped).toMatchObject({ status: 502, retryable: true, code: "upstream_529" });
    // The error type is passed on (an identifier); Anthropic's sentence is not.
    expect(mapped.message).toContain("overloaded_error");
    expect(mapped.message).not.toContain("Overloaded");
  });

  it.each([
    [{ temperature: 1.5 }, "temperature"],
    [{ presence_penalty: 0.5 }, "presence_penalty"],
    [{ temperature: 0.2, top_p: 0.9 }, "top_p"],
    [{ response_format: { type: "json_object" } }, "response_format"],
  ])("refuses what it cannot carry faithfully (%j)", (extra, param) => {
    expect(() => bodyOf(adapter, canonical({ ...request, ...extra }), "m")).toThrow(
      expect.objectContaining({ status: 400, code: "unsupported_parameter", param }),
    );
  });

  it("maps JSON mode to a forced tool and reasoning_effort to a thinking budget", () => {
    const json = bodyOf(
      adapter,
      canonical({
        model: "auto",
        messages: [{ role: "user", content: "x" }],
        response_format: { type: "json_object" },
      }),
      "m",
    ).body;
    expect(json.tool_choice).toEqual({ type: "tool", name: "json_response" });
    const thinking = bodyOf(
      adapter,
      canonical({ model: "auto", messages: [{ role: "user", content: "x" }], reasoning_effort: "medium" }),
      "m",
    ).body;
    expect(thinking.thinking).toEqual({ type: "enabled", budget_tokens: 4096 });
    expect(thinking.max_tokens).toBe(4096 + 8192);
  });
});
