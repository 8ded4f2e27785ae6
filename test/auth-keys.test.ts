// Client keys in workerd: the admin API mints, lists, updates and revokes them (real KV); the
// /v1 API accepts only valid, unrevoked keys, with one indistinguishable 401 for every failure and
// no upstream call; key policies narrow ROUTER_POLICY; open mode is explicit.
import { describe, expect, it } from "vitest";
import { testCatalog } from "./fixtures/test-catalog.ts";
import { callApp, chatBody, scenario, testEnv } from "./helpers.ts";
import { keysRouter } from "./key-helpers.ts";
import { countingKv, storeCatalog } from "./kv-helpers.ts";

async function catalogKv() {
  const { kv } = countingKv(testEnv.SPARE_KV_B);
  await storeCatalog(kv, testCatalog());
  return kv;
}

async function expect401(res: Response, presented?: string) {
  expect(res.status).toBe(401);
  expect(res.headers.get("www-authenticate")).toBe('Bearer realm="triage"');
  const text = await res.text();
  expect(JSON.parse(text)).toEqual({
    error: {
      message: "Invalid API key. Send a Triage client key as 'Authorization: Bearer <key>'.",
      type: "authentication_error",
      param: null,
      code: "invalid_api_key",
    },
  });
  if (presented) expect(text).not.toContain(presented);
  for (const value of res.headers.values()) if (presented) expect(value).not.toContain(presented);
}

describe("client keys on /v1", () => {
  it("serves a valid key, and shows the key's policy", async () => {
    const PRICING = await catalogKv();
    const router = keysRouter({ PRICING });
    const { key } = await router.mint("team-a");
    const res = await router.chat(key, chatBody("hi"));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-policy")).toBe("team-a");
    expect(res.headers.get("x-router-auth")).toBeNull();
    expect(((await res.json()) as any).object).toBe("chat.completion");
  });

  it("gives the same 401 for a missing, malformed, unknown, wrong-secret or revoked key, with no upstream call", async () => {
    const upstream = await scenario();
    const router = keysRouter({ OPENAI_BASE_URL: upstream.openaiBaseUrl });
    const { id, key } = await router.mint("victim");
    const revoked = await router.mint("revoked");
    expect((await router.admin(`/admin/keys/${revoked.id}`, { method: "DELETE" })).status).toBe(200);

    const secret = key.slice(17);
    const flipped = key.slice(0, -1) + (key.endsWith("A") ? "B" : "A");
    const unknownId = `tri_zzzzzzzzzzzz_${secret}`;
    const cases: [string, string | undefined, Record<string, string>?][] = [
      ["missing", undefined],
      ["empty bearer", ""],
      ["not a Triage key", "sk-test-openai-0123456789abcdef"],
      ["a prefix of the real key", key.slice(0, 30)],
      ["the real key plus a character", `${key}x`],
      ["wrong last character of the secret", flipped],
      ["unknown id, real secret", unknownId],
      ["uppercase id", key.replace(id, id.toUpperCase())],
      ["revoked", revoked.key],
      ["key sent as x-api-key instead (only /v1/messages takes it)", undefined, { "x-api-key": key }],
      ["basic auth", undefined, { authorization: `Basic ${btoa(`user:${key}`)}` }],
    ];
    for (const [, presented, headers] of cases) {
      const res = await router.chat(presented, chatBody("hi"), headers ?? {});
      await expect401(res, presented && presented.length > 8 ? presented : undefined);
    }
    // The other routes of the client API are guarded too.
    await expect401(await router.call("/v1/models"));
    await expect401(
      await router.call("/v1/route", {
        method: "POST",
        headers: { authorization: `Bearer ${flipped}` },
        body: chatBody("hi"),
      }),
    );
    expect(await upstream.requests()).toEqual([]);
    // The real key still works afterwards (no lockout from the failures above).
    expect((await router.chat(key, chatBody("hi"))).status).toBe(200);
  });

  it("takes the key as x-api-key on /v1/messages (Anthropic's SDK), answering failures in Anthropic's envelope", async () => {
    const router = keysRouter({ PRICING: await catalogKv() });
    const { key } = await router.mint("claude-app");
    const messages = (headers: Record<string, string>) =>
      router.call("/v1/messages", {
        method: "POST",
        headers: { "content-type": "application/json", "anthropic-version": "2023-06-01", ...headers },
        body: JSON.stringify({ model: "auto", max_tokens: 100, messages: [{ role: "user", content: "hi" }] }),
      });
    const ok = await messages({ "x-api-key": key });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-router-policy")).toBe("claude-app");
    const bad = await messages({ "x-api-key": key.slice(0, -1) + (key.endsWith("A") ? "B" : "A") });
    expect(bad.status).toBe(401);
    const envelope = (await bad.json()) as any;
    expect(envelope.type).toBe("error");
    expect(envelope.error.type).toBe("authentication_error");
    // The Responses API and stored responses need a key like every /v1 route.
    expect((await router.call("/v1/responses", { method: "POST", body: "{}" })).status).toBe(401);
    expect((await router.call("/v1/responses/resp_0")).status).toBe(401);
  });

  it("keeps a stored response to the key that created it", async () => {
    const router = keysRouter({ PRICING: await catalogKv() });
    const [a, b] = [await router.mint("a"), await router.mint("b")];
    const as = (key: string, path: string, body?: unknown) =>
      router.call(path, {
        method: body ? "POST" : "GET",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const created = (await (await as(a.key, "/v1/responses", { model: "auto", input: "secret" })).json()) as any;
    await router.call.settle(); // stored after the response
    expect((await as(a.key, `/v1/responses/${created.id}`)).status).toBe(200);
    expect((await as(b.key, `/v1/responses/${created.id}`)).status).toBe(404);
    const followUp = await as(b.key, "/v1/responses", { model: "auto", input: "x", previous_response_id: created.id });
    expect(followUp.status).toBe(404);
  });

  it("accepts any capitalisation of 'Bearer' and surrounding spaces", async () => {
    const router = keysRouter();
    const { key } = await router.mint();
    for (const header of [`bearer ${key}`, `BEARER   ${key}  `]) {
      const res = await router.call("/v1/models", { headers: { authorization: header } });
      expect(res.status).toBe(200);
    }
  });

  it("keeps /healthz public and /v1/router/stats behind the admin token, not a client key", async () => {
    const router = keysRouter();
    const { key } = await router.mint();
    expect((await router.call("/healthz")).status).toBe(200);
    const stats = await router.call("/v1/router/stats", { headers: { authorization: `Bearer ${key}` } });
    expect(stats.status).toBe(401);
    expect(((await stats.json()) as any).error.code).toBe("invalid_admin_token");
  });

  it("refuses everyone when deployed without keys configured and without open mode", async () => {
    const upstream = await scenario();
    const router = keysRouter();
    const { key } = await router.mint();
    for (const env of [
      { ROUTER_AUTH: undefined, KEYS: undefined },
      { ROUTER_AUTH: "", KEYS: undefined },
      { ROUTER_AUTH: "keys", KEYS: undefined },
    ]) {
      for (const presented of [undefined, key]) {
        const res = await callApp(
          "/v1/chat/completions",
          {
            method: "POST",
            headers: presented ? { authorization: `Bearer ${presented}` } : {},
            body: chatBody("hi"),
          },
          { ...env, OPENAI_BASE_URL: upstream.openaiBaseUrl },
        );
        await expect401(res, presented);
      }
    }
    expect(await upstream.requests()).toEqual([]);
  });

  it("refuses to guess on an unknown ROUTER_AUTH value", async () => {
    const res = await callApp("/v1/chat/completions", { method: "POST", body: chatBody("hi") }, { ROUTER_AUTH: "off" });
    expect(res.status).toBe(500);
    expect(((await res.json()) as any).error.code).toBe("router_misconfigured");
  });

  it("open mode serves callers without a key, says so on every response, and still checks Triage keys", async () => {
    const res = await callApp(
      "/v1/chat/completions",
      { method: "POST", headers: { authorization: "Bearer unused" }, body: chatBody("hi") },
      {
        ROUTER_AUTH: "open",
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-auth")).toBe("open");
    const router = keysRouter({ ROUTER_AUTH: "open" });
    const { key } = await router.mint("dev-key");
    const keyed = await router.chat(key, chatBody("hi"));
    expect(keyed.status).toBe(200);
    expect(keyed.headers.get("x-router-policy")).toBe("dev-key");
    await expect401(await router.chat(`${key}x`, chatBody("hi")), key);
  });

  it("reads KV once per key and TTL, not per request", async () => {
    const router = keysRouter();
    const { key } = await router.mint();
    const before = router.keys.counts.get;
    for (let i = 0; i < 200; i++) {
      const res = await router.call("/v1/models", { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
    }
    // Minting primed this isolate's cache: no read at all.
    expect(router.keys.counts.get - before).toBe(0);
    // Another isolate (a fresh cache over the same KV data) reads the record once, then serves from memory.
    const kv = router.keys.kv;
    const sameData = {
      get: kv.get.bind(kv),
      put: kv.put.bind(kv),
      delete: kv.delete.bind(kv),
      list: kv.list.bind(kv),
    } as unknown as KVNamespace;
    const other = keysRouter({ KEYS: sameData });
    const reads = router.keys.counts.get;
    for (let i = 0; i < 200; i++) {
      expect((await other.call("/v1/models", { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    }
    expect(router.keys.counts.get - reads).toBe(1);
  });

  it("answers 503 (not 401) while the key store cannot be read, and never serves without a check", async () => {
    const upstream = await scenario();
    const router = keysRouter({ OPENAI_BASE_URL: upstream.openaiBaseUrl }, "fail");
    await router.keys.putRaw(
      "key:abcdefghijkl",
      JSON.stringify({
        id: "abcdefghijkl",
        name: "x",
        hash: "0".repeat(64),
        policy: { name: "x" },
        created_at: "",
        updated_at: "",
        revoked_at: null,
      }),
    );
    const res = await router.chat(`tri_abcdefghijkl_${"A".repeat(43)}`, chatBody("hi"));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(((await res.json()) as any).error.code).toBe("auth_unavailable");
    expect(await upstream.requests()).toEqual([]);
  });
});

describe("key policies", () => {
  it("caps the tier visibly and restricts models, narrowing ROUTER_POLICY", async () => {
    const PRICING = await catalogKv();
    const router = keysRouter({
      PRICING,
      ROUTER_POLICY: JSON.stringify({ name: "deploy", deny_models: ["openai/cheap-a"] }),
    });
    const { key } = await router.mint("capped", {
      max_tier: "simple",
      allow_models: ["cheap-a", "openai/cheap-b", "openai/mid"],
    });
    const res = await router.chat(key, chatBody("hi", { router: { objective: "quality" } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-policy")).toBe("deploy/capped");
    // Only cheap-b is left: cheap-a is denied by the deployment, mid is above the key's tier cap.
    expect(res.headers.get("x-router-model")).toBe("openai/cheap-b");
    expect(res.headers.get("x-router-tier-capped")).toMatch(/;served=simple;by=policy$/);

    const refused = await router.chat(key, chatBody("hi", { model: "openai/big" }));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.param).toMatch(/^policy\./);
  });

  it("cannot reach a provider the deployment policy does not allow", async () => {
    const PRICING = await catalogKv();
    const router = keysRouter({
      PRICING,
      ROUTER_POLICY: JSON.stringify({ name: "d", allow_providers: ["anthropic"] }),
    });
    const { key } = await router.mint("wide", { allow_providers: ["openai", "anthropic"] });
    const res = await router.chat(key, chatBody("hi"));
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.param).toBe("policy.allow_providers");
  });

  it("applies a policy update and a revocation at once in the isolate that made it", async () => {
    const PRICING = await catalogKv();
    const router = keysRouter({ PRICING });
    const { id, key } = await router.mint("changing");
    expect((await router.chat(key, chatBody("hi"))).headers.get("x-router-policy")).toBe("changing");

    const patched = await router.admin(`/admin/keys/${id}`, {
      method: "PATCH",
      body: JSON.stringify({ policy: { name: "tight", allow_models: ["openai/cheap-b"] } }),
    });
    expect(patched.status).toBe(200);
    const after = await router.chat(key, chatBody("hi"));
    expect(after.headers.get("x-router-policy")).toBe("tight");
    expect(after.headers.get("x-router-model")).toBe("openai/cheap-b");

    expect((await router.admin(`/admin/keys/${id}`, { method: "DELETE" })).status).toBe(200);
    await expect401(await router.chat(key, chatBody("hi")), key);
  });
});
