// The OpenAI-compatible providers: one shared base, small dialects. Recorded chunks follow
// each provider's documented stream format.
import { describe, expect, it } from "vitest";
import { bodyOf, canonical, openAIFrames, parts } from "../../../test/support/fixture-harness.ts";
import { custom } from "../custom/index.ts";
import { deepseek } from "../deepseek/index.ts";
import { mistral } from "../mistral/index.ts";
import { openai } from "../openai/index.ts";
import { openrouter } from "../openrouter/index.ts";
import { resolveEndpoints } from "../registry.ts";
import { workersAi } from "../workers-ai/index.ts";
import deepseekStream from "./fixtures/deepseek-reasoner-stream.sse?raw";
import openaiTools from "./fixtures/openai-tools-stream.sse?raw";
import openrouterError from "./fixtures/openrouter-midstream-error.sse?raw";

const base = { model: "auto", messages: [{ role: "user", content: "hi" }] };

describe("OpenAI-compatible dialects", () => {
  it("OpenAI: max_completion_tokens, stream usage always requested, parameters passed through", () => {
    const { body, call } = bodyOf(
      openai.adapter,
      canonical({
        ...base,
        stream: true,
        max_tokens: 9,
        seed: 1,
        tool_choice: "required",
        tools: [{ type: "function", function: { name: "f" } }],
      }),
      "gpt-4.1",
    );
    expect(body).toMatchObject({
      model: "gpt-4.1",
      max_completion_tokens: 9,
      seed: 1,
      tool_choice: "required",
      stream_options: { include_usage: true },
    });
    expect(call.headers.authorization).toBe("Bearer secret-key");
  });

  it("OpenAI: interleaved parallel tool-call deltas keep their indices", async () => {
    const frames = (await openAIFrames(openai.adapter, openaiTools, canonical({ ...base, stream: true }))) as any[];
    const calls = frames.flatMap((f) => f.choices?.[0]?.delta?.tool_calls ?? []);
    const args = (i: number) =>
      calls
        .filter((c: any) => c.index === i)
        .map((c: any) => c.function.arguments)
        .join("");
    expect([JSON.parse(args(0)), JSON.parse(args(1))]).toEqual([{ city: "Rome" }, { city: "Oslo" }]);
    expect(calls.filter((c: any) => c.id).map((c: any) => c.id)).toEqual(["call_a", "call_b"]);
  });

  it("Mistral: random_seed, tool_choice any, max_tokens, no stream_options, no user", () => {
    const { body } = bodyOf(
      mistral.adapter,
      canonical({
        ...base,
        stream: true,
        seed: 3,
        max_tokens: 5,
        user: "u",
        tool_choice: "required",
        tools: [{ type: "function", function: { name: "f" } }],
      }),
      "mistral-small",
    );
    expect(body).toMatchObject({ random_seed: 3, max_tokens: 5, tool_choice: "any" });
    expect(body).not.toHaveProperty("stream_options");
    expect(body).not.toHaveProperty("user");
    expect(body).not.toHaveProperty("seed");
  });

  it("DeepSeek: reasoning_content deltas and prompt_cache_hit_tokens as cached tokens", async () => {
    const out = await parts(deepseek.adapter, deepseekStream, canonical({ ...base, stream: true }));
    expect(
      out
        .filter((p) => p.type === "reasoning-delta")
        .map((p: any) => p.text)
        .join(""),
    ).toBe("9.11 vs 9.8: compare tenths.");
    expect(
      out
        .filter((p) => p.type === "text-delta")
        .map((p: any) => p.text)
        .join(""),
    ).toBe("9.8 is larger.");
    expect(out.find((p) => p.type === "usage")).toEqual({
      type: "usage",
      usage: { inputTokens: 20, outputTokens: 60, cachedInputTokens: 16, reasoningTokens: 50 },
    });
  });

  it("DeepSeek: a json_schema request is refused, not weakened to json_object", () => {
    expect(() =>
      bodyOf(
        deepseek.adapter,
        canonical({ ...base, response_format: { type: "json_schema", json_schema: { name: "x", schema: {} } } }),
        "deepseek-chat",
      ),
    ).toThrow(expect.objectContaining({ status: 400, param: "response_format" }));
  });

  it("OpenRouter: a mid-stream error chunk ends the stream with an error part; attribution headers are optional", async () => {
    const out = await parts(openrouter.adapter, openrouterError, canonical({ ...base, stream: true }));
    expect(out.map((p) => p.type)).toEqual(["text-delta", "error"]);
    // Our wording, never the provider's free text.
    expect((out[1] as any).error.message).toMatch(/^Provider openrouter reported an error/);
    expect((out[1] as any).error.message).not.toContain("Provider disconnected");
    const { call } = bodyOf(openrouter.adapter, canonical(base), "x");
    expect(call.headers).not.toHaveProperty("X-Title");
  });

  it("Workers AI needs an account id (or a base URL); custom needs a base URL and no key", () => {
    const endpoints = resolveEndpoints({
      PRICING: undefined as never,
      WORKERS_AI_API_KEY: "cf-token",
      WORKERS_AI_ACCOUNT_ID: "acc123",
      CUSTOM_BASE_URL: "http://vllm.internal:8000/v1",
      OPENROUTER_API_KEY: "k",
      OPENROUTER_APP_NAME: "Triage",
    });
    expect(endpoints.get("workers-ai")?.baseUrl).toBe("https://api.cloudflare.com/client/v4/accounts/acc123/ai/v1");
    expect(endpoints.get("custom")).toMatchObject({ baseUrl: "http://vllm.internal:8000/v1", apiKey: "" });
    expect(bodyOf(custom.adapter, canonical(base), "llama").call.headers).toMatchObject({
      authorization: "Bearer secret-key",
    });
    expect(resolveEndpoints({ PRICING: undefined as never, WORKERS_AI_API_KEY: "cf-token" }).has("workers-ai")).toBe(
      false,
    );
    const withOptions = endpoints.get("openrouter")!;
    expect(
      openrouter.adapter.buildRequest(canonical(base), { upstreamModel: "x" }, withOptions).headers["X-Title"],
    ).toBe("Triage");
    expect(bodyOf(workersAi.adapter, canonical(base), "@cf/meta/llama-3.1-8b-instruct").call.url).toBe(
      "https://upstream.test/base/chat/completions",
    );
  });
});
