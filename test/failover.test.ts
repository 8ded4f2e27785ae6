// Failover findings of issue 16, black box through the real app in workerd against fault-injecting
// mocks of each provider family: the operator's bad credential is never blamed on the caller, a
// caller's invalid request never takes a model away from others, the retry budget never denies a
// healthy provider, chatbot time limits, breakers that recover and honour retry-after, and errors
// that list every attempt in our own words.
import { describe, expect, it } from "vitest";
import { appWithEnv, callApp, chatBody, jsonPost, scenario } from "./helpers.ts";
import { ADMIN_TOKEN as KEYS_ADMIN_TOKEN, keysRouter } from "./key-helpers.ts";
import { providersEnv } from "./test-catalog.ts";

const HAIKU = "claude-haiku-test";
const FLASH = "gemini-flash-lite-test";
const NANO = "gpt-4.1-nano";
const ADMIN_TOKEN = "failover-admin-token-0123456789";
const asAdmin = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };
const post = (text: string, extra: Record<string, unknown> = {}) => jsonPost(chatBody(text, extra));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Family = "anthropic" | "google" | "openai";
const MODEL: Record<Family, string> = { anthropic: HAIKU, google: FLASH, openai: NANO };
const ID: Record<Family, string> = {
  anthropic: `anthropic/${HAIKU}`,
  google: `google/${FLASH}`,
  openai: `openai/${NANO}`,
};

describe("a provider's 'wrong credential' answer is the operator's fault", () => {
  it.each([
    ["google", "openai"], // Gemini: 400 INVALID_ARGUMENT with reason API_KEY_INVALID
    ["anthropic", "openai"], // 401 authentication_error
    ["openai", "anthropic"], // 401 invalid_api_key, echoing a masked key
  ] as const)("%s: fails over to %s at once", async (bad, good) => {
    const mock = await scenario([{ model: MODEL[bad], fault: { type: "bad_key" } }]);
    const env = await providersEnv(mock, [bad, good]);
    // The bad provider's model is asked for by name: it goes first, the other stays as a fallback.
    const res = await callApp(
      "/v1/chat/completions",
      jsonPost(JSON.stringify({ model: ID[bad], messages: [{ role: "user", content: "hi" }] })),
      env,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-attempts")).toBe("2");
    expect(res.headers.get("x-router-model")).toBe(ID[good]);
  });

  it.each(["google", "anthropic", "openai"] as const)(
    "%s alone: a 502 naming the deployment's credentials, without the provider's text or key echo",
    async (bad) => {
      const mock = await scenario([{ model: MODEL[bad], fault: { type: "bad_key" } }]);
      const res = await callApp(
        "/v1/chat/completions",
        post("hi", { router: { allow_models: [ID[bad]] } }),
        await providersEnv(mock, [bad]),
      );
      expect(res.status).toBe(502);
      const text = await res.text();
      const error = JSON.parse(text).error;
      expect(error).toMatchObject({ type: "upstream_error", code: "upstream_credentials" });
      expect(error.message).toContain(`Provider ${bad === "google" ? "google" : bad}`);
      expect(error.message).toContain("credentials");
      // Never the provider's free text, never a (masked) key echo.
      expect(text).not.toMatch(/API key not valid|invalid x-api-key|Incorrect API key|\*{4}|QRST/);
      if (bad === "openai") expect(error.message).toContain("Provider request id: req_mock_badkey_0001");
    },
  );
});

describe("a caller's invalid request hurts no one else", () => {
  it("400s the provider refuses go back to that caller only: no breaker opens, other keys keep the model", async () => {
    // What a provider answers a strict tool schema it cannot honour (or an image URL it cannot fetch).
    const refusal = {
      type: "status" as const,
      status: 400,
      body: JSON.stringify({
        type: "error",
        error: { type: "invalid_request_error", message: "tools.0.custom.input_schema: strict mode unsupported" },
      }),
    };
    const mock = await scenario([{ model: HAIKU, times: 6, fault: refusal }]);
    const router = keysRouter(await providersEnv(mock, ["anthropic", "openai"], { ROUTER_BREAKER_FAILURES: "5" }));
    const a = await router.mint("tenant-a");
    const b = await router.mint("tenant-b");
    for (let i = 0; i < 6; i++) {
      const res = await router.chat(a.key, chatBody(`bad tool schema ${i}`));
      expect(res.status).toBe(400);
      expect(res.headers.get("x-router-attempts")).toBe("1");
      const error = ((await res.json()) as any).error;
      expect(error).toMatchObject({ type: "invalid_request_error", code: "upstream_invalid_request" });
      expect(error.message).toContain("code invalid_request_error");
      expect(error.message).not.toContain("strict mode unsupported");
    }
    const served = await router.chat(b.key, chatBody("hello from b"));
    expect(served.status).toBe(200);
    expect(served.headers.get("x-router-model")).toBe(`anthropic/${HAIKU}`);
    const health = (await (
      await router.call("/healthz", { headers: { authorization: `Bearer ${KEYS_ADMIN_TOKEN}` } })
    ).json()) as any;
    expect(health.degraded).toBe(false);
    expect(health.breakers.find((x: any) => x.model === `anthropic/${HAIKU}`)).toMatchObject({
      state: "closed",
      opens: 0,
    });
  });
});

describe("the retry budget and fallbacks", () => {
  it("never denies a fallback to a different, healthy provider (30% primary failures, 200 requests)", async () => {
    const mock = await scenario([{ model: HAIKU, probability: 0.3, fault: { type: "status", status: 503 } }]);
    const call = appWithEnv(
      await providersEnv(mock, ["anthropic", "google"], {
        // The breaker stays closed at a 30% failure rate, as in the report.
        ROUTER_BREAKER_FAILURES: "1000",
        ROUTER_BREAKER_MIN_REQUESTS: "1000",
      }),
    );
    const statuses = new Map<number, number>();
    let failedOver = 0;
    for (let i = 0; i < 200; i++) {
      const res = await call("/v1/chat/completions", post(`question ${i}`));
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.headers.get("x-router-attempts") === "2") failedOver++;
      await res.arrayBuffer();
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 200 });
    expect(failedOver).toBeGreaterThan(30); // the primary really failed ~30% of the time
  }, 60_000);

  it("says so when the budget denies a fallback to a failing provider", async () => {
    const mock = await scenario([{ fault: { type: "status", status: 500 } }]);
    const call = appWithEnv(
      await providersEnv(mock, ["anthropic", "google", "openai"], {
        ROUTER_RETRY_BUDGET_BURST: "0",
        ROUTER_RETRY_BUDGET_RATIO: "0",
        ROUTER_BREAKER_FAILURES: "1000",
        ROUTER_BREAKER_MIN_REQUESTS: "1000",
      }),
    );
    // First request: every provider still looks healthy, so each fallback is free.
    const first = await call("/v1/chat/completions", post("one"));
    expect(first.status).toBe(502);
    expect(first.headers.get("x-router-attempts")).toBe("3");
    expect(first.headers.get("x-router-fallback-skipped")).toBeNull();
    // Now every provider has failed: fallbacks are retries against failing providers, and the empty budget denies them.
    const second = await call("/v1/chat/completions", post("two"));
    expect(second.status).toBe(502);
    expect(second.headers.get("x-router-attempts")).toBe("1");
    expect(second.headers.get("x-router-fallback-skipped")).toBe("budget");
  });

  it.each([
    ["/v1/chat/completions", post("hi")],
    ["/v1/responses", jsonPost(JSON.stringify({ model: "auto", input: "hi" }))],
    [
      "/v1/messages",
      jsonPost(JSON.stringify({ model: "auto", max_tokens: 256, messages: [{ role: "user", content: "hi" }] })),
    ],
  ])("%s lists every attempt's provider, model, status and reason in the error's metadata", async (path, init) => {
    const mock = await scenario([
      { model: HAIKU, fault: { type: "status", status: 503 } },
      { model: FLASH, fault: { type: "status", status: 429, headers: { "retry-after": "30" } } },
      { model: NANO, fault: { type: "hang" } },
    ]);
    const res = await callApp(
      path,
      init,
      await providersEnv(mock, ["anthropic", "google", "openai"], { ROUTER_RESPONSE_TIMEOUT_MS: "200" }),
    );
    expect(res.status).toBe(504);
    const error = ((await res.json()) as any).error;
    expect(error.metadata.attempts).toEqual([
      { provider: "anthropic", model: `anthropic/${HAIKU}`, status: 503, reason: "upstream_503" },
      { provider: "google", model: `google/${FLASH}`, status: 429, reason: "upstream_429" },
      { provider: "openai", model: `openai/${NANO}`, status: 0, reason: "upstream_timeout" },
    ]);
  });
});

describe("time limits that fit a chatbot", () => {
  it("a stream whose providers all hang after their headers errors by the request deadline, not minutes later", async () => {
    const mock = await scenario([{ fault: { type: "ttft", ms: 10_000 } }]);
    const env = await providersEnv(mock, ["anthropic", "google", "openai"], {
      ROUTER_FIRST_TOKEN_TIMEOUT_MS: "300",
      ROUTER_REQUEST_TIMEOUT_MS: "500",
    });
    const started = Date.now();
    const res = await callApp("/v1/chat/completions", post("hi", { stream: true }), env);
    expect(res.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(Number(res.headers.get("x-router-attempts"))).toBe(2); // 300 ms + the 200 ms left
    expect(((await res.json()) as any).error.code).toBe("upstream_timeout");
  });

  it("non-stream attempts share one deadline: three hanging providers do not add up", async () => {
    const mock = await scenario([{ fault: { type: "hang" } }]);
    const env = await providersEnv(mock, ["anthropic", "google", "openai"], {
      ROUTER_RESPONSE_TIMEOUT_MS: "400",
      ROUTER_REQUEST_TIMEOUT_MS: "600",
    });
    const started = Date.now();
    const res = await callApp("/v1/chat/completions", post("hi"), env);
    expect(res.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(1_100);
    expect(res.headers.get("x-router-attempts")).toBe("2");
  });
});

describe("circuit breakers recover", () => {
  it("/healthz is no longer degraded once an opened model's cool-down has passed, traffic or not", async () => {
    const mock = await scenario([{ model: HAIKU, times: 3, fault: { type: "status", status: 500 } }]);
    const call = appWithEnv(
      await providersEnv(mock, ["anthropic", "openai"], {
        ROUTER_BREAKER_FAILURES: "3",
        ROUTER_BREAKER_COOLDOWN_MS: "800",
        ADMIN_TOKEN,
      }),
    );
    // Simple prompts (decided simple: Haiku is their primary).
    for (const greeting of ["hi", "hello", "hey"])
      await (await call("/v1/chat/completions", post(greeting))).arrayBuffer();
    const openedAt = Date.now();
    const during = (await (await call("/healthz", asAdmin)).json()) as any;
    // Degraded while the cool-down runs (a slow machine may read it only after it ended).
    if (Date.now() - openedAt < 700) expect(during.degraded).toBe(true);
    await sleep(Math.max(0, openedAt + 850 - Date.now()));
    const health = (await (await call("/healthz", asAdmin)).json()) as any;
    expect(health.degraded).toBe(false);
    expect(health.breakers.find((b: any) => b.model === `anthropic/${HAIKU}`).state).toBe("half_open");
  });

  it("a provider 429 on the half-open probe pauses the model for its retry-after, not a full cool-down", async () => {
    const mock = await scenario([
      { model: HAIKU, times: 3, fault: { type: "status", status: 500 } },
      { model: HAIKU, times: 1, fault: { type: "status", status: 429, headers: { "retry-after-ms": "150" } } },
    ]);
    const call = appWithEnv(
      await providersEnv(mock, ["anthropic", "openai"], {
        ROUTER_BREAKER_FAILURES: "3",
        ROUTER_BREAKER_COOLDOWN_MS: "300",
        ADMIN_TOKEN,
      }),
    );
    // Simple prompts (decided simple: Haiku is their primary).
    for (const greeting of ["hi", "hello", "hey"])
      await (await call("/v1/chat/completions", post(greeting))).arrayBuffer();
    await sleep(320);
    const probe = await call("/v1/chat/completions", post("good morning"));
    const probedAt = Date.now();
    expect(probe.headers.get("x-router-model")).toBe(`openai/${NANO}`); // the probe got the 429, the fallback served
    const breaker = ((await (await call("/healthz", asAdmin)).json()) as any).breakers.find(
      (b: any) => b.model === `anthropic/${HAIKU}`,
    );
    // Paused for the retry-after (150 ms), not the cool-down (300 ms): still open when read at once; a slow
    // machine may read it after the pause ended, when it is half-open again.
    if (Date.now() - probedAt < 120) expect(breaker.state).toBe("open");
    else expect(["open", "half_open"]).toContain(breaker.state);
    if (breaker.state === "open") expect(breaker.retry_in_ms).toBeLessThanOrEqual(150);
    await sleep(200);
    const back = await call("/v1/chat/completions", post("thanks a lot"));
    expect(back.headers.get("x-router-model")).toBe(`anthropic/${HAIKU}`);
  });
});
