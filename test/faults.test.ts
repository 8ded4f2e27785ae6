// METHODS.md §3: every fault the mock upstream injects, with zero lost requests.
import { describe, expect, it } from "vitest";
import { appWithEnv, callApp, chatBody, jsonPost, scenario } from "./helpers.ts";
import { jsonFrames, readSse } from "./sse.ts";
import { providersEnv } from "./test-catalog.ts";

const HAIKU = "claude-haiku-test";
const ADMIN_TOKEN = "faults-admin-token-0123456789";
const asAdmin = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };
const post = (text: string, extra: Record<string, unknown> = {}) => jsonPost(chatBody(text, extra));
const waitFor = async (check: () => Promise<boolean>, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
};

describe("faults: primary down", () => {
  it("100% 5xx on the primary: every request succeeds via fallback, and the breaker stops the bleeding", async () => {
    const mock = await scenario([{ model: HAIKU, fault: { type: "status", status: 503 } }]);
    const call = appWithEnv(await providersEnv(mock, ["anthropic", "openai"]));
    const results = [];
    for (let i = 0; i < 12; i++) results.push(await call("/v1/chat/completions", post(`hello ${i}`)));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(new Set(results.map((r) => r.headers.get("x-router-model")))).toEqual(new Set(["openai/gpt-4.1-nano"]));
    const log = await mock.requests();
    // Five consecutive failures open the breaker: the primary is not hammered for the rest.
    expect(log.filter((r) => r.model === HAIKU)).toHaveLength(5);
    expect(log.every((r) => !r.invalid)).toBe(true);
  });

  it("connection refused on the primary: requests succeed via fallback", async () => {
    const mock = await scenario();
    const env = await providersEnv(mock, ["anthropic", "openai"], { ANTHROPIC_BASE_URL: "http://127.0.0.1:9" });
    const res = await callApp("/v1/chat/completions", post("hi"), env);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-attempts")).toBe("2");
    expect(res.headers.get("x-router-model")).toBe("openai/gpt-4.1-nano");
  });

  it("a connection reset on the primary (stream) fails over before the first byte", async () => {
    const mock = await scenario([{ model: HAIKU, fault: { type: "reset" } }]);
    const res = await callApp(
      "/v1/chat/completions",
      post("hi", { stream: true }),
      await providersEnv(mock, ["anthropic", "google"]),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-model")).toBe("google/gemini-flash-lite-test");
    expect((await readSse(res)).at(-1)).toBe("[DONE]");
  });
});

describe("faults: 429 and retry-after", () => {
  it("fails over at once when a fallback exists", async () => {
    const mock = await scenario([
      { model: HAIKU, fault: { type: "status", status: 429, headers: { "retry-after": "5" } } },
    ]);
    const started = Date.now();
    const res = await callApp("/v1/chat/completions", post("hi"), await providersEnv(mock, ["anthropic", "openai"]));
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.headers.get("x-router-attempts")).toBe("2");
  });

  it("waits a short retry-after-ms and retries when no fallback exists", async () => {
    const mock = await scenario([
      { model: HAIKU, times: 1, fault: { type: "status", status: 429, headers: { "retry-after-ms": "300" } } },
    ]);
    const started = Date.now();
    const res = await callApp(
      "/v1/chat/completions",
      post("hi", { router: { allow_models: [`anthropic/${HAIKU}`] } }),
      await providersEnv(mock, ["anthropic"]),
    );
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(res.headers.get("x-router-attempts")).toBe("2");
    expect((await mock.requests()).map((r) => r.model)).toEqual([HAIKU, HAIKU]);
  });

  it("passes a long retry-after on as a 429 when no fallback exists", async () => {
    const mock = await scenario([
      { model: HAIKU, fault: { type: "status", status: 429, headers: { "retry-after": "30" } } },
    ]);
    const res = await callApp(
      "/v1/chat/completions",
      post("hi", { router: { allow_models: [`anthropic/${HAIKU}`] } }),
      await providersEnv(mock, ["anthropic"]),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(((await res.json()) as any).error.type).toBe("rate_limit_error");
    expect(await mock.requests()).toHaveLength(1);
  });
});

describe("faults: random 5xx everywhere", () => {
  it("keeps success high with a bounded retry budget and no nested retries", async () => {
    const mock = await scenario([{ probability: 0.2, fault: { type: "status", status: 500 } }]);
    const call = appWithEnv(
      await providersEnv(mock, ["anthropic", "google", "openai"], { ROUTER_BREAKER_FAILURES: "50" }),
    );
    const total = 120;
    let ok = 0;
    for (let i = 0; i < total; i++) if ((await call("/v1/chat/completions", post(`req-${i}`))).status === 200) ok++;
    const log = await mock.requests();
    expect(ok / total).toBeGreaterThanOrEqual(0.95);
    // Retries never exceed 20% of requests plus the burst of 10.
    expect(log.length).toBeLessThanOrEqual(total * 1.2 + 10);
    // No nested retries: each request reached each model at most once.
    const pairs = log.map((r) => `${JSON.stringify(r.body).match(/req-\d+/)?.[0]}|${r.model}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it("stops retrying once the budget is spent, rather than multiplying load", async () => {
    const mock = await scenario([{ fault: { type: "status", status: 500 } }]);
    const call = appWithEnv(
      await providersEnv(mock, ["anthropic", "google", "openai"], {
        ROUTER_BREAKER_FAILURES: "1000",
        ROUTER_BREAKER_MIN_REQUESTS: "1000",
      }),
    );
    for (let i = 0; i < 40; i++) expect((await call("/v1/chat/completions", post(`x-${i}`))).status).toBe(502);
    // The budget: 20% of requests plus a burst of 10; beyond it, each of the three providers was tried
    // once as a free fallback while it still looked healthy (a fallback elsewhere cannot feed a storm).
    expect((await mock.requests()).length).toBeLessThanOrEqual(40 * 1.2 + 10 + 3);
  });
});

describe("faults: hangs and stalls", () => {
  it("a hang before headers falls back within the timeout and the abandoned subrequest is aborted", async () => {
    const mock = await scenario([{ model: HAIKU, fault: { type: "hang" } }]);
    const env = await providersEnv(mock, ["anthropic", "openai"], { ROUTER_RESPONSE_TIMEOUT_MS: "300" });
    const started = Date.now();
    const res = await callApp("/v1/chat/completions", post("hi"), env);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(res.headers.get("x-router-model")).toBe("openai/gpt-4.1-nano");
    expect(
      await waitFor(async () => (await mock.requests()).find((r) => r.model === HAIKU)?.closedEarly === true),
    ).toBe(true);
  });

  it("a hang everywhere ends in a clear 504 timeout error", async () => {
    const mock = await scenario([{ fault: { type: "hang" } }]);
    const env = await providersEnv(mock, ["anthropic"], { ROUTER_HEADERS_TIMEOUT_MS: "200" });
    const res = await callApp(
      "/v1/chat/completions",
      post("hi", { stream: true, router: { allow_models: [`anthropic/${HAIKU}`] } }),
      env,
    );
    expect(res.status).toBe(504);
    const body = (await res.json()) as any;
    expect(body.error).toMatchObject({ type: "timeout_error", code: "upstream_timeout" });
  });

  it("a stream stalled mid-answer ends with a terminal error event, no retry, and the upstream aborted", async () => {
    const mock = await scenario([{ model: HAIKU, fault: { type: "stall", afterChunks: 5 } }]);
    const env = await providersEnv(mock, ["anthropic", "openai"], { ROUTER_STREAM_IDLE_TIMEOUT_MS: "300" });
    const res = await callApp("/v1/chat/completions", post("hi", { stream: true }), env);
    expect(res.status).toBe(200);
    const frames = await readSse(res);
    expect(frames).not.toContain("[DONE]");
    expect(JSON.parse(frames.at(-1)!).error.code).toBe("upstream_stream_stalled");
    expect(jsonFrames(frames.slice(0, -1)).some((c) => c.choices?.[0]?.delta?.content)).toBe(true);
    expect((await mock.requests()).map((r) => r.model)).toEqual([HAIKU]);
    expect(await waitFor(async () => (await mock.requests())[0]?.closedEarly === true)).toBe(true);
  });

  it("a stream cut mid-answer ends with a terminal error event and is not retried", async () => {
    const mock = await scenario([{ model: "gemini-flash-lite-test", fault: { type: "cut", afterChunks: 2 } }]);
    const res = await callApp(
      "/v1/chat/completions",
      post("hello there", { stream: true }),
      await providersEnv(mock, ["google", "openai"]),
    );
    const frames = await readSse(res);
    expect(frames).not.toContain("[DONE]");
    expect(JSON.parse(frames.at(-1)!).error.code).toBe("upstream_stream_cut");
    expect(await mock.requests()).toHaveLength(1);
  });
});

describe("faults: malformed upstream answers", () => {
  it.each([
    ["anthropic", false],
    ["anthropic", true],
    ["google", false],
    ["google", true],
  ] as const)("%s (stream=%s): a normalised 502 without a stack trace", async (provider, stream) => {
    const mock = await scenario([{ fault: { type: "malformed", afterChunks: 0 } }]);
    const res = await callApp("/v1/chat/completions", post("hi", { stream }), await providersEnv(mock, [provider]));
    expect(res.status).toBe(502);
    const body = (await res.json()) as any;
    expect(body.error).toMatchObject({ type: "upstream_error", code: "upstream_malformed" });
    expect(body.error.message).not.toMatch(/\n|at .*\(|\.ts:/);
  });
});

describe("faults: circuit breaker", () => {
  it("takes a failing model out of rotation, shows it in /healthz, and probes it back in", async () => {
    const mock = await scenario([{ model: HAIKU, times: 3, fault: { type: "status", status: 500 } }]);
    const call = appWithEnv(
      await providersEnv(mock, ["anthropic", "openai"], {
        ROUTER_BREAKER_FAILURES: "3",
        ROUTER_BREAKER_COOLDOWN_MS: "800",
        ADMIN_TOKEN,
      }),
    );
    // Three simple prompts (decided simple: Haiku is their primary).
    for (const greeting of ["hi", "hello", "hey"])
      expect((await call("/v1/chat/completions", post(greeting))).headers.get("x-router-attempts")).toBe("2");
    const openedAt = Date.now();
    const skipped = await call("/v1/chat/completions", post("hi"));
    expect(skipped.headers.get("x-router-attempts")).toBe("1");
    expect(skipped.headers.get("x-router-model")).toBe("openai/gpt-4.1-nano");
    const health = (await (await call("/healthz", asAdmin)).json()) as any;
    const breaker = health.breakers.find((b: any) => b.model === `anthropic/${HAIKU}`);
    expect(breaker).toMatchObject({ opens: 1 });
    // Open and degraded while the cool-down runs; a slow machine may read it only after the cool-down
    // ended, when it is half-open and no longer degraded. Either way the two agree.
    expect(["open", "half_open"]).toContain(breaker.state);
    expect(health.degraded).toBe(breaker.state === "open");
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, openedAt + 850 - Date.now())));
    const probe = await call("/v1/chat/completions", post("thanks"));
    expect(probe.headers.get("x-router-model")).toBe(`anthropic/${HAIKU}`);
    const after = (await (await call("/healthz", asAdmin)).json()) as any;
    expect(after.breakers.find((b: any) => b.model === `anthropic/${HAIKU}`).state).toBe("closed");
    expect((await mock.requests()).filter((r) => r.model === HAIKU)).toHaveLength(4);
  });
});
