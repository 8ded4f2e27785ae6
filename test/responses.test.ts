// POST /v1/responses in workerd against the mock upstream: text, tools and their outputs,
// structured outputs, streaming events in OpenAI's order, previous_response_id (a Durable Object),
// store: false, and the errors for what the router cannot carry. (SDK clients: test/node/dev-server.test.ts.)
import { describe, expect, it } from "vitest";
import { appWithEnv, callApp, callWorker, jsonPost, scenario } from "./helpers.ts";
import { providersEnv } from "./test-catalog.ts";
import { namedEvents } from "./sse.ts";

const post = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  callWorker("/v1/responses", jsonPost(JSON.stringify({ model: "auto", ...body }), headers));

const weatherTool = {
  type: "function",
  name: "get_weather",
  description: "Weather in a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  strict: true,
};

const events = namedEvents;

describe("POST /v1/responses", () => {
  it("answers a string input with a response object, usage with cost, and the routing headers", async () => {
    const res = await post({ input: "Say hi", instructions: "Be brief." });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-model")).toMatch(/^openai\//);
    expect(res.headers.get("x-router-tier")).toBeTruthy();
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ object: "response", status: "completed", instructions: "Be brief." });
    expect(body.id).toMatch(/^resp_[0-9a-f]{32}$/);
    expect(body.output).toHaveLength(1);
    expect(body.output[0]).toMatchObject({ type: "message", role: "assistant", status: "completed" });
    expect(body.output[0].content[0].type).toBe("output_text");
    expect(body.output[0].content[0].text).toContain("You said: Say hi");
    expect(body.usage.input_tokens).toBeGreaterThan(0);
    expect(body.usage.total_tokens).toBe(body.usage.input_tokens + body.usage.output_tokens);
    expect(body.usage.cost_usd).toBeGreaterThan(0);
    expect(body.usage.baseline_cost_usd).toBeGreaterThan(0);
  });

  it.each([
    ["anthropic", "anthropic/claude-sonnet-test"],
    ["google", "google/gemini-flash-test"],
  ] as const)("is translated to a %s-format provider too (JSON, stream and tools)", async (provider, model) => {
    const env = await providersEnv(await scenario(), [provider]);
    const call = (body: Record<string, unknown>) =>
      callApp("/v1/responses", jsonPost(JSON.stringify({ model, ...body })), env);
    const json = (await (await call({ input: "Say hi" })).json()) as any;
    expect(json.output.at(-1).content[0].text).toContain("You said: Say hi");
    const streamed = await events(await call({ input: "Say hi", stream: true }));
    expect(streamed.at(-1).type).toBe("response.completed");
    const tools = (await (await call({ input: "weather?", tools: [weatherTool] })).json()) as any;
    expect(tools.output.find((item: any) => item.type === "function_call").name).toBe("get_weather");
  });

  it("calls function tools and takes their outputs back as input items", async () => {
    const first = (await (await post({ input: "weather in Paris?", tools: [weatherTool] })).json()) as any;
    const call = first.output.find((item: any) => item.type === "function_call");
    expect(call).toMatchObject({ type: "function_call", name: "get_weather", status: "completed" });
    expect(JSON.parse(call.arguments)).toEqual({ city: "x" });
    const second = await post({
      tools: [weatherTool],
      input: [
        { role: "user", content: "weather in Paris?" },
        call,
        { type: "function_call_output", call_id: call.call_id, output: "sunny, 21 C" },
      ],
    });
    expect(second.status).toBe(200);
    const body = (await second.json()) as any;
    expect(body.output[0].content[0].text).toContain("sunny, 21 C");
  });

  it("honours structured outputs (text.format json_schema): JSON-capable models only, JSON back", async () => {
    const res = await post({
      input: "Give me a JSON answer",
      text: {
        format: {
          type: "json_schema",
          name: "answer",
          schema: { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] },
          strict: true,
        },
      },
    });
    const body = (await res.json()) as any;
    expect(JSON.parse(body.output[0].content[0].text)).toHaveProperty("answer");
    expect(body.text.format.type).toBe("json_schema");
  });

  it("streams events in OpenAI's order, ending in response.completed", async () => {
    const res = await post({ input: "Say hi", stream: true });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const list = await events(res);
    const types = list.map((event) => event.type);
    expect(types.slice(0, 5)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
    ]);
    expect(types.slice(-4)).toEqual([
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(list.map((event) => event.sequence_number)).toEqual(list.map((_, i) => i));
    const text = list
      .filter((e) => e.type === "response.output_text.delta")
      .map((e) => e.delta)
      .join("");
    const completed = list.at(-1).response;
    expect(completed.output[0].content[0].text).toBe(text);
    expect(completed.usage.cost_usd).toBeGreaterThan(0);
  });

  it("ends a stream cut mid-answer with an error event and response.failed, never response.completed", async () => {
    const mock = await scenario([{ fault: { type: "cut", afterChunks: 3 } }]);
    const env = await providersEnv(mock, ["openai"]);
    const body = JSON.stringify({ model: "openai/gpt-4.1-mini", input: "Tell me a long story", stream: true });
    const list = await events(await callApp("/v1/responses", jsonPost(body), env));
    const types = list.map((event) => event.type);
    expect(types).toContain("response.output_text.delta");
    expect(types.slice(-2)).toEqual(["error", "response.failed"]);
    expect(types).not.toContain("response.completed");
  });

  it("streams function calls with their arguments", async () => {
    const list = await events(await post({ input: "weather?", tools: [weatherTool], stream: true }));
    const added = list.find((e) => e.type === "response.output_item.added");
    expect(added.item).toMatchObject({ type: "function_call", name: "get_weather", status: "in_progress" });
    const args = list
      .filter((e) => e.type === "response.function_call_arguments.delta")
      .map((e) => e.delta)
      .join("");
    expect(JSON.parse(args)).toEqual({ city: "x" });
    const done = list.find((e) => e.type === "response.function_call_arguments.done");
    expect(done.arguments).toBe(args);
  });

  it("continues a stored response with previous_response_id (without its instructions)", async () => {
    const first = (await (await post({ input: "My name is Ada.", instructions: "Be brief." })).json()) as any;
    const second = await post({ input: "What is my name?", previous_response_id: first.id });
    expect(second.status).toBe(200);
    const body = (await second.json()) as any;
    expect(body.previous_response_id).toBe(first.id);
    // The conversation the provider saw: stored turn + answer + the new input (usage counts them).
    expect(body.usage.input_tokens).toBeGreaterThan(first.usage.input_tokens);
    const fetched = (await (await callWorker(`/v1/responses/${first.id}`)).json()) as any;
    expect(fetched.id).toBe(first.id);
    expect(fetched.output[0].content[0].text).toBe(first.output[0].content[0].text);
  });

  it("stores streamed responses too, and deletes on request", async () => {
    const call = appWithEnv({});
    const postTo = (body: Record<string, unknown>) =>
      call("/v1/responses", jsonPost(JSON.stringify({ model: "auto", ...body })));
    const list = await events(await postTo({ input: "Remember this.", stream: true }));
    const id = list.at(-1).response.id;
    await call.settle(); // stored in the background
    expect((await postTo({ input: "and?", previous_response_id: id })).status).toBe(200);
    const deleted = await call(`/v1/responses/${id}`, { method: "DELETE" });
    expect(await deleted.json()).toEqual({ id, object: "response", deleted: true });
    expect((await postTo({ input: "and?", previous_response_id: id })).status).toBe(404);
  });

  it("honours store: false (nothing to continue from)", async () => {
    const first = (await (await post({ input: "Forget me.", store: false })).json()) as any;
    expect(first.store).toBe(false);
    const res = await post({ input: "again", previous_response_id: first.id });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe("response_not_found");
  });

  it("refuses hosted tools, background runs and unknown fields by name", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ input: "x", tools: [{ type: "web_search" }] }, "tools[0].type"],
      [{ input: "x", background: true }, "background"],
      [{ input: "x", conversation: "conv_1" }, "conversation"],
      [{ input: [{ type: "file_search_call", id: "fs_1" }] }, "input[0].type"],
      [{ input: "x", bogus: 1 }, "bogus"],
    ];
    for (const [body, param] of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error.param).toBe(param);
    }
  });

  it("names the fields it leaves out in x-router-dropped-params", async () => {
    const res = await post({ input: "x", metadata: { a: "b" }, truncation: "auto" });
    expect(res.headers.get("x-router-dropped-params")).toBe("metadata,truncation");
  });
});
