// Money on the Responses and Anthropic Messages endpoints, through the real app in workerd against
// the mock upstream: the same pipeline as chat (src/pipeline/serve-request.ts), so a budgeted key's
// request is reserved before any upstream call, its output capped to the reservation, refused with
// a 429 when it cannot fit, and settled to what it cost; a cut stream, a client that goes away and
// a stream continued elsewhere are charged. (Chat Completions: test/money.test.ts.)
import { describe, expect, it } from "vitest";
import { testCatalog } from "./fixtures/test-catalog.ts";
import { scenario, testEnv } from "./helpers.ts";
import { keysRouter } from "./key-helpers.ts";
import { countingKv, storeCatalog } from "./kv-helpers.ts";
import { namedEvents } from "./sse.ts";
import { providersEnv } from "./test-catalog.ts";

/** The two formats: how to send a request with a client key, and where their answers keep things. */
const FORMATS = [
  {
    name: "/v1/responses",
    body: (text: string, maxTokens: number, extra: Record<string, unknown> = {}) => ({
      model: "auto",
      input: text,
      max_output_tokens: maxTokens,
      ...extra,
    }),
    auth: (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` }),
    errorCode: (body: any) => body.error.code,
    /** The event that ends a stream cut without a continuation, and the one that ends a complete answer. */
    failedEvent: "response.failed",
    finalEvent: (events: any[]) => events.find((e) => e.type === "response.completed"),
    usageOf: (body: any) => body.usage,
  },
  {
    name: "/v1/messages",
    body: (text: string, maxTokens: number, extra: Record<string, unknown> = {}) => ({
      model: "auto",
      max_tokens: maxTokens,
      messages: [{ role: "user", content: text }],
      ...extra,
    }),
    // As Anthropic's SDK sends the key.
    auth: (key: string): Record<string, string> => ({ "x-api-key": key, "anthropic-version": "2023-06-01" }),
    errorCode: (body: any) => {
      expect(body.type).toBe("error"); // Anthropic's envelope
      return body.error.code;
    },
    failedEvent: "error",
    finalEvent: (events: any[]) => events.find((e) => e.type === "message_delta"),
    usageOf: (body: any) => body.usage,
  },
] as const;

type Format = (typeof FORMATS)[number];

/** A catalog where cheap-a costs $100 per million tokens: every answer is real money against a small budget. */
async function pricey() {
  const { kv } = countingKv(testEnv.SPARE_KV_B);
  await storeCatalog(kv, testCatalog({ cheapA: 100 }));
  return kv;
}
const ON_PRICEY = { router: { allow_models: ["openai/cheap-a"] } };

function client(format: Format, router: ReturnType<typeof keysRouter>, key: string) {
  return (body: Record<string, unknown>) =>
    router.call(format.name, {
      method: "POST",
      headers: { "content-type": "application/json", ...format.auth(key) },
      body: JSON.stringify(body),
    });
}

/** The key's row in /v1/router/stats once the requests' background work has run. */
async function keyRow(router: ReturnType<typeof keysRouter>, id: string) {
  await router.call.settle();
  return (await router.stats()).by_key[id];
}

describe.each(FORMATS)("budgets on $name", (format) => {
  it("reserves before the upstream call, caps max_tokens to the reservation and settles to the actual cost", async () => {
    const mock = await scenario([{ fault: { type: "long", tokens: 5000 } }]);
    const router = keysRouter({ PRICING: await pricey(), OPENAI_BASE_URL: mock.openaiBaseUrl });
    // Enough for the expected answer (the selector's check), not for 4000 tokens at $100 per million.
    const BUDGET = 0.1;
    const { id, key } = await router.mint("budgeted", { budget_usd: { daily: BUDGET } });
    const res = await client(format, router, key)(format.body("hi", 4000, ON_PRICEY));
    expect(res.status).toBe(200);
    const reserved = Number(res.headers.get("x-router-budget-reserved-usd"));
    expect(reserved).toBeGreaterThan(0);
    expect(reserved).toBeLessThanOrEqual(BUDGET);
    // The worst case did not fit: the cap went upstream as max_tokens.
    const cap = Number(res.headers.get("x-router-budget-max-tokens"));
    expect(cap).toBeGreaterThan(0);
    expect(cap).toBeLessThan(4000);
    const [upstream] = await mock.requests();
    const sent = upstream!.body as any;
    expect(sent.max_completion_tokens ?? sent.max_tokens).toBe(cap);
    const charged = Number(res.headers.get("x-router-cost-usd"));
    expect(charged).toBeGreaterThan(0);
    expect(charged).toBeLessThanOrEqual(reserved + 1e-12);
    expect(format.usageOf(await res.json()).cost_usd).toBeCloseTo(charged, 9);
    const row = await keyRow(router, id);
    expect(row.budget.reserved_today_usd).toBe(0);
    expect(row.budget.spent_today_usd).toBeCloseTo(charged, 9);
  });

  it("shows the reservation while a stream runs and settles it when the stream ends", async () => {
    const mock = await scenario([{ fault: { type: "long", tokens: 40, chunkMs: 60 } }]);
    const router = keysRouter({ PRICING: await pricey(), OPENAI_BASE_URL: mock.openaiBaseUrl });
    const { id, key } = await router.mint("streaming", { budget_usd: { daily: 1 } });
    const res = await client(format, router, key)(format.body("hi", 100, { ...ON_PRICEY, stream: true }));
    const reserved = Number(res.headers.get("x-router-budget-reserved-usd"));
    expect(reserved).toBeGreaterThan(0);
    expect((await router.stats()).by_key[id].budget.reserved_today_usd).toBeCloseTo(reserved, 9);
    const events = await namedEvents(res);
    const cost = format.finalEvent(events)?.usage?.cost_usd ?? format.finalEvent(events)?.response?.usage?.cost_usd;
    expect(cost).toBeGreaterThan(0);
    const row = await keyRow(router, id);
    expect(row.budget.reserved_today_usd).toBe(0);
    expect(row.budget.spent_today_usd).toBeCloseTo(cost, 9);
    expect(row.budget.spent_today_usd).toBeLessThan(reserved);
  });

  it("refuses a request the open reservations leave no room for, and serves again once they settle", async () => {
    const mock = await scenario([{ fault: { type: "long", tokens: 60, chunkMs: 30 } }]);
    const router = keysRouter({ PRICING: await pricey(), OPENAI_BASE_URL: mock.openaiBaseUrl });
    const { key } = await router.mint("held", { budget_usd: { daily: 0.1 } });
    const send = client(format, router, key);
    // No caller cap: the first request holds everything the budget has while its stream runs.
    const first = await send(format.body("hi", 8000, { ...ON_PRICEY, stream: true }));
    expect(first.status).toBe(200);
    expect(Number(first.headers.get("x-router-budget-reserved-usd"))).toBeCloseTo(0.1, 9);
    const second = await send(format.body("hi again", 100, ON_PRICEY));
    expect(second.status).toBe(429);
    expect(format.errorCode(await second.json())).toBe("budget_exceeded");
    expect(await mock.requests()).toHaveLength(1);
    await first.text();
    await router.call.settle();
    const third = await send(format.body("and again", 100, ON_PRICEY));
    expect(third.status).toBe(200);
    await third.arrayBuffer();
    expect(await mock.requests()).toHaveLength(2);
  });

  it("refuses with 429 before any upstream call a request whose input alone the budget cannot afford", async () => {
    const mock = await scenario();
    const router = keysRouter({ PRICING: await pricey(), OPENAI_BASE_URL: mock.openaiBaseUrl });
    const { key } = await router.mint("too-small", { budget_usd: { daily: 0.001 } });
    const res = await client(format, router, key)(format.body("x".repeat(2000), 100, ON_PRICEY));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(format.errorCode(await res.json())).toBe("budget_exceeded");
    expect(await mock.requests()).toEqual([]);
  });
});

describe.each(FORMATS)("every billed token on $name is charged", (format) => {
  it("a stream cut after tokens: an estimate is charged and the hold settled with it", async () => {
    const mock = await scenario([{ fault: { type: "cut", afterChunks: 4 } }]);
    const router = keysRouter({ PRICING: await pricey(), OPENAI_BASE_URL: mock.openaiBaseUrl });
    const { id, key } = await router.mint("cut", { budget_usd: { daily: 1 } });
    const res = await client(
      format,
      router,
      key,
    )(format.body("hello there, tell me more", 200, { ...ON_PRICEY, stream: true }));
    const events = await namedEvents(res);
    expect(events.at(-1).type).toBe(format.failedEvent);
    const row = await keyRow(router, id);
    expect(row.charges.served).toMatchObject({ attempts: 1, estimated_attempts: 1 });
    expect(row.cost_usd).toBeGreaterThan(0);
    expect(row.budget.reserved_today_usd).toBe(0);
    expect(row.budget.spent_today_usd).toBeCloseTo(row.cost_usd, 9);
  });

  it("a client that goes away mid-stream is charged the provider's usage, read on without it", async () => {
    const mock = await scenario([{ fault: { type: "long", tokens: 300, chunkMs: 10 } }]);
    const router = keysRouter(await providersEnv(mock, ["openai"]));
    const { id, key } = await router.mint("walks-away");
    const res = await client(format, router, key)(format.body("hi there", 1000, { stream: true }));
    const reader = res.body!.getReader();
    for (let i = 0; i < 3; i++) await reader.read();
    await reader.cancel();
    const row = await keyRow(router, id);
    expect(row.charges.served).toMatchObject({ attempts: 1, estimated_attempts: 0 });
    // 300 output tokens at the cheapest OpenAI test model's $0.4 per million, and the prompt.
    expect(row.cost_usd).toBeGreaterThan((300 * 0.4) / 1e6);
  });

  it("on_stream_cut continue: one answer, the end says so, and the cut attempt is charged as continued", async () => {
    const HAIKU = "claude-haiku-test";
    const mock = await scenario([{ model: HAIKU, fault: { type: "cut", afterChunks: 5 } }]);
    const router = keysRouter(await providersEnv(mock, ["anthropic", "openai"]));
    const { id, key } = await router.mint("continuing");
    const text = "Translate into French: apple, banana, cherry, grape, lemon, mango, orange and peach.";
    const res = await client(
      format,
      router,
      key,
    )(format.body(text, 500, { stream: true, router: { on_stream_cut: "continue" } }));
    expect(res.headers.get("x-router-model")).toBe(`anthropic/${HAIKU}`);
    const events = await namedEvents(res);
    expect(events.some((e) => e.type === format.failedEvent)).toBe(false);
    const final = format.finalEvent(events);
    expect(final.router).toMatchObject({ continued: { from: `anthropic/${HAIKU}`, to: "openai/gpt-4.1-nano" } });
    expect(final.router.continued.after_chars).toBeGreaterThan(0);
    const row = await keyRow(router, id);
    expect(row.charges.continued).toMatchObject({ attempts: 1, estimated_attempts: 1 });
    expect(row.charges.served).toMatchObject({ attempts: 1, estimated_attempts: 0 });
  });
});
