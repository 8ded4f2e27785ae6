// The strong-share monitor (router-gaming defence) through the real request flow in workerd:
// the header on auto-routed requests, the key policy that tunes or disables it, and a cap that
// shows as x-router-tier-capped "by=monitor" (docs/gaming.md).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { DurableStrongShareStore, type StrongShareRemote } from "../src/usage/strong-share-store.ts";
import { DEFAULT_STRONG_SHARE, initialState, observe } from "../src/select/strong-share-monitor.ts";
import { appWithEnv, callWorker, chatBody, jsonPost } from "./helpers.ts";
import { keysRouter } from "./key-helpers.ts";

// A proof by induction: decided "complex" by the router (score well above the upper boundary).
const HARD = "Prove that for every integer n >= 1, the sum 1^3 + 2^3 + ... + n^3 equals (n(n+1)/2)^2, using induction.";

describe("strong-share monitor", () => {
  it("reports the key's top-tier share on auto-routed responses, not on concrete models", async () => {
    const auto = await callWorker("/v1/chat/completions", jsonPost(chatBody("hi")));
    expect(auto.status).toBe(200);
    expect(auto.headers.get("x-router-strong-share")).toMatch(/^now=\d\.\d{3};baseline=\d\.\d{3}$/);
    const concrete = await callWorker(
      "/v1/chat/completions",
      jsonPost(JSON.stringify({ model: "openai/gpt-4.1-mini", messages: [{ role: "user", content: "hi" }] })),
    );
    expect(concrete.status).toBe(200);
    expect(concrete.headers.get("x-router-strong-share")).toBeNull();
  });

  it("a policy ceiling caps the router's own top-tier choice, visibly, and an explicit min_tier alike", async () => {
    const app = appWithEnv({ ROUTER_POLICY: JSON.stringify({ name: "ceiling-zero", strong_share: { ceiling: 0 } }) });
    const capped = (await (await app("/v1/route", jsonPost(chatBody(HARD)))).json()) as any;
    expect(capped.decided_tier).toBe("complex");
    expect(capped.tier).toBe("moderate");
    expect(capped.tier_cap).toEqual({ wanted: "complex", served: "moderate", by: "monitor" });
    // Asking for the top tier explicitly counts against the same cap …
    const asked = await app("/v1/route", jsonPost(chatBody(HARD, { router: { min_tier: "complex" } })));
    expect(asked.status).toBe(429);
    expect(((await asked.json()) as any).error).toMatchObject({
      code: "strong_share_limited",
      param: "router.min_tier",
    });
    // … unless the policy allows explicit tiers.
    const allowing = appWithEnv({
      ROUTER_POLICY: JSON.stringify({ name: "explicit-ok", strong_share: { ceiling: 0, explicit_tiers: true } }),
    });
    const allowed = (await (
      await allowing("/v1/route", jsonPost(chatBody(HARD, { router: { min_tier: "complex" } })))
    ).json()) as any;
    expect(allowed.tier).toBe("complex");
    expect(allowed.tier_cap).toBeNull();
  });

  it("a policy can switch it off", async () => {
    const app = appWithEnv({ ROUTER_POLICY: JSON.stringify({ name: "no-monitor", strong_share: { monitor: false } }) });
    const res = await app("/v1/chat/completions", jsonPost(chatBody(HARD)));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-strong-share")).toBeNull();
    expect(res.headers.get("x-router-tier")).toBe("complex");
  });
});

describe("strong-share monitor without a clean warm-up", () => {
  const route = (router: ReturnType<typeof keysRouter>, key: string, headers: Record<string, string> = {}) =>
    router.call("/v1/route", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body: chatBody(HARD),
    });

  it("a fresh key sending top-tier prompts from its first request is held near the deployment baseline", async () => {
    const router = keysRouter();
    const { id, key } = await router.mint("fresh-gamer");
    let top = 0;
    for (let i = 0; i < 99; i++) {
      const decision = (await (await route(router, key)).json()) as any;
      expect(decision.decided_tier).toBe("complex");
      if (decision.tier === "complex") top++;
    }
    // Served at the top tier: the first few dozen (before any judgement), then near 25 % + allowance.
    expect(top).toBeLessThanOrEqual(40);
    const served = await router.chat(key, chatBody(HARD));
    expect(served.headers.get("x-router-strong-share")).toMatch(/;flagged;limit=0\.2\d\d$/);
    await served.arrayBuffer();
    // The state lives in the key's Durable Object (synced after the responses): another isolate
    // starts from it, not from scratch.
    const namespace = (env as unknown as Env).KEY_USAGE!;
    await router.call.settle();
    const stored = await namespace.get(namespace.idFromName(id)).strongShare([], DEFAULT_STRONG_SHARE);
    expect(stored.n).toBeGreaterThanOrEqual(99); // the last request's observation may still be on its way
    expect(stored.flagged).toBe(true);

    // Asking for the top tier explicitly does not get around the cap.
    const explicit = await route(router, key, { "x-router-min-tier": "complex" });
    expect(explicit.status).toBe(429);
    expect(((await explicit.json()) as any).error.code).toBe("strong_share_limited");
  });

  it("isolates share one state through the key's object: a flag raised in one holds in the next", async () => {
    const namespace = (env as unknown as Env).KEY_USAGE!;
    const remote: StrongShareRemote = (key, observations, config) =>
      namespace.get(namespace.idFromName(key)).strongShare(observations, config);
    const key = `iso-share-${crypto.randomUUID()}`;
    const isolateA = new DurableStrongShareStore(remote);
    for (let i = 0; i < 60; i++) isolateA.observe(key, DEFAULT_STRONG_SHARE, { top: true, served: true });
    await isolateA.drain(key);
    const isolateB = new DurableStrongShareStore(remote);
    const seen = await isolateB.get(key, DEFAULT_STRONG_SHARE);
    expect(seen).toMatchObject({ n: 60, flagged: true });
  });

  it("a request sees the synced state plus every observation since, whatever was replayed before", async () => {
    // The object answers only when told to: observations pile up in between, as under load.
    const calls: { count: number; release: () => void }[] = [];
    let objectState = initialState(DEFAULT_STRONG_SHARE);
    const remote: StrongShareRemote = (_key, observations, config) =>
      new Promise((resolve) =>
        calls.push({
          count: observations.length,
          release: () => {
            for (const o of observations) objectState = observe(objectState, o.top, o.served, config);
            resolve(structuredClone(objectState));
          },
        }),
      );
    const store = new DurableStrongShareStore(remote);
    const key = "replay";
    const expected = (observations: boolean[]) =>
      observations.reduce(
        (state, top) => observe(state, top, top, DEFAULT_STRONG_SHARE),
        initialState(DEFAULT_STRONG_SHARE),
      );
    const sent: boolean[] = [];
    const cold = store.get(key, DEFAULT_STRONG_SHARE); // a first request waits for one sync
    calls.shift()!.release();
    await cold;
    for (let i = 0; i < 300; i++) {
      const top = i % 7 === 0 || (i > 150 && i % 2 === 0);
      sent.push(top);
      store.observe(key, DEFAULT_STRONG_SHARE, { top, served: top });
      if (i % 37 === 0) expect(await store.get(key, DEFAULT_STRONG_SHARE)).toEqual(expected(sent));
      if (i % 90 === 89) {
        await new Promise((r) => setTimeout(r, 0));
        calls.shift()?.release(); // a sync lands mid-stream
        await new Promise((r) => setTimeout(r, 0));
      }
    }
    expect(await store.get(key, DEFAULT_STRONG_SHARE)).toEqual(expected(sent));
    // Answer every sync, including those the store starts for what piled up meanwhile.
    while (calls.length > 0) {
      calls.shift()!.release();
      await new Promise((r) => setTimeout(r, 0));
    }
    await store.drain(key);
    expect(await store.get(key, DEFAULT_STRONG_SHARE)).toEqual(expected(sent));
  });
});
