// Every OpenAI-compatible provider config, end to end against the mock over HTTP:
// the right path, the right credential header, the provider's own model name, and an
// OpenAI answer back (stream and non-stream).
import { beforeAll, describe, expect, it } from "vitest";
import type { Catalog, CatalogModel } from "../src/pricing/catalog-schema.ts";
import { CATALOG_KEY, primeCatalog } from "../src/pricing/catalog-store.ts";
import type { ProviderId } from "../src/providers/provider-ids.ts";
import { callApp, jsonPost, scenario, testEnv } from "./helpers.ts";
import { jsonFrames, readSse } from "./sse.ts";

const PROVIDERS = [
  ["groq", "GROQ"],
  ["together", "TOGETHER"],
  ["fireworks", "FIREWORKS"],
  ["mistral", "MISTRAL"],
  ["deepseek", "DEEPSEEK"],
  ["openrouter", "OPENROUTER"],
  ["workers-ai", "WORKERS_AI"],
  ["custom", "CUSTOM"],
] as const;

const model = (provider: ProviderId): CatalogModel => ({
  id: `${provider}/test-model`,
  provider,
  upstreamModel: "test-model",
  pricing: { input: 0.1, output: 0.2 },
  contextWindow: 32_000,
  maxOutputTokens: 4096,
  capabilities: ["tools", "json", "streaming"],
  maxTier: "complex",
});

const catalog: Catalog = {
  version: 1,
  updatedAt: "2026-01-01T00:00:00Z",
  baseline: "groq/test-model",
  models: PROVIDERS.map(([id]) => model(id)),
};

let kv: KVNamespace;
beforeAll(async () => {
  kv = testEnv.SPARE_KV_C;
  const raw = JSON.stringify(catalog);
  await kv.put(CATALOG_KEY, raw);
  primeCatalog(kv, catalog, raw, Date.now());
});

/** Only `provider` is configured: its key and base URL point at a fresh mock scenario. */
async function only(provider: string, prefix: string) {
  const mock = await scenario();
  const env: Record<string, unknown> = { PRICING: kv, OPENAI_API_KEY: "" };
  env[`${prefix}_API_KEY`] = `key-for-${provider}`;
  env[`${prefix}_BASE_URL`] = mock.openaiBaseUrl;
  return { mock, env };
}

describe.each(PROVIDERS)("%s (OpenAI-compatible)", (provider, prefix) => {
  it("answers non-stream through its own endpoint and key", async () => {
    const { mock, env } = await only(provider, prefix);
    const body = JSON.stringify({ model: "auto", messages: [{ role: "user", content: "hello" }] });
    const res = await callApp("/v1/chat/completions", jsonPost(body), env);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-model")).toBe(`${provider}/test-model`);
    expect(((await res.json()) as any).choices[0].message.content).toContain("Mock answer from test-model");
    const [sent] = await mock.requests();
    expect(sent!.path).toBe("/v1/chat/completions");
    expect(sent!.headers.authorization).toBe(`Bearer key-for-${provider}`);
    expect((sent!.body as { model: string }).model).toBe("test-model");
  });

  it("streams tool calls", async () => {
    const { env } = await only(provider, prefix);
    const body = JSON.stringify({
      model: `${provider}/test-model`,
      stream: true,
      messages: [{ role: "user", content: "weather?" }],
      tools: [{ type: "function", function: { name: "weather", parameters: { type: "object", properties: {} } } }],
    });
    const res = await callApp("/v1/chat/completions", jsonPost(body), env);
    expect(res.status).toBe(200);
    const frames = await readSse(res);
    expect(frames.at(-1)).toBe("[DONE]");
    const calls = jsonFrames(frames).flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({ index: 0, function: { name: "weather" } });
  });
});

describe("custom provider without a key", () => {
  it("is configured by CUSTOM_BASE_URL alone and sends no credential", async () => {
    const mock = await scenario();
    const env = { PRICING: kv, OPENAI_API_KEY: "", CUSTOM_BASE_URL: mock.openaiBaseUrl };
    const res = await callApp(
      "/v1/route",
      jsonPost(JSON.stringify({ model: "auto", messages: [{ role: "user", content: "hi" }] })),
      env,
    );
    expect(((await res.json()) as any).model).toBe("custom/test-model");
  });
});
