// Per-key rate limits and budgets through the real app in workerd: the KeyUsage Durable Object,
// 429s with retry-after in the OpenAI envelope before any upstream call, and /v1/router/stats.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { secondsToNextDay } from "../src/usage/usage-types.ts";
import { UsageGate, type RemoteSync } from "../src/usage/usage-gate.ts";
import { testCatalog } from "./fixtures/test-catalog.ts";
import { callApp, chatBody, scenario, testEnv } from "./helpers.ts";
import { ADMIN_TOKEN, keysRouter } from "./key-helpers.ts";
import { countingKv, storeCatalog } from "./kv-helpers.ts";

async function catalogKv() {
  const { kv } = countingKv(testEnv.SPARE_KV_B);
  await storeCatalog(kv, testCatalog());
  return kv;
}

const DAY = 86_400;

describe("rate limits", () => {
  it("admits the key's limit, then answers 429 with retry-after, with no upstream call", async () => {
    const upstream = await scenario();
    const PRICING = await catalogKv();
    const router = keysRouter({ PRICING, OPENAI_BASE_URL: upstream.openaiBaseUrl });
    // A one-day window: the test cannot straddle a window boundary except at UTC midnight.
    const { id, key } = await router.mint("limited", { rate_limit: { requests: 3, period_seconds: DAY } });
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await router.chat(key, chatBody("hi"));
      expect(res.status).toBe(200);
      expect(res.headers.get("x-ratelimit-limit-requests")).toBe("3");
      remaining.push(res.headers.get("x-ratelimit-remaining-requests"));
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const refused = await router.chat(key, chatBody("hi"));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(secondsToNextDay(Date.now()) + 1);
    expect(refused.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(await refused.json()).toEqual({
      error: {
        message: expect.stringContaining("Rate limit"),
        type: "rate_limit_error",
        param: null,
        code: "rate_limit_exceeded",
      },
    });
    // /v1/route counts against the same limit.
    expect(
      (
        await router.call("/v1/route", {
          method: "POST",
          headers: { authorization: `Bearer ${key}` },
          body: chatBody("hi"),
        })
      ).status,
    ).toBe(429);
    expect((await upstream.requests()).length).toBe(3);

    const byKey = (await router.stats()).by_key[id];
    expect(byKey).toMatchObject({ name: "limited", requests: 3, rate_limited: 2, budget_rejected: 0 });
  });

  it("counts /v1/models and /v1/feedback against the same limit (they were a way around it)", async () => {
    const router = keysRouter();
    const { id, key } = await router.mint("lister", { rate_limit: { requests: 2, period_seconds: DAY } });
    const auth = { authorization: `Bearer ${key}` };
    const models = () => router.call("/v1/models", { headers: auth });
    const feedback = () =>
      router.call("/v1/feedback", {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ decision_id: `dec_${"a".repeat(26)}`, thumbs: "up" }),
      });
    expect((await models()).status).toBe(200);
    expect((await feedback()).status).not.toBe(429); // 404 (no such decision) or 501, but admitted
    const refused = [await models(), await feedback(), await router.chat(key, chatBody("hi"))];
    expect(refused.map((r) => r.status)).toEqual([429, 429, 429]);
    expect(((await refused[0]!.json()) as any).error.code).toBe("rate_limit_exceeded");
    // Only routed requests count as requests in the stats; refusals count everywhere.
    expect((await router.stats()).by_key[id]).toMatchObject({ requests: 0, rate_limited: 3 });
  });

  it("counts each /v1/responses and /v1/messages request once, and stored responses and model lookups too", async () => {
    const upstream = await scenario();
    const router = keysRouter({ PRICING: await catalogKv(), OPENAI_BASE_URL: upstream.openaiBaseUrl });
    const { id, key } = await router.mint("formats", { rate_limit: { requests: 3, period_seconds: DAY } });
    const post = (path: string, body: unknown, headers: Record<string, string>) =>
      router.call(path, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
    const auth = { authorization: `Bearer ${key}` };
    const response = await post("/v1/responses", { model: "auto", input: "hi" }, auth);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("2");
    const stored = ((await response.json()) as any).id;
    const message = await post(
      "/v1/messages",
      { model: "auto", max_tokens: 64, messages: [{ role: "user", content: "hi" }] },
      { "x-api-key": key },
    );
    expect(message.status).toBe(200);
    expect(message.headers.get("x-ratelimit-remaining-requests")).toBe("1");
    expect((await router.call("/v1/models/auto", { headers: auth })).status).toBe(200);
    const refused = [
      await router.call(`/v1/responses/${stored}`, { headers: auth }),
      await router.call("/v1/models/auto", { headers: auth }),
    ];
    expect(refused.map((r) => r.status)).toEqual([429, 429]);
    expect((await upstream.requests()).length).toBe(2);
    expect((await router.stats()).by_key[id]).toMatchObject({ requests: 2, rate_limited: 2 });
  });

  it("uses ROUTER_POLICY's rate limit for keys without their own, and for the open identity", async () => {
    const ROUTER_POLICY = JSON.stringify({ name: "d", rate_limit: { requests: 1, period_seconds: DAY } });
    const router = keysRouter({ ROUTER_POLICY });
    const plain = await router.mint("plain");
    const own = await router.mint("own", { rate_limit: { requests: 2, period_seconds: DAY } });
    const statuses = async (key: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await router.chat(key, chatBody("hi"))).status);
      return out;
    };
    expect(await statuses(plain.key, 2)).toEqual([200, 429]);
    expect(await statuses(own.key, 3)).toEqual([200, 200, 429]);
    // Open mode: every caller is the one "open" identity (the only test in this run that limits it).
    const open = [];
    for (let i = 0; i < 2; i++) {
      open.push(
        (
          await callApp(
            "/v1/chat/completions",
            { method: "POST", body: chatBody("hi") },
            { ROUTER_AUTH: "open", ROUTER_POLICY },
          )
        ).status,
      );
    }
    expect(open).toEqual([200, 429]);
  });

  it("holds across isolates: a second isolate's first request syncs with the KeyUsage object", async () => {
    const namespace = (env as unknown as Env).KEY_USAGE!;
    const remote: RemoteSync = (id, delta) => namespace.get(namespace.idFromName(id)).sync(delta);
    const isolateA = new UsageGate(remote);
    const isolateB = new UsageGate(remote);
    const id = `iso-${crypto.randomUUID()}`;
    const limits = { rate: { requests: 5, periodMs: DAY * 1000 } };
    const noWait = () => undefined;
    for (let i = 0; i < 4; i++) expect((await isolateA.admit(id, limits, noWait)).ok).toBe(true);
    await isolateA.drain(id);
    expect((await isolateB.admit(id, limits, noWait)).ok).toBe(true);
    expect((await isolateB.admit(id, limits, noWait)).ok).toBe(false);
    // Spend too: what B records, A sees after its next sync.
    isolateB.recordSpend(id, 2, noWait);
    await isolateB.drain(id);
    const snapshot = await namespace.get(namespace.idFromName(id)).sync({ now: Date.now(), spend: [] });
    expect(snapshot.daySpendUsd).toBe(2);
    expect(snapshot.windowRequests).toBe(5);
  });
});

describe("budgets", () => {
  it("answers 429 with retry-after until UTC midnight once the daily budget is spent, before any upstream call", async () => {
    // Every answer is long (5,000 tokens) unless max_tokens stops it, as a real provider's would.
    const upstream = await scenario([{ fault: { type: "long", tokens: 5000 } }]);
    const PRICING = await catalogKv();
    const router = keysRouter({ PRICING, OPENAI_BASE_URL: upstream.openaiBaseUrl });
    // cheap-a costs $0.1 per million tokens: $0.00005 affords a few hundred output tokens, not 5,000.
    const BUDGET = 5e-5;
    const { id, key } = await router.mint("frugal", { budget_usd: { daily: BUDGET } });
    const first = await router.chat(key, chatBody("hi"));
    expect(first.status).toBe(200);
    // The whole budget was reserved, and the answer capped to what it affords (max_tokens upstream).
    expect(Number(first.headers.get("x-router-budget-reserved-usd"))).toBeCloseTo(BUDGET, 12);
    const cap = Number(first.headers.get("x-router-budget-max-tokens"));
    expect(cap).toBeGreaterThan(16);
    expect(cap).toBeLessThan(500);
    expect((await upstream.requests())[0]!.body).toMatchObject({ max_completion_tokens: cap });
    expect(((await first.json()) as any).choices[0].finish_reason).toBe("length");
    const spent = Number(first.headers.get("x-router-cost-usd"));
    expect(spent).toBeGreaterThan(0.8 * BUDGET);
    expect(spent).toBeLessThanOrEqual(BUDGET);

    const refused = await router.chat(key, chatBody("hi"));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(Math.abs(retryAfter - secondsToNextDay(Date.now()))).toBeLessThanOrEqual(2);
    expect(await refused.json()).toEqual({
      error: {
        message: expect.stringContaining("daily budget"),
        type: "rate_limit_error",
        param: "policy.budget_usd.daily",
        code: "budget_exceeded",
      },
    });
    expect((await upstream.requests()).length).toBe(1);

    const byKey = (await router.stats()).by_key[id];
    expect(byKey).toMatchObject({ requests: 1, budget_rejected: 1 });
    expect(byKey.cost_usd).toBeCloseTo(spent, 10);
    expect(byKey.budget.daily_usd).toBe(BUDGET);
    expect(byKey.budget.remaining_today_usd).toBeCloseTo(BUDGET - spent, 10);
  });

  it("refuses a request whose estimate exceeds what is left (429 from the selector, with retry-after)", async () => {
    const upstream = await scenario();
    const PRICING = await catalogKv();
    const router = keysRouter({ PRICING, OPENAI_BASE_URL: upstream.openaiBaseUrl });
    const { key } = await router.mint("tiny", { budget_usd: { daily: 1e-12 } });
    const res = await router.chat(key, chatBody("hi"));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await res.json()) as any).error).toMatchObject({ code: "budget_exceeded", param: "policy.budget_usd" });
    expect(await upstream.requests()).toEqual([]);
  });

  it("reports spend, remaining budget and 429s per key in /v1/router/stats (admin token only)", async () => {
    const PRICING = await catalogKv();
    const router = keysRouter({ PRICING });
    const { id, key } = await router.mint("reported", { budget_usd: { daily: 10, monthly: 100 } });
    for (let i = 0; i < 2; i++) expect((await router.chat(key, chatBody("hi"))).status).toBe(200);
    const body = await router.stats();
    const row = body.by_key[id];
    expect(row).toMatchObject({ name: "reported", revoked: false, requests: 2, rate_limited: 0, budget_rejected: 0 });
    expect(row.cost_usd).toBeGreaterThan(0);
    expect(row.budget.daily_usd).toBe(10);
    expect(row.budget.remaining_today_usd).toBeCloseTo(10 - row.budget.spent_today_usd, 8);
    expect(row.budget.monthly_usd).toBe(100);
    expect(row.budget.remaining_this_month_usd).toBeCloseTo(100 - row.budget.spent_this_month_usd, 8);
    // Totals include the key's requests; the key itself is never in the body.
    expect(body.totals.requests).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(body)).not.toContain(key.slice(17));
    const denied = await callApp("/v1/router/stats", {}, { ADMIN_TOKEN });
    expect(denied.status).toBe(401);
  });
});
