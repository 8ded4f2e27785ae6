import { describe, expect, it } from "vitest";
import { CATALOG_KEY } from "../src/pricing/catalog-store";
import { DEFAULT_CATALOG } from "../src/pricing/default-catalog";
import { callApp, callWorker, chatBody, jsonPost, testEnv } from "./helpers";

describe("POST /v1/route", () => {
  it("returns the decision without calling any upstream", async () => {
    const res = await callWorker(
      "/v1/route",
      jsonPost(chatBody("Prove that the square root of 2 is irrational, step by step.")),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.object).toBe("router.decision");
    expect(body.model).toMatch(/^openai\//);
    expect(["simple", "moderate", "complex"]).toContain(body.tier);
    expect(body.score).toBeGreaterThanOrEqual(0);
    expect(body.score).toBeLessThanOrEqual(1);
    expect(body.stage).toBe("heuristic");
    expect(body.candidates.length).toBeGreaterThan(0);
    expect(body.baseline.model).toBe(DEFAULT_CATALOG.baseline);
  });

  it("scores a proof request above a greeting", async () => {
    const score = async (text: string) =>
      ((await (await callWorker("/v1/route", jsonPost(chatBody(text)))).json()) as any).score;
    expect(
      await score("Prove that there are infinitely many primes and derive the bound step by step."),
    ).toBeGreaterThan(await score("hi"));
  });
});

describe("GET /v1/models", () => {
  it("lists the virtual auto models and the reachable catalog models", async () => {
    const body = (await (await callWorker("/v1/models")).json()) as any;
    expect(body.object).toBe("list");
    const ids = body.data.map((model: any) => model.id);
    expect(ids).toEqual(expect.arrayContaining(["auto", "auto:cost", "auto:balanced", "auto:quality", "auto:latency"]));
    // Every catalog model whose provider is configured here (the tests configure OpenAI).
    const reachable = DEFAULT_CATALOG.models.filter((model) => model.provider === "openai").map((model) => model.id);
    expect(reachable.length).toBeGreaterThan(0);
    expect(ids).toEqual(expect.arrayContaining(reachable));
  });
});

describe("GET /healthz", () => {
  const TOKEN = "health-token-0123456789abcdef";

  it("shows only liveness to anyone, and the configured providers to the admin token", async () => {
    expect(await (await callWorker("/healthz")).json()).toEqual({ status: "ok" });
    const wrong = await callApp(
      "/healthz",
      { headers: { authorization: "Bearer not-the-token-0123456789", "cf-connecting-ip": "198.51.100.41" } },
      { ADMIN_TOKEN: TOKEN },
    );
    expect(await wrong.json()).toEqual({ status: "ok" });
    const body = (await (
      await callApp("/healthz", { headers: { authorization: `Bearer ${TOKEN}` } }, { ADMIN_TOKEN: TOKEN })
    ).json()) as any;
    expect(body.status).toBe("ok");
    expect(body.providers).toContain("openai");
    expect(body).toHaveProperty("breakers");
  });
});

describe("pricing catalog in KV", () => {
  it("seeds the bundled defaults into an empty namespace on first read", async () => {
    const kv = testEnv.SPARE_KV_A;
    expect(await kv.get(CATALOG_KEY)).toBeNull();
    const res = await callApp("/v1/models", undefined, { PRICING: kv });
    expect(res.status).toBe(200);
    // Seeding happens in the background (ctx.waitUntil), off the request's path.
    let raw: string | null = null;
    for (let i = 0; i < 50 && raw === null; i++) {
      raw = await kv.get(CATALOG_KEY);
      if (raw === null) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(JSON.parse(raw!)).toEqual(DEFAULT_CATALOG);
  });
});
