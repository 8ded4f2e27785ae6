// router.on_stream_cut: "continue" through the real app in workerd against the mock upstream: a
// stream cut after tokens reached the client is finished by a fallback model that gets the answer
// so far as its prefix (prefill on Anthropic, an instruction on Chat Completions APIs); tool calls
// are held until complete, so a cut never shows half a call; the final chunk and the stats say so.
import { describe, expect, it } from "vitest";
import { callApp, chatBody, jsonPost, scenario } from "./helpers.ts";
import { keysRouter } from "./key-helpers.ts";
import { jsonFrames, namedEvents, readSse } from "./sse.ts";
import { providersEnv } from "./test-catalog.ts";

const HAIKU = "claude-haiku-test";
const NANO = "gpt-4.1-nano";
const CONTINUE = { "x-router-on-stream-cut": "continue" };
const weather = [
  {
    type: "function",
    function: {
      name: "get_weather",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  },
];

/** A simple-tier prompt (so the cheapest model, claude-haiku-test, goes first) with a long enough echo. */
const SIMPLE = "Translate into French: apple, banana, cherry, grape, lemon, mango, orange and peach.";

const textOf = (chunks: any[]) => chunks.map((c) => c.choices?.[0]?.delta?.content ?? "").join("");

describe("on_stream_cut: continue", () => {
  it("finishes a text answer cut mid-way on a fallback, as one answer, and says so in the last chunk and the stats", async () => {
    const mock = await scenario([{ model: HAIKU, fault: { type: "cut", afterChunks: 5 } }]);
    const router = keysRouter(await providersEnv(mock, ["anthropic", "openai"]));
    const { id, key } = await router.mint("continuing");
    const res = await router.chat(
      key,
      chatBody(SIMPLE, { stream: true, stream_options: { include_usage: true } }),
      CONTINUE,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-model")).toBe(`anthropic/${HAIKU}`);
    const frames = await readSse(res);
    expect(frames.at(-1)).toBe("[DONE]"); // no error event
    const chunks = jsonFrames(frames);
    expect(chunks.some((c) => c.error)).toBe(false);
    const text = textOf(chunks);
    const [first, second] = await mock.requests();
    expect(second!.model).toBe(NANO);
    // The fallback got the partial answer as the assistant's turn, and was asked for the rest.
    const messages = (second!.body as any).messages;
    const prefix = messages.at(-2);
    expect(prefix.role).toBe("assistant");
    expect(prefix.content.length).toBeGreaterThan(0);
    expect(messages.at(-1).content).toMatch(/^Continue your previous answer/);
    expect(text).toBe(`${prefix.content} and the rest, continued by ${NANO}.`);
    expect(text.startsWith(`Mock answer from ${HAIKU}`)).toBe(true);
    expect(first!.model).toBe(HAIKU);
    const finish = chunks.find((c) => c.choices?.[0]?.finish_reason);
    expect(finish.choices[0].finish_reason).toBe("stop");
    expect(finish.router).toEqual({
      continued: { from: `anthropic/${HAIKU}`, to: `openai/${NANO}`, after_chars: prefix.content.length },
    });
    expect(chunks.at(-1).usage.cost_usd).toBeGreaterThan(0);
    await router.call.settle(); // the charges are recorded after the response
    const charges = ((await (await router.admin("/v1/router/stats?days=1")).json()) as any).by_key[id].charges;
    expect(charges.continued).toMatchObject({ attempts: 1, estimated_attempts: 1 });
    expect(charges.served).toMatchObject({ attempts: 1, estimated_attempts: 0 });
  });

  it("continues on Anthropic by prefill: the partial answer is the last (assistant) turn, without trailing space", async () => {
    const mock = await scenario([{ model: NANO, fault: { type: "cut", afterChunks: 4 } }]);
    const router = keysRouter(await providersEnv(mock, ["anthropic", "openai"]));
    const { key } = await router.mint("prefill");
    const body = JSON.stringify({
      model: `openai/${NANO}`,
      stream: true,
      messages: [{ role: "user", content: SIMPLE }],
    });
    const frames = await readSse(await router.chat(key, body, CONTINUE));
    expect(frames.at(-1)).toBe("[DONE]");
    const [, second] = await mock.requests();
    expect(second!.model).toBe(HAIKU);
    expect(second!.invalid).toBeUndefined();
    const last = (second!.body as any).messages.at(-1);
    expect(last.role).toBe("assistant");
    const prefill = Array.isArray(last.content) ? last.content.at(-1).text : last.content;
    expect(prefill).toBe(prefill.trimEnd());
    expect(textOf(jsonFrames(frames))).toContain(`continued by ${HAIKU}`);
  });

  it("holds tool calls until complete: a cut mid-arguments never shows half a call", async () => {
    // Escalation off: no look-ahead, so the stream commits on the call's first delta. The OpenAI
    // mock sends the role, the call's name, then its arguments in two halves: cut after the first half.
    const mock = await scenario([{ model: NANO, fault: { type: "cut", afterChunks: 3 } }]);
    const env = await providersEnv(mock, ["anthropic", "openai"], { ROUTER_ESCALATION: "off" });
    const router = keysRouter(env);
    const { key } = await router.mint("tools");
    const body = JSON.stringify({
      model: `openai/${NANO}`,
      stream: true,
      tools: weather,
      messages: [{ role: "user", content: "hi" }],
    });
    const ask = (headers: Record<string, string>) => router.chat(key, body, headers);

    // Without the option: the error event comes after a call whose arguments never finished.
    const plain = jsonFrames(await readSse(await ask({})));
    expect(plain.at(-1).error.code).toBe("upstream_stream_cut");
    const partial = plain.flatMap((c) => c.choices?.[0]?.delta?.tool_calls ?? []);
    expect(partial.length).toBeGreaterThan(0);
    expect(() => JSON.parse(partial.map((d: any) => d.function.arguments).join(""))).toThrow();

    // With it: only whole calls, from the fallback, and the usual finish.
    const chunks = jsonFrames(await readSse(await ask(CONTINUE)));
    expect(chunks.some((c) => c.error)).toBe(false);
    const deltas = chunks.flatMap((c) => c.choices?.[0]?.delta?.tool_calls ?? []);
    const args = deltas.map((d: any) => d.function.arguments).join("");
    expect(JSON.parse(args)).toEqual({ city: "x" });
    expect(new Set(deltas.filter((d: any) => d.id).map((d: any) => d.function.name))).toEqual(new Set(["get_weather"]));
    const finish = chunks.find((c) => c.choices?.[0]?.finish_reason);
    expect(finish.choices[0].finish_reason).toBe("tool_calls");
    expect(finish.router.continued).toMatchObject({ from: `openai/${NANO}`, to: `anthropic/${HAIKU}`, after_chars: 0 });
  });

  it("passes every other part through: a signed thinking block keeps its signature (Anthropic Messages)", async () => {
    const env = await providersEnv(await scenario(), ["anthropic"]);
    const body = {
      model: "anthropic/claude-sonnet-test",
      max_tokens: 4096,
      thinking: { type: "enabled", budget_tokens: 2048 },
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    };
    const headers = { ...CONTINUE, "anthropic-version": "2023-06-01" };
    const res = await callApp("/v1/messages", jsonPost(JSON.stringify(body), headers), env);
    const deltas = (await namedEvents(res)).filter((e) => e.type === "content_block_delta").map((e) => e.delta);
    expect(deltas).toContainEqual({ type: "signature_delta", signature: expect.stringMatching(/^mocksig-/) });
  });

  it("is off by default: a cut stream ends with an error event, nothing is retried", async () => {
    const mock = await scenario([{ model: HAIKU, fault: { type: "cut", afterChunks: 5 } }]);
    const router = keysRouter(await providersEnv(mock, ["anthropic", "openai"]));
    const { key } = await router.mint("default");
    const frames = await readSse(await router.chat(key, chatBody(SIMPLE, { stream: true })));
    expect(JSON.parse(frames.at(-1)!).error.code).toBe("upstream_stream_cut");
    expect(await mock.requests()).toHaveLength(1);
  });
});
