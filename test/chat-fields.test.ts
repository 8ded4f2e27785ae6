// Every current Chat Completions field, one test per row of the README table ("Chat Completions
// fields"): what reaches the provider (the mock upstream records it), what comes back, and what is
// named in x-router-dropped-params.
import { describe, expect, it } from "vitest";
import type { Catalog } from "../src/pricing/catalog-schema.ts";
import { callApp, jsonPost, scenario } from "./helpers.ts";
import { providersEnv, TEST_CATALOG } from "./test-catalog.ts";

type Provider = "openai" | "anthropic" | "google";

async function send(provider: Provider, model: string, extra: Record<string, unknown>, messages?: unknown[]) {
  const mock = await scenario();
  const env = await providersEnv(mock, [provider]);
  const res = await callApp(
    "/v1/chat/completions",
    jsonPost(JSON.stringify({ model, messages: messages ?? [{ role: "user", content: "hi" }], ...extra })),
    env,
  );
  const sent = (await mock.requests()).at(-1)?.body as Record<string, any> | undefined;
  return { res, sent, dropped: res.headers.get("x-router-dropped-params") };
}

const openai = (extra: Record<string, unknown>, model = "openai/gpt-4.1-mini") => send("openai", model, extra);
const anthropic = (extra: Record<string, unknown>, messages?: unknown[]) =>
  send("anthropic", "anthropic/claude-sonnet-test", extra, messages);
const google = (extra: Record<string, unknown>) => send("google", "google/gemini-flash-test", extra);

describe("Chat Completions fields", () => {
  it("prompt_cache_key: forwarded to OpenAI; a cache breakpoint on Anthropic; dropped and named on Gemini", async () => {
    expect((await openai({ prompt_cache_key: "k1" })).sent?.prompt_cache_key).toBe("k1");
    const claude = await anthropic({ prompt_cache_key: "k1" }, [
      { role: "system", content: "Long stable instructions." },
      { role: "user", content: "hi" },
    ]);
    expect(claude.sent?.system).toEqual([
      { type: "text", text: "Long stable instructions.", cache_control: { type: "ephemeral" } },
    ]);
    expect(claude.dropped).toBeNull();
    expect((await google({ prompt_cache_key: "k1" })).dropped).toBe("prompt_cache_key");
  });

  it("prompt_cache_retention: forwarded to OpenAI, dropped and named elsewhere", async () => {
    expect((await openai({ prompt_cache_retention: "24h" })).sent?.prompt_cache_retention).toBe("24h");
    expect((await anthropic({ prompt_cache_retention: "24h" })).dropped).toBe("prompt_cache_retention");
  });

  it("safety_identifier: forwarded to OpenAI; Anthropic's metadata.user_id; dropped and named on Gemini", async () => {
    expect((await openai({ safety_identifier: "u-1" })).sent?.safety_identifier).toBe("u-1");
    expect((await anthropic({ safety_identifier: "u-1" })).sent?.metadata).toEqual({ user_id: "u-1" });
    expect((await google({ safety_identifier: "u-1" })).dropped).toBe("safety_identifier");
  });

  it("verbosity: forwarded to OpenAI reasoning models; dropped and named for others", async () => {
    const reasoning = await send("openai", "openai/gpt-4.1", { verbosity: "low" });
    // The test catalog's gpt-4.1 declares no reasoning: OpenAI refuses verbosity there.
    expect(reasoning.sent?.verbosity).toBeUndefined();
    expect(reasoning.dropped).toBe("verbosity");
    expect((await anthropic({ verbosity: "low" })).dropped).toBe("verbosity");
  });

  it("prediction: forwarded to OpenAI non-reasoning models; dropped and named elsewhere", async () => {
    const prediction = { type: "content", content: "draft" };
    expect((await openai({ prediction })).sent?.prediction).toEqual(prediction);
    expect((await anthropic({ prediction })).dropped).toBe("prediction");
  });

  it("logit_bias: forwarded to OpenAI; dropped and named on providers without it", async () => {
    expect((await openai({ logit_bias: { "50256": -100 } })).sent?.logit_bias).toEqual({ "50256": -100 });
    expect((await google({ logit_bias: { "50256": -100 } })).dropped).toBe("logit_bias");
  });

  it("logprobs / top_logprobs: a routing constraint; the log probabilities come back", async () => {
    const mock = await scenario();
    const env = await providersEnv(mock, ["openai", "anthropic"]);
    const catalog: Catalog = {
      ...TEST_CATALOG,
      models: TEST_CATALOG.models.map((m) =>
        m.id === "openai/gpt-4.1-mini" ? { ...m, capabilities: [...m.capabilities, "logprobs"] } : m,
      ),
    };
    const kv = env.PRICING;
    await kv.put("catalog:current", JSON.stringify(catalog));
    const { primeCatalog } = await import("../src/pricing/catalog-store.ts");
    primeCatalog(kv, catalog, JSON.stringify(catalog), Date.now());
    const body = { model: "auto", logprobs: true, top_logprobs: 2, messages: [{ role: "user", content: "hi" }] };
    const res = await callApp("/v1/chat/completions", jsonPost(JSON.stringify(body)), env);
    expect(res.headers.get("x-router-model")).toBe("openai/gpt-4.1-mini"); // the only model that has them
    const json = (await res.json()) as any;
    expect(json.choices[0].logprobs.content.length).toBeGreaterThan(0);
    const sent = (await mock.requests()).at(-1)!.body as any;
    expect(sent).toMatchObject({ logprobs: true, top_logprobs: 2 });
    const streamed = await callApp("/v1/chat/completions", jsonPost(JSON.stringify({ ...body, stream: true })), env);
    expect(await streamed.text()).toContain('"logprobs":{"content":[{"token"');
    // Without a model that has them: a 400 naming the field.
    const none = await callApp(
      "/v1/chat/completions",
      jsonPost(JSON.stringify({ ...body, model: "anthropic/claude-sonnet-test" })),
      env,
    );
    expect(none.status).toBe(400);
    expect(((await none.json()) as any).error.param).toBe("logprobs");
  });

  it("web_search_options: a routing constraint (no bundled model searches: a clear 400)", async () => {
    const { res } = await openai({ web_search_options: {} }, "auto");
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error).toMatchObject({ param: "web_search_options", code: "no_eligible_model" });
  });

  it("modalities: text is the default; audio is refused with a clear 400", async () => {
    expect((await openai({ modalities: ["text"] })).res.status).toBe(200);
    const { res } = await openai({ modalities: ["text", "audio"], audio: { voice: "alloy", format: "wav" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error).toMatchObject({ param: "modalities", code: "no_eligible_model" });
  });

  it("legacy functions / function_call: translated to tools, answered as function_call", async () => {
    const functions = [
      { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
    ];
    const { res, sent } = await openai({ functions, function_call: "auto" });
    expect(sent?.tools).toEqual([{ type: "function", function: functions[0] }]);
    expect(sent?.tool_choice).toBe("auto");
    const json = (await res.json()) as any;
    expect(json.choices[0].finish_reason).toBe("function_call");
    expect(json.choices[0].message.function_call.name).toBe("get_weather");
    expect(json.choices[0].message.tool_calls).toBeUndefined();
    // The function's answer comes back as role "function" and reaches the provider as a tool result.
    const followUp = await send("openai", "openai/gpt-4.1-mini", { functions }, [
      { role: "user", content: "weather?" },
      { role: "assistant", content: null, function_call: json.choices[0].message.function_call },
      { role: "function", name: "get_weather", content: "sunny" },
    ]);
    expect(followUp.res.status).toBe(200);
    expect(followUp.sent?.messages[2]).toMatchObject({ role: "tool", content: "sunny" });
    expect(followUp.sent?.messages[1].tool_calls[0].id).toBe(followUp.sent?.messages[2].tool_call_id);
  });

  it("metadata, store, service_tier: dropped for every provider and named", async () => {
    const { res, sent, dropped } = await openai({ metadata: { a: "b" }, store: true, service_tier: "flex" });
    expect(res.status).toBe(200);
    expect(sent?.metadata).toBeUndefined();
    expect(sent?.store).toBeUndefined();
    expect(dropped).toBe("metadata,store,service_tier");
  });

  it("reasoning_effort none/xhigh: accepted; Gemini gets a thinking budget", async () => {
    expect((await google({ reasoning_effort: "xhigh" })).sent?.generationConfig.thinkingConfig.thinkingBudget).toBe(
      32768,
    );
    expect((await openai({ reasoning_effort: "none" })).res.status).toBe(200);
  });

  it("n > 1 and moderation: refused with a 400 naming the field", async () => {
    for (const [extra, param] of [
      [{ n: 2 }, "n"],
      [{ moderation: { model: "omni-moderation-latest" } }, "moderation"],
    ] as const) {
      const { res } = await openai(extra);
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error.param).toBe(param);
    }
  });

  it("cost rides in non-stream usage, as in streams", async () => {
    const json = (await (await openai({})).res.json()) as any;
    expect(json.usage.cost_usd).toBeGreaterThan(0);
    expect(json.usage.baseline_cost_usd).toBeGreaterThan(0);
  });
});
