// Cost accounting, usage stats, latency observations, sticky conversations and the deployment
// policy, through the real app in workerd (KV, Durable Objects) against the mock upstream.
import { describe, expect, it } from "vitest";
import { latencyTracker } from "../src/record/latency-tracker.ts";
import { testCatalog } from "./fixtures/test-catalog.ts";
import { appWithEnv, callApp, chatBody, jsonPost, scenario, testEnv } from "./helpers.ts";
import { countingKv, storeCatalog } from "./kv-helpers.ts";
import { jsonFrames, readSse } from "./sse.ts";

const TOKEN = "admin-token-0123456789abcdef";

async function catalogKv() {
  const { kv } = countingKv(testEnv.SPARE_KV_B);
  await storeCatalog(kv, testCatalog());
  return kv;
}

const stats = async () => {
  const res = await callApp(
    "/v1/router/stats?days=2",
    { headers: { authorization: `Bearer ${TOKEN}` } },
    { ADMIN_TOKEN: TOKEN },
  );
  expect(res.status).toBe(200);
  return (await res.json()) as any;
};

describe("cost accounting and stats", () => {
  it("reports actual cost in a header, in the stream's usage chunk, and in /v1/router/stats", async () => {
    const PRICING = await catalogKv();
    const before = await stats();

    const plain = await callApp("/v1/chat/completions", jsonPost(chatBody("hi")), { PRICING });
    expect(plain.status).toBe(200);
    const body = (await plain.json()) as any;
    expect(plain.headers.get("x-router-model")).toBe("openai/cheap-a");
    // cheap-a costs $0.1/M in and out: the header is usage × price.
    const expected = ((body.usage.prompt_tokens + body.usage.completion_tokens) * 0.1) / 1e6;
    expect(Number(plain.headers.get("x-router-cost-usd"))).toBeCloseTo(expected, 8);
    expect(Number(plain.headers.get("x-router-est-cost-usd"))).toBeGreaterThan(0);
    expect(Number(plain.headers.get("x-router-baseline-cost-usd"))).toBeGreaterThan(
      Number(plain.headers.get("x-router-est-cost-usd")),
    );

    const streamed = await callApp(
      "/v1/chat/completions",
      jsonPost(chatBody("hi", { stream: true, stream_options: { include_usage: true } })),
      { PRICING },
    );
    const usage = jsonFrames(await readSse(streamed)).at(-1).usage;
    expect(usage.cost_usd).toBeCloseTo(((usage.prompt_tokens + usage.completion_tokens) * 0.1) / 1e6, 9);
    // Baseline (openai/big at $5/$20 per M) for the same tokens.
    expect(usage.baseline_cost_usd).toBeCloseTo((usage.prompt_tokens * 5 + usage.completion_tokens * 20) / 1e6, 9);

    const after = await stats();
    const delta = (path: (s: any) => number) => path(after) - path(before);
    expect(delta((s) => s.totals.requests)).toBe(2);
    expect(delta((s) => s.by_model["openai/cheap-a"]?.requests ?? 0)).toBe(2);
    expect(delta((s) => s.by_tier.simple?.requests ?? 0)).toBe(2);
    expect(delta((s) => s.totals.cost_usd)).toBeCloseTo(expected + usage.cost_usd, 8);
    expect(delta((s) => s.totals.savings_usd)).toBeGreaterThan(0);
    expect(after.tier_mix.simple).toBeGreaterThan(0);
    expect(Object.keys(after.by_day).length).toBeGreaterThanOrEqual(1);
  });

  it("rejects a bad days parameter", async () => {
    const res = await callApp(
      "/v1/router/stats?days=0",
      { headers: { authorization: `Bearer ${TOKEN}` } },
      { ADMIN_TOKEN: TOKEN },
    );
    expect(res.status).toBe(400);
  });
});

describe("latency awareness", () => {
  it("feeds observed time to first token into the model's estimate", async () => {
    const PRICING = await catalogKv();
    const mock = await scenario([{ model: "cheap-a", fault: { type: "ttft", ms: 300 } }]);
    const before = latencyTracker.estimates.get("openai/cheap-a")?.ttftMs ?? 400;
    const res = await callApp("/v1/chat/completions", jsonPost(chatBody("hi", { stream: true })), {
      PRICING,
      OPENAI_BASE_URL: mock.openaiBaseUrl,
    });
    await readSse(res);
    const after = latencyTracker.estimates.get("openai/cheap-a")!.ttftMs;
    expect(after).not.toBe(before);
    // One observation of ≥ 300 ms moves the estimate a fifth of the way there.
    expect(after).toBeGreaterThan(before + 0.2 * (300 - before) - 1);
  });
});

/** The real ConversationState namespace, counting the reads and updates the router makes. */
function countedConversations() {
  const calls = { read: 0, update: 0 };
  const real = testEnv.CONVERSATIONS!;
  const CONVERSATIONS = {
    idFromName: (name: string) => real.idFromName(name),
    get: (id: DurableObjectId) => {
      const stub = real.get(id);
      return {
        read: () => (calls.read++, stub.read()),
        update: (...args: Parameters<typeof stub.update>) => (calls.update++, stub.update(...args)),
      };
    },
  };
  return { calls, CONVERSATIONS };
}

describe("sticky conversations", () => {
  it("never drops a tier mid-conversation and keeps the model, with state in a Durable Object", async () => {
    const call = appWithEnv({ PRICING: await catalogKv() });
    const id = `conv-${Date.now()}`;
    const headers = { "x-router-conversation-id": id };
    const first = await call(
      "/v1/chat/completions",
      jsonPost(chatBody("hi", { router: { min_tier: "complex" } }), headers),
    );
    expect(first.headers.get("x-router-tier")).toBe("complex");
    const answer = ((await first.json()) as any).choices[0].message.content;
    await call.settle(); // the write goes through ctx.waitUntil

    const stored = await testEnv.CONVERSATIONS!.get(testEnv.CONVERSATIONS!.idFromName(`open:id:${id}`)).read();
    expect(stored).toEqual({ tier: "complex", model: "openai/big", provider: "openai" });

    const followUp = JSON.stringify({
      model: "auto",
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", content: answer },
        { role: "user", content: "thanks" },
      ],
    });
    const second = await call("/v1/chat/completions", jsonPost(followUp, headers));
    expect(second.status).toBe(200);
    expect(second.headers.get("x-router-tier")).toBe("complex");
    expect(second.headers.get("x-router-model")).toBe("openai/big");
    expect(second.headers.get("x-router-tier-floor")).toContain("sticky=complex");
    expect(second.headers.get("x-router-sticky")).toBe("model");
  });

  it("recognises a conversation without an id by its earlier turns: the first turn is recorded", async () => {
    const call = appWithEnv({ PRICING: await catalogKv() });
    const opening = `Prove it ${Date.now()}`;
    const route = async (messages: unknown[], headers: Record<string, string> = {}) =>
      (await (await call("/v1/route", jsonPost(JSON.stringify({ model: "auto", messages }), headers))).json()) as any;
    // Turn 1 opens at complex (min_tier stands in for a complex prompt) and is recorded.
    const first = await call(
      "/v1/chat/completions",
      jsonPost(
        JSON.stringify({
          model: "auto",
          messages: [{ role: "user", content: opening }],
          router: { min_tier: "complex" },
        }),
      ),
    );
    expect(first.headers.get("x-router-tier")).toBe("complex");
    await call.settle(); // the write goes through ctx.waitUntil
    const history = [
      { role: "user", content: opening },
      { role: "assistant", content: "Here is a proof." },
    ];
    // "ok thanks" alone would be simple; the conversation keeps the tier it was served.
    const second = await route([...history, { role: "user", content: "ok thanks" }]);
    expect(second.decided_tier).toBe("simple");
    expect(second.tier).toBe("complex");
    expect(second.tier_floor).toContain("sticky=complex");
    // Another conversation with a different earlier turn is not affected.
    const other = await route([
      { role: "user", content: `${opening}?` },
      history[1],
      { role: "user", content: "ok thanks" },
    ]);
    expect(other.tier).toBe("simple");
  });

  it("drops below the served tier only when the caller asks (x-router-sticky: off), and later turns keep that", async () => {
    const call = appWithEnv({ PRICING: await catalogKv() });
    const opening = `Prove it ${Date.now()}`;
    const chat = (messages: unknown[], extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
      call("/v1/chat/completions", jsonPost(JSON.stringify({ model: "auto", messages, ...extra }), headers));
    await chat([{ role: "user", content: opening }], { router: { min_tier: "complex" } });
    await call.settle();
    const turn2 = [
      { role: "user", content: opening },
      { role: "assistant", content: "Proof." },
      { role: "user", content: "ok thanks" },
    ];
    const fresh = await chat(turn2, {}, { "x-router-sticky": "off" });
    expect(fresh.headers.get("x-router-tier")).toBe("simple");
    await call.settle();
    const turn3 = [...turn2, { role: "assistant", content: "You're welcome." }, { role: "user", content: "bye" }];
    const third = await chat(turn3);
    expect(third.headers.get("x-router-tier")).toBe("simple");
  });

  it("reads no Durable Object for a first turn without an id; the turn is written after the response", async () => {
    const PRICING = await catalogKv();
    const { calls, CONVERSATIONS } = countedConversations();
    const call = appWithEnv({ PRICING, CONVERSATIONS } as any);
    const res = await call("/v1/chat/completions", jsonPost(chatBody(`hello there ${Date.now()}`)));
    expect(res.status).toBe(200);
    await res.text();
    await call.settle();
    expect(calls).toEqual({ read: 0, update: 1 });
  });

  it("does not write again a state the Durable Object already holds, but writes a changed one", async () => {
    const PRICING = await catalogKv();
    const { calls, CONVERSATIONS } = countedConversations();
    const call = appWithEnv({ PRICING, CONVERSATIONS } as any);
    const headers = { "x-router-conversation-id": `same-${Date.now()}` };
    const send = async (body: string) => {
      const res = await call("/v1/chat/completions", jsonPost(body, headers));
      expect(res.status).toBe(200);
      await res.text();
      await call.settle();
    };
    // A retried first turn: the same state, written once.
    await send(chatBody("hello there"));
    await send(chatBody("hello there"));
    expect(calls.update).toBe(1);
    // The tier rises: written.
    await send(chatBody("hello there", { router: { min_tier: "complex" } }));
    expect(calls.update).toBe(2);
    // The same again: nothing to write; another model is a change.
    await send(chatBody("hello there", { router: { min_tier: "complex" } }));
    expect(calls.update).toBe(2);
    await send(chatBody("hello there"));
    expect(calls.update).toBe(3);
    const real = testEnv.CONVERSATIONS!;
    const stored = await real.get(real.idFromName(`open:id:${headers["x-router-conversation-id"]}`)).read();
    expect(stored?.tier).toBe("complex");
  });
});

describe("deployment policy (ROUTER_POLICY)", () => {
  it("caps the tier visibly and names the policy", async () => {
    const PRICING = await catalogKv();
    const ROUTER_POLICY = JSON.stringify({ name: "team-a", max_tier: "moderate" });
    const res = await callApp("/v1/chat/completions", jsonPost(chatBody("hi", { router: { objective: "quality" } })), {
      PRICING,
      ROUTER_POLICY,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-policy")).toBe("team-a");
    expect(res.headers.get("x-router-tier")).toBe("moderate");

    const strict = JSON.stringify({ name: "team-b", max_tier: "simple" });
    const capped = await callApp("/v1/route", jsonPost(chatBody("hi"), { "x-router-objective": "quality" }), {
      PRICING,
      ROUTER_POLICY: strict,
    });
    const decision = (await capped.json()) as any;
    expect(decision.tier_cap).toEqual({ wanted: "moderate", served: "simple", by: "policy" });
    expect(decision.policy).toBe("team-b");
    const served = await callApp(
      "/v1/chat/completions",
      jsonPost(chatBody("hi"), { "x-router-objective": "quality" }),
      {
        PRICING,
        ROUTER_POLICY: strict,
      },
    );
    expect(served.headers.get("x-router-tier-capped")).toBe("moderate;served=simple;by=policy");

    const refused = await callApp("/v1/route", jsonPost(chatBody("hi", { router: { min_tier: "complex" } })), {
      PRICING,
      ROUTER_POLICY,
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error).toMatchObject({ param: "router.min_tier", code: "policy_violation" });
  });

  it("fails loudly on an invalid ROUTER_POLICY", async () => {
    const res = await callApp("/v1/route", jsonPost(chatBody("hi")), {
      ROUTER_POLICY: '{"name": "x", "max_tier": "huge"}',
    });
    expect(res.status).toBe(500);
    expect(((await res.json()) as any).error.code).toBe("router_misconfigured");
  });
});
