// The official OpenAI SDK, over real HTTP, through `wrangler dev`, streaming with tools,
// against an Anthropic-format and a Gemini-format upstream (the mock upstream speaking each
// provider's wire protocol). The catalog is written to the dev server's local KV first.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server.ts";
import { freePort } from "./free-port.ts";
import { cleanEnv, spawnServer, type SpawnedServer } from "./spawn-server.ts";

const model = (id: string, maxTier: string) => ({
  id,
  provider: id.split("/")[0],
  upstreamModel: id.split("/")[1],
  pricing: { input: 0.1, output: 0.4 },
  contextWindow: 200000,
  maxOutputTokens: 8192,
  capabilities: ["tools", "vision", "json", "streaming"],
  maxTier,
});
const CATALOG = {
  version: 1,
  updatedAt: "2026-01-01T00:00:00Z",
  baseline: "anthropic/claude-sonnet-test",
  models: [model("anthropic/claude-sonnet-test", "complex"), model("google/gemini-flash-test", "complex")],
};

let dev: SpawnedServer;
let mock: MockUpstream;
let base: string;
let state: string;
const wrangler = ["node_modules/wrangler/bin/wrangler.js"];

beforeAll(async () => {
  mock = await startMockUpstream();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  state = mkdtempSync(join(tmpdir(), "triage-sdk-"));
  const env = cleanEnv();
  execFileSync(
    process.execPath,
    [
      ...wrangler,
      "kv",
      "key",
      "put",
      "catalog:current",
      JSON.stringify(CATALOG),
      "--binding",
      "PRICING",
      "--local",
      "--persist-to",
      state,
    ],
    { env, stdio: "pipe" },
  );
  const vars = [
    `ANTHROPIC_API_KEY:sk-ant-sdk-test`,
    `ANTHROPIC_BASE_URL:${mock.url}`,
    `GEMINI_API_KEY:gemini-sdk-test`,
    `GEMINI_BASE_URL:${mock.url}/v1beta`,
    // A local dev server: open mode, as `npm run dev` runs (client keys are tested in workerd).
    "ROUTER_AUTH:open",
  ].flatMap((v) => ["--var", v]);
  dev = await spawnServer(
    [...wrangler, "dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", state, ...vars],
    base,
    env,
  );
}, 120_000);

afterAll(async () => {
  dev?.stop();
  await mock?.close();
  if (state) rmSync(state, { recursive: true, force: true });
});

const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_weather",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  },
  {
    type: "function",
    function: {
      name: "get_time",
      parameters: { type: "object", properties: { zone: { type: "string" } }, required: ["zone"] },
    },
  },
];

describe.each([
  ["anthropic", "anthropic/claude-sonnet-test"],
  ["google", "google/gemini-flash-test"],
])("OpenAI SDK through the router to a %s-format upstream", (provider, id) => {
  it("streams parallel tool calls the SDK can assemble, then answers the tool results", async () => {
    const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: "unused", maxRetries: 0 });
    const stream = client.chat.completions.stream({
      model: id,
      stream: true,
      tools,
      messages: [{ role: "user", content: "Weather and time in Rome? [[parallel]]" }],
    });
    const final = await stream.finalChatCompletion();
    const message = final.choices[0]!.message;
    expect(final.choices[0]!.finish_reason).toBe("tool_calls");
    expect(message.tool_calls?.map((c) => c.type === "function" && c.function.name)).toEqual([
      "get_weather",
      "get_time",
    ]);
    for (const call of message.tool_calls ?? [])
      if (call.type === "function") expect(JSON.parse(call.function.arguments)).toBeTypeOf("object");

    const followUp = await client.chat.completions.create({
      model: id,
      stream: true,
      tools,
      messages: [
        { role: "user", content: "Weather and time in Rome? [[parallel]]" },
        message,
        ...(message.tool_calls ?? []).map((call) => ({ role: "tool" as const, tool_call_id: call.id, content: "ok" })),
      ],
    });
    let text = "";
    for await (const chunk of followUp) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toContain(`Mock answer from ${id.split("/")[1]}`);
  });
});
