// `npm run dev` end to end, over real HTTP: wrangler dev + the mock upstream, no
// API keys, driven by the official OpenAI SDK exactly as an app would use it.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./free-port.ts";
import { cleanEnv, spawnServer, type SpawnedServer } from "./spawn-server.ts";

let dev: SpawnedServer;
let base: string;
let output: () => string = () => "";

beforeAll(async () => {
  const port = await freePort();
  const mockPort = await freePort();
  base = `http://127.0.0.1:${port}`;
  // No provider keys, and ROUTER_AUTH unset: the dev default (open mode, with its warning).
  dev = await spawnServer(
    ["tools/cli/dev.ts"],
    base,
    cleanEnv({ PORT: String(port), MOCK_UPSTREAM_PORT: String(mockPort) }),
  );
  output = dev.output;
}, 100_000);

afterAll(() => dev?.stop());

describe("npm run dev", () => {
  it("answers a non-stream chat request through the OpenAI SDK, unmodified", async () => {
    const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: "unused-in-dev" });
    const { data, response } = await client.chat.completions
      .create({ model: "auto", messages: [{ role: "user", content: "hi" }] })
      .withResponse();
    expect(data.object).toBe("chat.completion");
    expect(data.choices[0]!.message.content).toContain("Mock answer from");
    expect(response.headers.get("x-router-model")).toBeTruthy();
    expect(response.headers.get("x-router-tier")).toBeTruthy();
  });

  it("streams through the OpenAI SDK", async () => {
    const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: "unused-in-dev" });
    const stream = await client.chat.completions.create({
      model: "auto",
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    });
    let text = "";
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toContain("Mock answer from");
    expect(finish).toBe("stop");
  });

  it("ends the raw SSE stream with [DONE]", async () => {
    const res = await fetch(`${base}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "auto", stream: true, messages: [{ role: "user", content: "hi" }] }),
    });
    expect((await res.text()).trimEnd().endsWith("data: [DONE]")).toBe(true);
  });

  it("returns the decision from /v1/route", async () => {
    const res = await fetch(`${base}/v1/route`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "auto", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(((await res.json()) as { object: string }).object).toBe("router.decision");
  });

  it("runs in open mode, warns about it on start, and says so on every response", async () => {
    expect(output()).toContain("WARNING: client auth is OPEN (ROUTER_AUTH=open)");
    const res = await fetch(`${base}/v1/models`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-auth")).toBe("open");
    // Triage-shaped keys are still checked in open mode.
    const bad = await fetch(`${base}/v1/models`, {
      headers: { authorization: `Bearer tri_aaaaaaaaaaaa_${"B".repeat(43)}` },
    });
    expect(bad.status).toBe(401);
  });

  it("answers '{' with a 400 in the OpenAI error envelope", async () => {
    const res = await fetch(`${base}/v1/chat/completions`, { method: "POST", body: "{" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
  });
});

// The clients people use today, unmodified, against the same `npm run dev` server: the OpenAI SDK's
// Responses API (create, stream, structured outputs, tools with previous_response_id), an
// @openai/agents run with a tool, the Vercel AI SDK's default OpenAI provider (Responses API),
// and the official Anthropic SDK. (Python SDKs: PyPI is not reachable from this machine.)
describe("SDK clients against npm run dev", () => {
  const openai = () => new OpenAI({ baseURL: `${base}/v1`, apiKey: "unused-in-dev", maxRetries: 0 });
  const weather = {
    type: "function" as const,
    name: "get_weather",
    description: "Weather in a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string" } },
      required: ["city"],
      additionalProperties: false,
    },
    strict: true,
  };

  it("openai responses.create answers, with the routing headers", async () => {
    const { data, response } = await openai().responses.create({ model: "auto", input: "hi" }).withResponse();
    expect(data.output_text).toContain("Mock answer from");
    expect(data.status).toBe("completed");
    expect(response.headers.get("x-router-model")).toBeTruthy();
  });

  it("openai responses.stream streams text and assembles the final response", async () => {
    const stream = openai().responses.stream({ model: "auto", input: "Write a haiku" });
    let text = "";
    stream.on("response.output_text.delta", (event) => (text += event.delta));
    const final = await stream.finalResponse();
    expect(final.output_text).toBe(text);
    expect(text).toContain("Mock answer from");
  });

  it("openai responses: a function call, then its output with previous_response_id", async () => {
    const client = openai();
    const first = await client.responses.create({ model: "auto", input: "weather in Paris?", tools: [weather] });
    const call = first.output.find((item) => item.type === "function_call");
    expect(call?.type === "function_call" && call.name).toBe("get_weather");
    if (call?.type !== "function_call") throw new Error("no function call");
    const second = await client.responses.create({
      model: "auto",
      previous_response_id: first.id,
      tools: [weather],
      input: [{ type: "function_call_output", call_id: call.call_id, output: "sunny, 21 C" }],
    });
    expect(second.output_text).toContain("sunny, 21 C");
  });

  it("openai structured outputs: responses.parse and chat.completions.parse with a zod schema", async () => {
    const { z } = await import("zod");
    const { zodResponseFormat, zodTextFormat } = await import("openai/helpers/zod");
    const Answer = z.object({ answer: z.string(), model: z.string() });
    const client = openai();
    const parsed = await client.responses.parse({
      model: "auto",
      input: "answer in JSON",
      text: { format: zodTextFormat(Answer, "answer") },
    });
    expect(parsed.output_parsed?.answer).toContain("Mock answer from");
    const chat = await client.chat.completions.parse({
      model: "auto",
      messages: [{ role: "user", content: "answer in JSON" }],
      response_format: zodResponseFormat(Answer, "answer"),
    });
    expect(chat.choices[0]!.message.parsed?.answer).toContain("Mock answer from");
  });

  it("@openai/agents runs an agent with a tool through the Responses API", async () => {
    const { Agent, run, tool, setDefaultOpenAIClient, setOpenAIAPI, setTracingDisabled } =
      await import("@openai/agents");
    const { z } = await import("zod");
    setTracingDisabled(true);
    setOpenAIAPI("responses");
    setDefaultOpenAIClient(openai() as never);
    const calls: string[] = [];
    const getWeather = tool({
      name: "get_weather",
      description: "Weather in a city",
      parameters: z.object({ city: z.string() }),
      execute: async ({ city }) => {
        calls.push(city);
        return `sunny in ${city}`;
      },
    });
    const agent = new Agent({ name: "Weather", instructions: "Answer briefly.", model: "auto", tools: [getWeather] });
    const result = await run(agent, "What is the weather in Paris?");
    expect(calls).toEqual(["x"]);
    expect(result.finalOutput).toContain("sunny in x");
  });

  it("the Vercel AI SDK's default OpenAI provider (Responses API): generateText and streamText", async () => {
    const { generateText, streamText } = await import("ai");
    const { createOpenAI } = await import("@ai-sdk/openai");
    const provider = createOpenAI({ baseURL: `${base}/v1`, apiKey: "unused-in-dev" });
    const generated = await generateText({ model: provider("auto"), prompt: "hi", maxRetries: 0 });
    expect(generated.text).toContain("Mock answer from");
    expect(generated.usage.inputTokens).toBeGreaterThan(0);
    const streamed = streamText({ model: provider("auto"), prompt: "Write a haiku", maxRetries: 0 });
    let text = "";
    for await (const delta of streamed.textStream) text += delta;
    expect(text).toContain("Mock answer from");
  });

  it("the Anthropic SDK: messages.create, messages.stream and a tool call", async () => {
    const { default: Anthropic } = await import("@anthropic-ai/sdk");
    const client = new Anthropic({ baseURL: base, apiKey: "unused-in-dev", maxRetries: 0 });
    const message = await client.messages.create({
      model: "auto",
      max_tokens: 512,
      system: "Be brief.",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(message.content[0]?.type === "text" && message.content[0].text).toContain("Mock answer from");
    const stream = client.messages.stream({
      model: "auto",
      max_tokens: 512,
      messages: [{ role: "user", content: "hi" }],
    });
    let text = "";
    stream.on("text", (delta) => (text += delta));
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe("end_turn");
    expect(text).toContain("Mock answer from");
    const withTool = await client.messages.create({
      model: "auto",
      max_tokens: 512,
      tools: [{ name: "get_weather", input_schema: { type: "object", properties: { city: { type: "string" } } } }],
      messages: [{ role: "user", content: "weather?" }],
    });
    expect(withTool.stop_reason).toBe("tool_use");
    const error = await client.messages
      .create({ model: "gpt-4o", max_tokens: 10, messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
  });
});
