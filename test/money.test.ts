// Money, through the real app in workerd against the mock upstream: every attempt a provider may
// bill is charged (failed, hedged, escalated, cut, shadow), per key and in /v1/router/stats; a
// client that goes away mid-stream is charged by the provider's usage, read on without it; and a
// key's budget holds under concurrency (reserved at admission, max_tokens capped, settled after).
import { describe, expect, it } from "vitest";
import { testCatalog } from "./fixtures/test-catalog.ts";
import { chatBody, jsonPost, scenario, testEnv } from "./helpers.ts";
import { keysRouter } from "./key-helpers.ts";
import { countingKv, storeCatalog } from "./kv-helpers.ts";
import { freshTenant, tenantApp } from "./learning-helpers.ts";
import { jsonFrames, readSse } from "./sse.ts";
import { providersEnv } from "./test-catalog.ts";

const NANO = "gpt-4.1-nano";
const MINI = "gpt-4.1-mini";
/** TEST_CATALOG prices (USD per million tokens): input, output = 4 × input. */
const PRICE: Record<string, number> = { [NANO]: 0.1, [MINI]: 0.4 };
const cost = (model: string, usage: { prompt_tokens: number; completion_tokens: number }) =>
  (usage.prompt_tokens * PRICE[model]! + usage.completion_tokens * 4 * PRICE[model]!) / 1e6;

describe("every attempt the provider may bill is charged", () => {
  it("an escalated request: the answer escalated from and the one served, per key and by kind", async () => {
    const mock = await scenario([{ model: NANO, fault: { type: "answer", answer: "refusal" } }]);
    const router = keysRouter(await providersEnv(mock, ["openai"]));
    const { id, key } = await router.mint("escalating");
    const res = await router.chat(key, chatBody("hi there"));
    expect(res.headers.get("x-router-escalated")).toBe("refusal");
    const body = (await res.json()) as any;
    const served = cost(MINI, body.usage);
    const total = Number(res.headers.get("x-router-cost-usd"));
    // The refusal was billed too: the request cost more than the answer it returned.
    expect(total).toBeGreaterThan(served);
    await router.call.settle();
    const row = (await router.stats()).by_key[id];
    expect(row.cost_usd).toBeCloseTo(total, 9);
    expect(row.charges).toMatchObject({
      escalated: { attempts: 1, estimated_attempts: 0 },
      served: { attempts: 1, estimated_attempts: 0 },
    });
    expect(row.charges.served.cost_usd).toBeCloseTo(served, 9);
    expect(row.charges.escalated.cost_usd + row.charges.served.cost_usd).toBeCloseTo(total, 9);
  });

  it("a timed-out attempt is charged (an estimate: the provider may have generated all of it)", async () => {
    const mock = await scenario([{ model: NANO, fault: { type: "hang" } }]);
    const router = keysRouter(await providersEnv(mock, ["openai"], { ROUTER_RESPONSE_TIMEOUT_MS: "200" }));
    const { id, key } = await router.mint("timing-out");
    const res = await router.chat(key, chatBody("hi there"));
    expect(res.headers.get("x-router-model")).toBe(`openai/${MINI}`);
    const served = cost(MINI, ((await res.json()) as any).usage);
    expect(Number(res.headers.get("x-router-cost-usd"))).toBeGreaterThan(served);
    await router.call.settle();
    const charges = (await router.stats()).by_key[id].charges;
    expect(charges.failed).toMatchObject({ attempts: 1, estimated_attempts: 1 });
    expect(charges.failed.cost_usd).toBeGreaterThan(0);
  });

  it("a hedge that lost is charged its input", async () => {
    const mock = await scenario([{ model: "claude-haiku-test", fault: { type: "delay", ms: 3000 } }]);
    const router = keysRouter(
      await providersEnv(mock, ["anthropic", "google"], { ROUTER_HEDGE: "on", ROUTER_HEDGE_MIN_DELAY_MS: "100" }),
    );
    const { id, key } = await router.mint("hedging");
    const res = await router.chat(key, chatBody("hi", { router: { objective: "latency" } }));
    expect(res.headers.get("x-router-hedged")).toBe("1");
    await res.arrayBuffer();
    await router.call.settle();
    const charges = (await router.stats()).by_key[id].charges;
    expect(charges.hedge).toMatchObject({ attempts: 1, estimated_attempts: 1 });
    expect(charges.hedge.cost_usd).toBeGreaterThan(0);
  });

  it("a stream cut after tokens is charged an estimate, and the stats say so", async () => {
    const mock = await scenario([{ model: NANO, fault: { type: "cut", afterChunks: 4 } }]);
    const router = keysRouter(await providersEnv(mock, ["openai"]));
    const { id, key } = await router.mint("cut");
    const res = await router.chat(key, chatBody("hello there, tell me more", { stream: true }));
    const frames = await readSse(res);
    expect(JSON.parse(frames.at(-1)!).error.code).toBe("upstream_stream_cut");
    await router.call.settle();
    const row = (await router.stats()).by_key[id];
    expect(row.charges.served).toMatchObject({ attempts: 1, estimated_attempts: 1 });
    expect(row.cost_usd).toBeGreaterThan(0); // it was $0 before: no usage part, no charge
  });

  it("shadow comparisons are charged to the key that made the request, kind shadow", async () => {
    const mock = await scenario([{ model: MINI, fault: { type: "text", text: "The answer is 41." } }]);
    const tenant = freshTenant("shadow-charge");
    const app = tenantApp(tenant, await providersEnv(mock, ["openai"]));
    await app.admin("/settings", {
      method: "PUT",
      body: JSON.stringify({ shadow: { enabled: true, share: 1, budget_usd_daily: 1 } }),
    });
    const stats = async () =>
      (await (
        await app.call("/v1/router/stats?days=1", { headers: { authorization: `Bearer ${app.env.ADMIN_TOKEN}` } })
      ).json()) as any;
    const before = (await stats()).charges.shadow?.attempts ?? 0;
    await (await app.call("/v1/chat/completions", jsonPost(chatBody("hi there")))).json();
    await app.settle();
    const after = await stats();
    expect(after.charges.shadow.attempts - before).toBe(1);
    expect(after.by_key.open.charges.shadow.cost_usd).toBeGreaterThan(0);
  });
});

describe("a client that disconnects mid-stream", () => {
  it("is charged by the provider's usage: the router reads the upstream to its end without the client", async () => {
    // A long answer, streamed slowly: the client reads a few chunks and goes away.
    const mock = await scenario([{ model: NANO, fault: { type: "long", tokens: 300, chunkMs: 10 } }]);
    const router = keysRouter(await providersEnv(mock, ["openai"]));
    const { id, key } = await router.mint("walks-away");
    const res = await router.chat(key, chatBody("hi there", { stream: true, stream_options: { include_usage: true } }));
    const reader = res.body!.getReader();
    for (let i = 0; i < 3; i++) await reader.read();
    await reader.cancel();
    // The upstream answer runs to its end (about 100 chunks × 10 ms) and its usage is charged.
    await router.call.settle();
    const row = (await router.stats()).by_key[id];
    expect(row.charges.served).toMatchObject({ attempts: 1, estimated_attempts: 0 });
    // 300 output tokens at $0.4 per million, and the prompt.
    expect(row.cost_usd).toBeGreaterThan((300 * 0.4) / 1e6);
  });
});

describe("budgets hold under concurrency", () => {
  async function pricey() {
    const { kv } = countingKv(testEnv.SPARE_KV_B);
    // cheap-a at $100 per million tokens: every answer costs real money against a small budget.
    await storeCatalog(kv, testCatalog({ cheapA: 100 }));
    return kv;
  }
  /** Requests that may only use the pricey model. */
  const onPricey = (text: string, extra: Record<string, unknown> = {}) =>
    chatBody(text, { ...extra, router: { allow_models: ["openai/cheap-a"] } });

  it("30 parallel requests on a $0.05 budget spend at most $0.05, and the refused ones reach no provider", async () => {
    const mock = await scenario([{ fault: { type: "long", tokens: 5000 } }]);
    const router = keysRouter({ PRICING: await pricey(), OPENAI_BASE_URL: mock.openaiBaseUrl });
    const BUDGET = 0.05;
    const { id, key } = await router.mint("parallel", { budget_usd: { daily: BUDGET } });
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => router.chat(key, onPricey(`hi ${i}`, { max_tokens: 60 }))),
    );
    const served = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status !== 200);
    expect(served.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(((await r.json()) as any).error.code).toBe("budget_exceeded");
    }
    let spent = 0;
    for (const r of served) {
      const charged = Number(r.headers.get("x-router-cost-usd"));
      // Never more than the request reserved, however long the provider would have answered.
      expect(charged).toBeLessThanOrEqual(Number(r.headers.get("x-router-budget-reserved-usd")) + 1e-12);
      spent += charged;
      await r.arrayBuffer();
    }
    expect(spent).toBeLessThanOrEqual(BUDGET + 1e-12);
    expect((await mock.requests()).length).toBe(served.length);
    await router.call.settle();
    const row = (await router.stats()).by_key[id];
    expect(row.budget.spent_today_usd).toBeLessThanOrEqual(BUDGET + 1e-9);
    expect(row.budget.reserved_today_usd).toBe(0);
  });

  it("shows reserved beside spent while a request runs, and settles it after", async () => {
    const mock = await scenario([{ fault: { type: "long", tokens: 40, chunkMs: 60 } }]);
    const router = keysRouter({ PRICING: await pricey(), OPENAI_BASE_URL: mock.openaiBaseUrl });
    const { id, key } = await router.mint("in-flight", { budget_usd: { daily: 1 } });
    const res = await router.chat(key, onPricey("hi", { stream: true, max_tokens: 100 }));
    const reserved = Number(res.headers.get("x-router-budget-reserved-usd"));
    expect(reserved).toBeGreaterThan(0);
    const during = (await router.stats()).by_key[id].budget;
    expect(during.reserved_today_usd).toBeCloseTo(reserved, 9);
    expect(during.remaining_today_usd).toBeCloseTo(1 - reserved, 9);
    expect(jsonFrames(await readSse(res)).length).toBeGreaterThan(5);
    await router.call.settle();
    const after = (await router.stats()).by_key[id].budget;
    expect(after.reserved_today_usd).toBe(0);
    expect(after.spent_today_usd).toBeGreaterThan(0);
    expect(after.spent_today_usd).toBeLessThan(reserved);
  });

  it("refuses with 429 before any upstream call a request whose input alone the budget cannot afford", async () => {
    const mock = await scenario();
    const router = keysRouter({ PRICING: await pricey(), OPENAI_BASE_URL: mock.openaiBaseUrl });
    const { key } = await router.mint("too-small", { budget_usd: { daily: 0.001 } });
    const res = await router.chat(key, onPricey("x".repeat(2000)));
    expect(res.status).toBe(429);
    const error = ((await res.json()) as any).error;
    expect(error).toMatchObject({ code: "budget_exceeded", param: expect.stringMatching(/^policy\.budget_usd/) });
    expect(await mock.requests()).toEqual([]);
  });
});
