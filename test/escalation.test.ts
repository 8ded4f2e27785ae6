// Escalation one tier up when the cheap model's answer fails a cheap check, and hedging.
import { describe, expect, it } from "vitest";
import { callApp, chatBody, jsonPost, scenario } from "./helpers.ts";
import { jsonFrames, readSse } from "./sse.ts";
import { providersEnv } from "./test-catalog.ts";

const NANO = "gpt-4.1-nano";
const weather = [
  {
    type: "function",
    function: {
      name: "get_weather",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  },
];

async function ask(
  answer: string,
  extra: Record<string, unknown> = {},
  providers: ("openai" | "anthropic" | "google")[] = ["openai"],
  model = NANO,
) {
  const mock = await scenario([{ model, fault: { type: "answer", answer: answer as never } }]);
  const res = await callApp(
    "/v1/chat/completions",
    jsonPost(chatBody("hi there", extra)),
    await providersEnv(mock, providers),
  );
  return { res, mock };
}

describe("escalation on a failed answer (non-stream)", () => {
  it.each([
    ["refusal", {}],
    ["empty", {}],
    ["length", {}],
    ["invalid_json", { response_format: { type: "json_object" } }],
    ["bad_tool_args", { tools: weather }],
  ])("a %s answer is retried one tier up and says why", async (answer, extra) => {
    const { res, mock } = await ask(answer, extra);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-escalated")).toBe(answer === "bad_tool_args" ? "invalid_tool_arguments" : answer);
    expect(res.headers.get("x-router-escalated-from")).toBe(`openai/${NANO}`);
    expect(res.headers.get("x-router-model")).toBe("openai/gpt-4.1-mini");
    expect(res.headers.get("x-router-tier")).toBe("moderate");
    expect(res.headers.get("x-router-attempts")).toBe("2");
    expect((await mock.requests()).map((r) => r.model)).toEqual([NANO, "gpt-4.1-mini"]);
  });

  it("does not escalate a length cut the caller asked for", async () => {
    const { res } = await ask("length", { max_tokens: 10 });
    expect(res.headers.get("x-router-escalated")).toBeNull();
    expect(((await res.json()) as any).choices[0].finish_reason).toBe("length");
  });

  it("does not escalate a pinned model, but says the answer failed its check", async () => {
    const mock = await scenario([{ model: NANO, fault: { type: "answer", answer: "refusal" } }]);
    const res = await callApp(
      "/v1/chat/completions",
      jsonPost(JSON.stringify({ model: `openai/${NANO}`, messages: [{ role: "user", content: "hi" }] })),
      await providersEnv(mock, ["openai"]),
    );
    expect(res.headers.get("x-router-escalated")).toBeNull();
    expect(res.headers.get("x-router-answer-check")).toBe("refusal");
  });

  it("checks tool arguments against the tool's schema for Anthropic too", async () => {
    const { res } = await ask("bad_tool_args", { tools: weather }, ["anthropic"], "claude-haiku-test");
    expect(res.headers.get("x-router-escalated")).toBe("invalid_tool_arguments");
    expect(res.headers.get("x-router-model")).toBe("anthropic/claude-sonnet-test");
    const call = ((await res.json()) as any).choices[0].message.tool_calls[0];
    expect(JSON.parse(call.function.arguments)).toEqual({ city: "x" });
  });
});

describe("escalation on a failed answer (stream, before the first byte)", () => {
  it("a streamed refusal is held back and replaced by the next tier's answer", async () => {
    const { res } = await ask("refusal", { stream: true }, ["google"], "gemini-flash-lite-test");
    expect(res.headers.get("x-router-escalated")).toBe("refusal");
    const frames = await readSse(res);
    const text = jsonFrames(frames)
      .map((c) => c.choices[0]?.delta?.content ?? "")
      .join("");
    expect(text).toContain("Mock answer from gemini-flash-test");
    expect(text).not.toContain("sorry");
    expect(frames.at(-1)).toBe("[DONE]");
  });

  it("invalid JSON under JSON mode is caught on its first character", async () => {
    const { res } = await ask(
      "invalid_json",
      { stream: true, response_format: { type: "json_object" } },
      ["anthropic"],
      "claude-haiku-test",
    );
    expect(res.headers.get("x-router-escalated")).toBe("invalid_json");
    const text = jsonFrames(await readSse(res))
      .map((c) => c.choices[0]?.delta?.content ?? "")
      .join("");
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it("a good streamed answer is not escalated", async () => {
    const mock = await scenario();
    const res = await callApp(
      "/v1/chat/completions",
      jsonPost(chatBody("hi", { stream: true })),
      await providersEnv(mock, ["anthropic"]),
    );
    expect(res.headers.get("x-router-escalated")).toBeNull();
    expect(res.headers.get("x-router-attempts")).toBe("1");
  });
});

describe("hedging (off by default)", () => {
  it("races the next candidate after the primary's expected TTFT and aborts the loser", async () => {
    const mock = await scenario([{ model: "claude-haiku-test", fault: { type: "delay", ms: 3000 } }]);
    const env = await providersEnv(mock, ["anthropic", "google"], {
      ROUTER_HEDGE: "on",
      ROUTER_HEDGE_MIN_DELAY_MS: "100",
    });
    const started = Date.now();
    const res = await callApp(
      "/v1/chat/completions",
      jsonPost(chatBody("hi", { router: { objective: "latency" } })),
      env,
    );
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.headers.get("x-router-hedged")).toBe("1");
    expect(res.headers.get("x-router-model")).toBe("google/gemini-flash-lite-test");
    expect(res.headers.get("x-router-attempts")).toBe("2");
  });

  it("does not hedge when hedging is off", async () => {
    const mock = await scenario([{ model: "claude-haiku-test", fault: { type: "delay", ms: 600 } }]);
    const res = await callApp(
      "/v1/chat/completions",
      jsonPost(chatBody("hi", { router: { objective: "latency" } })),
      await providersEnv(mock, ["anthropic", "google"]),
    );
    expect(res.headers.get("x-router-hedged")).toBeNull();
    expect(res.headers.get("x-router-model")).toBe("anthropic/claude-haiku-test");
  });
});
