// POST /v1/messages (Anthropic Messages) in workerd against the mock upstream: system prompts,
// content blocks, tools and tool results, images, streaming events in Anthropic's order, thinking
// blocks carried through to an Anthropic model, the anthropic-version header and Anthropic's
// error envelope. (The official SDK: test/node/dev-server.test.ts.)
import { describe, expect, it } from "vitest";
import { callApp, callWorker, jsonPost, scenario } from "./helpers.ts";
import { namedEvents } from "./sse.ts";
import { providersEnv } from "./test-catalog.ts";

const HEADERS = { "anthropic-version": "2023-06-01" };
const post = (body: Record<string, unknown>, headers: Record<string, string> = HEADERS) =>
  callWorker("/v1/messages", jsonPost(JSON.stringify({ model: "auto", max_tokens: 1024, ...body }), headers));

const weatherTool = {
  name: "get_weather",
  description: "Weather in a city",
  input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
const PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

const events = namedEvents;

describe("POST /v1/messages", () => {
  it("answers with an Anthropic message (system prompt, usage with cost) and the routing headers", async () => {
    const res = await post({ system: "Be brief.", messages: [{ role: "user", content: "Say hi" }] });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-model")).toMatch(/^openai\//);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ type: "message", role: "assistant", stop_reason: "end_turn", stop_sequence: null });
    expect(body.id).toMatch(/^msg_/);
    expect(body.content[0].type).toBe("text");
    expect(body.content[0].text).toContain("You said: Say hi");
    expect(body.usage.input_tokens).toBeGreaterThan(0);
    expect(body.usage.cost_usd).toBeGreaterThan(0);
  });

  it("calls tools (tool_use) and takes tool_result blocks back; images reach vision models", async () => {
    const first = (await (
      await post({ tools: [weatherTool], messages: [{ role: "user", content: "weather in Paris?" }] })
    ).json()) as any;
    expect(first.stop_reason).toBe("tool_use");
    const use = first.content.find((block: any) => block.type === "tool_use");
    expect(use).toMatchObject({ name: "get_weather", input: { city: "x" } });
    const second = await post({
      messages: [
        { role: "user", content: "weather in Paris?" },
        { role: "assistant", content: first.content },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: use.id, content: "sunny, 21 C" },
            { type: "image", source: { type: "base64", media_type: "image/png", data: PIXEL } },
            { type: "text", text: "and this picture?" },
          ],
        },
      ],
    });
    expect(second.status).toBe(200);
    expect(((await second.json()) as any).content[0].text).toContain("and this picture?");
  });

  it.each([
    ["anthropic", "anthropic/claude-sonnet-test"],
    ["google", "google/gemini-flash-test"],
  ] as const)("is translated to a %s-format provider too (JSON and stream)", async (provider, model) => {
    const env = await providersEnv(await scenario(), [provider]);
    const call = (body: Record<string, unknown>) =>
      callApp("/v1/messages", jsonPost(JSON.stringify({ model, max_tokens: 512, ...body }), HEADERS), env);
    const messages = [{ role: "user", content: "Say hi" }];
    const json = (await (await call({ system: "Be brief.", messages })).json()) as any;
    expect(json.content.at(-1).text).toContain("You said: Say hi");
    const streamed = await events(await call({ messages, stream: true }));
    expect(streamed.at(-1).type).toBe("message_stop");
  });

  it("streams events in Anthropic's order", async () => {
    const list = await events(await post({ stream: true, messages: [{ role: "user", content: "Say hi" }] }));
    const types = list.map((event) => event.type);
    expect(types[0]).toBe("message_start");
    expect(types[1]).toBe("content_block_start");
    expect(types.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    expect(list[0].message).toMatchObject({ type: "message", role: "assistant", content: [] });
    const text = list
      .filter((e) => e.type === "content_block_delta")
      .map((e) => e.delta.text)
      .join("");
    expect(text).toContain("You said: Say hi");
    expect(list.at(-2)).toMatchObject({ delta: { stop_reason: "end_turn" } });
    expect(list.at(-2).usage.output_tokens).toBeGreaterThan(0);
  });

  it("ends a stream cut mid-answer with an error event and no message_stop", async () => {
    const mock = await scenario([{ fault: { type: "cut", afterChunks: 3 } }]);
    const env = await providersEnv(mock, ["openai"]);
    const body = JSON.stringify({
      model: "openai/gpt-4.1-mini",
      max_tokens: 100,
      stream: true,
      messages: [{ role: "user", content: "Tell me a long story" }],
    });
    const list = await events(await callApp("/v1/messages", jsonPost(body, HEADERS), env));
    const types = list.map((event) => event.type);
    expect(types).toContain("content_block_delta");
    expect(types.at(-1)).toBe("error");
    expect(list.at(-1).error.type).toBe("api_error");
    expect(types).not.toContain("message_stop");
  });

  it("streams tool_use blocks with input_json_delta", async () => {
    const list = await events(
      await post({ stream: true, tools: [weatherTool], messages: [{ role: "user", content: "weather?" }] }),
    );
    const start = list.find((e) => e.type === "content_block_start" && e.content_block.type === "tool_use");
    expect(start.content_block).toMatchObject({ name: "get_weather", input: {} });
    const json = list
      .filter((e) => e.type === "content_block_delta" && e.index === start.index)
      .map((e) => e.delta.partial_json)
      .join("");
    expect(JSON.parse(json)).toEqual({ city: "x" });
    expect(list.at(-2).delta.stop_reason).toBe("tool_use");
  });

  it("carries signed thinking blocks to an Anthropic model, so a tool loop keeps thinking on", async () => {
    const mock = await scenario();
    const env = await providersEnv(mock, ["anthropic"]);
    const call = (body: Record<string, unknown>) =>
      callApp(
        "/v1/messages",
        jsonPost(JSON.stringify({ model: "anthropic/claude-sonnet-test", max_tokens: 4096, ...body }), HEADERS),
        env,
      );
    const thinking = { type: "enabled", budget_tokens: 2048 };
    const first = (await (
      await call({ thinking, tools: [weatherTool], messages: [{ role: "user", content: "weather?" }] })
    ).json()) as any;
    expect(first.content[0]).toMatchObject({ type: "thinking", thinking: "Mock reasoning." });
    expect(first.content[0].signature).toMatch(/^mocksig-/);
    const use = first.content.find((block: any) => block.type === "tool_use");
    const second = await call({
      thinking,
      tools: [weatherTool],
      messages: [
        { role: "user", content: "weather?" },
        { role: "assistant", content: first.content },
        { role: "user", content: [{ type: "tool_result", tool_use_id: use.id, content: "sunny" }] },
      ],
    });
    // The mock refuses a thinking tool loop whose assistant turn lost its signed thinking block.
    expect(second.status).toBe(200);
    const sent = (await mock.requests()).at(-1)!.body as any;
    expect(sent.thinking).toEqual(thinking);
    expect(sent.messages[1].content[0]).toEqual(first.content[0]);

    const streamed = await events(await call({ thinking, stream: true, messages: [{ role: "user", content: "hi" }] }));
    const deltas = streamed.filter((e) => e.type === "content_block_delta" && e.index === 0).map((e) => e.delta);
    expect(deltas).toEqual([
      { type: "thinking_delta", thinking: "Mock reasoning." },
      { type: "signature_delta", signature: expect.stringMatching(/^mocksig-/) },
    ]);
  });

  it("names top_k in x-router-dropped-params when the served provider has no top_k (OpenAI)", async () => {
    const res = await post({ top_k: 5, messages: [{ role: "user", content: "hi" }] });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-dropped-params")).toBe("top_k");
  });

  it("answers errors in Anthropic's envelope", async () => {
    const res = await post({ messages: [] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.type).toBe("error");
    expect(body.error.type).toBe("invalid_request_error");
    expect(typeof body.error.message).toBe("string");
    const unknown = await post({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).error).toMatchObject({ type: "not_found_error", code: "model_not_found" });
  });

  it("checks the anthropic-version header (absent: the 2023-06-01 behaviour)", async () => {
    const messages = [{ role: "user", content: "hi" }];
    expect((await post({ messages }, { "anthropic-version": "latest" })).status).toBe(400);
    expect((await post({ messages }, {})).status).toBe(200);
  });

  it("refuses server tools and documents by name", async () => {
    const tool = await post({
      tools: [{ type: "web_search_20250305", name: "web_search" }],
      messages: [{ role: "user", content: "x" }],
    });
    expect(((await tool.json()) as any).error.param).toBe("tools[0].type");
    const doc = await post({
      messages: [{ role: "user", content: [{ type: "document", source: { type: "text", data: "x" } }] }],
    });
    expect(((await doc.json()) as any).error.param).toBe("messages[0].content[0].type");
  });
});
