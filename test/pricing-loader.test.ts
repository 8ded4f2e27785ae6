// The catalog loader in workerd, over the real (simulated) KV: hot-path KV reads, corrupted values,
// KV outages.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { FIRST_LOAD_TIMEOUT_MS, loadCatalog } from "../src/pricing/catalog-store.ts";
import { DEFAULT_CATALOG } from "../src/pricing/default-catalog.ts";
import { testCatalog } from "./fixtures/test-catalog.ts";
import { appWithEnv, callApp, chatBody, jsonPost, testEnv } from "./helpers.ts";
import { countingKv, sleep, storeCatalog } from "./kv-helpers.ts";

const route = async (kv: KVNamespace, extra: Record<string, unknown> = {}) => {
  const res = await callApp("/v1/route", jsonPost(chatBody("hi")), { PRICING: kv, ...extra });
  expect(res.status).toBe(200);
  return (await res.json()) as { model: string; catalog_version: number };
};

afterEach(() => vi.restoreAllMocks());

describe("catalog loader", () => {
  it("serves 1,000 requests with KV reads on at most 1% of them (background refresh included)", async () => {
    const { kv, counts } = countingKv(testEnv.SPARE_KV_B);
    await storeCatalog(kv, testCatalog());
    counts.put = 0;
    const started = Date.now();
    for (let i = 0; i < 1000; i++) {
      // TTL 1 s: every second one background refresh reads KV again.
      expect((await route(kv, { ROUTER_CATALOG_TTL_SECONDS: "1" })).model).toBe("openai/cheap-a");
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`1,000 routed requests in ${seconds.toFixed(1)} s: ${counts.get} KV reads`);
    expect(counts.get).toBeGreaterThanOrEqual(1);
    expect(counts.get).toBeLessThanOrEqual(10);
    expect(counts.put + counts.list + counts.delete).toBe(0);
  });

  it("keeps routing on the last good catalog when KV gets a corrupted value, and reports it once", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { kv, putRaw } = countingKv(testEnv.SPARE_KV_B);
    await storeCatalog(kv, testCatalog({ cheapA: 0.5, cheapB: 0.1 }));
    expect((await route(kv)).model).toBe("openai/cheap-b");
    // The TTL passes on an injected clock, ahead of the app's: only these loads refresh the cache the
    // app routes with, and each refresh is awaited through a real execution context.
    let ahead = 0;
    const ctx = createExecutionContext();
    const source = {
      kv,
      ttlMs: 1_000,
      now: () => Date.now() + ahead,
      waitUntil: (p: Promise<unknown>) => ctx.waitUntil(p),
    };
    const refreshPastTtl = async () => {
      ahead += 1_100;
      await loadCatalog(source); // past the TTL: starts the background refresh
      await waitOnExecutionContext(ctx);
    };

    for (const bad of ["{not json", JSON.stringify({ ...testCatalog(), baseline: "openai/nope" })]) {
      await putRaw("catalog:current", bad);
      for (let round = 0; round < 3; round++) {
        await refreshPastTtl();
        expect((await route(kv)).model).toBe("openai/cheap-b");
      }
    }
    const reports = errors.mock.calls
      .map(([line]) => JSON.parse(String(line)))
      .filter((l) => l.event === "catalog_invalid");
    expect(reports).toHaveLength(2); // one per distinct bad value, not one per refresh
    expect(reports[1].issue).toContain("baseline");
    expect(JSON.stringify(reports)).not.toContain("cheap-a"); // no catalog dump in logs

    // A good value is picked up again.
    await storeCatalog(kv, testCatalog({ cheapA: 0.1, cheapB: 0.5 }));
    await refreshPastTtl();
    expect((await route(kv)).model).toBe("openai/cheap-a");
  });

  it("the app itself picks up a new catalog once ROUTER_CATALOG_TTL_SECONDS has passed (real time)", async () => {
    // The one test that waits the TTL out in real time: the others move a clock of their own, so only
    // this one shows that the app passes its TTL to the loader and refreshes on a request.
    const { kv } = countingKv(testEnv.SPARE_KV_B);
    await storeCatalog(kv, testCatalog({ cheapA: 0.5, cheapB: 0.1 }));
    const call = appWithEnv({ PRICING: kv, ROUTER_CATALOG_TTL_SECONDS: "1" });
    const model = async () => {
      const res = await call("/v1/route", jsonPost(chatBody("hi")));
      await call.settle();
      return ((await res.json()) as { model: string }).model;
    };
    expect(await model()).toBe("openai/cheap-b");
    await storeCatalog(kv, testCatalog({ cheapA: 0.1, cheapB: 0.5 }));
    expect(await model()).toBe("openai/cheap-b"); // within the TTL: the cached catalog
    await sleep(1_100);
    await model(); // past the TTL: served from the cache, refreshed in the background
    expect(await model()).toBe("openai/cheap-a");
  });

  it("serves the bundled defaults when the first value read is corrupted", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { kv, putRaw } = countingKv(testEnv.SPARE_KV_B);
    await putRaw("catalog:current", '{"version": 1, "models": []}');
    const decision = await route(kv);
    expect(DEFAULT_CATALOG.models.map((m) => m.id)).toContain(decision.model);
    expect(decision.catalog_version).toBe(DEFAULT_CATALOG.version);
  });

  it("serves the bundled defaults when KV fails", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { kv } = countingKv(testEnv.SPARE_KV_B, "fail");
    expect(DEFAULT_CATALOG.models.map((m) => m.id)).toContain((await route(kv)).model);
  });

  it("does not wait on a hanging KV longer than the first-load timeout", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { kv, counts } = countingKv(testEnv.SPARE_KV_B, "hang");
    const started = Date.now();
    // Concurrent first requests share one KV read.
    const decisions = await Promise.all([route(kv), route(kv), route(kv)]);
    expect(Date.now() - started).toBeLessThan(FIRST_LOAD_TIMEOUT_MS + 1500);
    expect(decisions.every((d) => DEFAULT_CATALOG.models.some((m) => m.id === d.model))).toBe(true);
    expect(counts.get).toBe(1);
  });
});
