// Admin pricing API in workerd: auth, versioned writes, rollback, LiteLLM import, and price
// changes taking effect on routing without a redeploy.
import { describe, expect, it } from "vitest";
import type { Catalog } from "../src/pricing/catalog-schema.ts";
import { testCatalog } from "./fixtures/test-catalog.ts";
import { appWithEnv, callApp, chatBody, jsonPost, testEnv } from "./helpers.ts";
import { countingKv } from "./kv-helpers.ts";

const TOKEN = "admin-token-0123456789abcdef";

function admin(kv: KVNamespace) {
  const call = (path: string, init: RequestInit = {}, token: string | undefined = TOKEN) =>
    callApp(
      path,
      {
        ...init,
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...init.headers,
        },
      },
      { PRICING: kv, ADMIN_TOKEN: TOKEN },
    );
  return {
    call,
    put: (catalog: unknown, headers: Record<string, string> = {}) =>
      call("/admin/pricing", { method: "PUT", body: JSON.stringify(catalog), headers }),
    decide: async (content = "hi") =>
      ((await (await callApp("/v1/route", jsonPost(chatBody(content)), { PRICING: kv })).json()) as { model: string })
        .model,
  };
}

describe("admin auth", () => {
  it("is disabled, with a clear error, when no ADMIN_TOKEN is configured (or it is too short)", async () => {
    for (const ADMIN_TOKEN of [undefined, "short"]) {
      const res = await callApp("/admin/pricing", { headers: { authorization: "Bearer anything" } }, { ADMIN_TOKEN });
      expect(res.status).toBe(403);
      const body = (await res.json()) as any;
      expect(body.error).toMatchObject({ type: "permission_error", code: "admin_disabled" });
      expect(body.error.message).toContain("ADMIN_TOKEN");
    }
  });

  it.each([
    ["missing", ""],
    ["wrong", "admin-token-0123456789abcdeX"],
    ["a prefix of the real one", "admin-token"],
  ])("answers 401 in the OpenAI envelope for a %s token", async (_, token) => {
    const { kv } = countingKv(testEnv.SPARE_KV_B);
    const res = await admin(kv).call("/admin/pricing", {}, token);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    const body = (await res.json()) as any;
    expect(body).toEqual({
      error: { message: expect.any(String), type: "authentication_error", param: null, code: "invalid_admin_token" },
    });
    expect(body.error.message).not.toContain(TOKEN);
  });

  it("guards /v1/router/stats too", async () => {
    const res = await callApp("/v1/router/stats", {}, { ADMIN_TOKEN: TOKEN });
    expect(res.status).toBe(401);
  });
});

describe("admin pricing API", () => {
  it("GET returns the bundled default for an empty namespace", async () => {
    const { kv } = countingKv(testEnv.SPARE_KV_B);
    const res = await admin(kv).call("/admin/pricing");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-catalog-state")).toBe("default");
    expect(((await res.json()) as Catalog).models.length).toBeGreaterThan(10);
  });

  it("PUT validates, versions and applies; a price change flips the decision without a redeploy", async () => {
    const { kv } = countingKv(testEnv.SPARE_KV_B);
    const api = admin(kv);
    let res = await api.put(testCatalog({ cheapA: 0.1, cheapB: 0.2 }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ version: 2, previous_version: 1 });
    expect(await api.decide()).toBe("openai/cheap-a");

    // Raise cheap-a's price: the next decision in this isolate uses the new table at once.
    res = await api.put(testCatalog({ cheapA: 0.9, cheapB: 0.2 }));
    expect(await res.json()).toMatchObject({ version: 3 });
    expect(await api.decide()).toBe("openai/cheap-b");

    const stored = (await (await api.call("/admin/pricing")).json()) as Catalog;
    expect(stored.version).toBe(3);
    expect(stored.models.find((m) => m.id === "openai/cheap-a")!.pricing.input).toBe(0.9);
  });

  it.each([
    [{ ...testCatalog(), baseline: "openai/none" }, "baseline"],
    [{ ...testCatalog(), models: [] }, "models"],
    [{ ...testCatalog(), models: [{ ...testCatalog().models[0], provider: "acme" }] }, "models.0.provider"],
    [
      { ...testCatalog(), models: [{ ...testCatalog().models[0], pricing: { input: -1, output: 1 } }] },
      "models.0.pricing.input",
    ],
    [[1, 2, 3], ""],
  ])("PUT rejects an invalid catalog with a 400 naming the field (%#)", async (catalog, param) => {
    const { kv, counts } = countingKv(testEnv.SPARE_KV_B);
    const res = await admin(kv).put(catalog);
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.error.code).toBe("invalid_catalog");
    if (param) expect(body.error.param).toBe(param);
    expect(counts.put).toBe(0);
  });

  it("PUT honours If-Match", async () => {
    const { kv } = countingKv(testEnv.SPARE_KV_B);
    const api = admin(kv);
    expect((await api.put(testCatalog(), { "if-match": "7" })).status).toBe(412);
    expect((await api.put(testCatalog(), { "if-match": "1" })).status).toBe(200);
  });

  it("keeps the bundled catalog as version 1, so the first edit can be rolled back; versions only go up", async () => {
    const { kv } = countingKv(testEnv.SPARE_KV_B);
    const api = admin(kv);
    const bundled = (await (await api.call("/admin/pricing")).json()) as Catalog;
    expect(bundled.version).toBe(1);
    const edited = { ...bundled, models: bundled.models.slice(0, 5), baseline: bundled.models[0]!.id };
    expect(((await (await api.put(edited)).json()) as any).version).toBe(2);
    const versions = (await (await api.call("/admin/pricing/versions")).json()) as any;
    expect(versions.versions).toEqual([2, 1]);
    const rolled = (await (
      await api.call("/admin/pricing/rollback", { method: "POST", body: JSON.stringify({ version: 1 }) })
    ).json()) as any;
    expect(rolled).toMatchObject({ version: 3, restored_version: 1 });
    expect(((await (await api.call("/admin/pricing")).json()) as Catalog).models.length).toBe(bundled.models.length);
    // An old catalog written over the current one (as a stale push once did) never lowers the next version.
    await kv.put("catalog:current", JSON.stringify({ ...bundled, version: 1 }));
    expect(((await (await api.put(edited)).json()) as any).version).toBe(4);
  });

  it("seeds an empty namespace as version 1 (current and kept)", async () => {
    const { kv } = countingKv(testEnv.SPARE_KV_B);
    const call = appWithEnv({ PRICING: kv });
    await call("/v1/models");
    await call.settle(); // seeding runs in the background
    expect(JSON.parse((await kv.get("catalog:v:1"))!).version).toBe(1);
    expect(JSON.parse((await kv.get("catalog:current"))!).version).toBe(1);
  });

  it("rolls back to the previous version (written as a new version) and routing follows", async () => {
    const { kv } = countingKv(testEnv.SPARE_KV_B);
    const api = admin(kv);
    await api.put(testCatalog({ cheapA: 0.1, cheapB: 0.2 })); // v2
    await api.put(testCatalog({ cheapA: 0.9, cheapB: 0.2 })); // v3
    expect(await api.decide()).toBe("openai/cheap-b");
    const res = await api.call("/admin/pricing/rollback", { method: "POST" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ version: 4, restored_version: 2 });
    expect(await api.decide()).toBe("openai/cheap-a");
    const versions = (await (await api.call("/admin/pricing/versions")).json()) as any;
    expect(versions).toMatchObject({ current: 4, versions: [4, 3, 2, 1] }); // 1: the bundled catalog
    const missing = await api.call("/admin/pricing/rollback", {
      method: "POST",
      body: JSON.stringify({ version: 99 }),
    });
    expect(missing.status).toBe(404);
  });

  it("refuses a rollback body it cannot read (400, nothing written) instead of guessing a version", async () => {
    const { kv } = countingKv(testEnv.SPARE_KV_B);
    const api = admin(kv);
    await api.put(testCatalog({ cheapA: 0.1, cheapB: 0.2 })); // v2
    for (const body of ['{"version":"1"}', '{"foo":1}', "null", "[]", '{"version":1.5}']) {
      const res = await api.call("/admin/pricing/rollback", { method: "POST", body });
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as any).error).toMatchObject({ type: "invalid_request_error" });
    }
    const versions = (await (await api.call("/admin/pricing/versions")).json()) as any;
    expect(versions).toMatchObject({ current: 2, versions: [2, 1] });
  });

  it("imports LiteLLM prices (dry run first), changing decisions", async () => {
    const { kv } = countingKv(testEnv.SPARE_KV_B);
    const api = admin(kv);
    await api.put(testCatalog({ cheapA: 0.1, cheapB: 0.2 }));
    const file = JSON.stringify({
      "cheap-a": { litellm_provider: "openai", mode: "chat", input_cost_per_token: 3e-6, output_cost_per_token: 3e-6 },
      "gpt-new": {
        litellm_provider: "openai",
        mode: "chat",
        input_cost_per_token: 1e-6,
        output_cost_per_token: 1e-6,
        max_input_tokens: 8000,
      },
    });
    const dry = await api.call("/admin/pricing/import/litellm?dry_run=true", { method: "POST", body: file });
    expect(await dry.json()).toMatchObject({ dry_run: true, valid: true, updated: ["openai/cheap-a"], added: [] });
    expect(await api.decide()).toBe("openai/cheap-a");

    const res = await api.call("/admin/pricing/import/litellm", { method: "POST", body: file });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ version: 3, updated: ["openai/cheap-a"] });
    expect(await api.decide()).toBe("openai/cheap-b");

    const bad = await api.call("/admin/pricing/import/litellm", { method: "POST", body: "[]" });
    expect(bad.status).toBe(400);
  });
});
