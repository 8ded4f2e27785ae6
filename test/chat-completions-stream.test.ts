import { describe, expect, it } from "vitest";
import { callApp, callWorker, chatBody, jsonPost, scenario } from "./helpers.ts";
import { jsonFrames, readSse } from "./sse.ts";

describe("POST /v1/chat/completions (stream)", () => {
  it("streams chat.completion.chunk events ending in [DONE], with decision headers", async () => {
    const res = await callWorker("/v1/chat/completions", jsonPost(chatBody("hi", { stream: true })));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("x-router-model")).toMatch(/^openai\//);
    const frames = await readSse(res);
    expect(frames.at(-1)).toBe("[DONE]");
    const chunks = jsonFrames(frames);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text).toContain("Mock answer from");
    expect(chunks.at(-1).choices[0].finish_reason).toBe("stop");
    // No usage chunk unless the client asked for one.
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it("adds a final usage chunk when stream_options.include_usage is set", async () => {
    const res = await callWorker(
      "/v1/chat/completions",
      jsonPost(chatBody("hi", { stream: true, stream_options: { include_usage: true } })),
    );
    const chunks = jsonFrames(await readSse(res));
    const last = chunks.at(-1);
    expect(last.choices).toEqual([]);
    expect(last.usage.total_tokens).toBeGreaterThan(0);
  });

  it("streams tool calls with indices and arguments in pieces", async () => {
    const tools = [
      {
        type: "function",
        function: {
          name: "get_weather",
          parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        },
      },
    ];
    const res = await callWorker(
      "/v1/chat/completions",
      jsonPost(chatBody("weather in Paris?", { stream: true, tools })),
    );
    const chunks = jsonFrames(await readSse(res));
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({
      index: 0,
      id: "call_0_get_weather",
      type: "function",
      function: { name: "get_weather" },
    });
    const args = calls.map((call: any) => call.function.arguments).join("");
    expect(JSON.parse(args)).toEqual({ city: "x" });
    expect(chunks.at(-1).choices[0].finish_reason).toBe("tool_calls");
  });

  it("ends a cut upstream stream with an error event and no [DONE]", async () => {
    const mock = await scenario([{ fault: { type: "cut", afterChunks: 2 } }]);
    const res = await callApp("/v1/chat/completions", jsonPost(chatBody("hi", { stream: true })), {
      OPENAI_BASE_URL: mock.openaiBaseUrl,
    });
    expect(res.status).toBe(200);
    const frames = await readSse(res);
    expect(frames).not.toContain("[DONE]");
    const last = JSON.parse(frames.at(-1)!);
    expect(last.error.code).toBe("upstream_stream_cut");
  });

  it("ends a stream that turns malformed after content was sent with an error event", async () => {
    const mock = await scenario([{ fault: { type: "malformed", afterChunks: 3 } }]);
    const res = await callApp("/v1/chat/completions", jsonPost(chatBody("hi", { stream: true })), {
      OPENAI_BASE_URL: mock.openaiBaseUrl,
    });
    const frames = await readSse(res);
    expect(frames).not.toContain("[DONE]");
    expect(JSON.parse(frames.at(-1)!).error.code).toBe("upstream_malformed");
  });

  it("answers a normalised 502 when every stream is malformed before its first token", async () => {
    const mock = await scenario([{ fault: { type: "malformed" } }]);
    const res = await callApp("/v1/chat/completions", jsonPost(chatBody("hi", { stream: true })), {
      OPENAI_BASE_URL: mock.openaiBaseUrl,
    });
    expect(res.status).toBe(502);
    const body = (await res.json()) as any;
    expect(body.error.code).toBe("upstream_malformed");
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|\.ts:\d+/); // no stack trace
    expect(res.headers.get("x-router-attempts")).toBe("3");
  });

  it("falls back before the first byte when the primary refuses the stream", async () => {
    const mock = await scenario([
      { model: "gpt-4.1-nano", fault: { type: "status", status: 429, headers: { "retry-after": "1" } } },
    ]);
    const res = await callApp("/v1/chat/completions", jsonPost(chatBody("hi", { stream: true })), {
      OPENAI_BASE_URL: mock.openaiBaseUrl,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-attempts")).toBe("2");
    expect((await readSse(res)).at(-1)).toBe("[DONE]");
  });
});
