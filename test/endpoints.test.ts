import { describe, expect, it } from "vitest";
import { CATALOG_KEY } from "../src/pricing/catalog-store.ts";
import { DEFAULT_CATALOG } from "../src/pricing/default-catalog.ts";
import { appWithEnv, callApp, callWorker, chatBody, jsonPost, testEnv } from "./helpers.ts";

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
    const call = appWithEnv({ PRICING: kv });
    const res = await call("/v1/models");
    expect(res.status).toBe(200);
    // Seeding happens in the background (ctx.waitUntil), off the request's path.
    await call.settle();
    expect(JSON.parse((await kv.get(CATALOG_KEY))!)).toEqual(DEFAULT_CATALOG);
  });
});

describe("GET /v1/models/{id}", () => {
  it("returns auto, its variants and catalog ids (with slashes)", async () => {
    for (const id of ["auto", "auto:latency", "openai/gpt-4.1-mini"]) {
      const res = await callWorker(`/v1/models/${id}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id, object: "model" });
    }
  });

  it("answers an unknown id with model_not_found naming the closest catalog ids", async () => {
    const res = await callWorker("/v1/models/gpt-4.1-mimi");
    expect(res.status).toBe(404);
    const body = (await res.json()) as any;
    expect(body.error.code).toBe("model_not_found");
    expect(body.error.message).toContain("Closest: openai/gpt-4.1-mini");
  });
});

describe("model_not_found on a request", () => {
  it("names the closest reachable catalog ids and auto", async () => {
    const res = await callWorker("/v1/chat/completions", jsonPost(chatBody("hi", { model: "gpt-4o" })));
    expect(res.status).toBe(404);
    const message = ((await res.json()) as any).error.message as string;
    expect(message).toMatch(/Closest: openai\/gpt-4\.1/);
    expect(message).toContain('"auto"');
  });
});

describe("CORS (ROUTER_CORS_ORIGINS)", () => {
  const preflight = (origin: string) => ({
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization, content-type, x-stainless-os",
    },
  });

  it("is off by default: no preflight answer, no CORS headers", async () => {
    const res = await callWorker("/v1/chat/completions", preflight("https://app.example.com"));
    expect(res.status).toBe(404);
    const chat = await callWorker("/v1/models", { headers: { origin: "https://app.example.com" } });
    expect(chat.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers preflights for listed origins only, before auth, and exposes the x-router-* headers", async () => {
    const env = { ROUTER_CORS_ORIGINS: "https://app.example.com", ROUTER_AUTH: "keys" };
    const allowed = await callApp("/v1/chat/completions", preflight("https://app.example.com"), env);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("x-stainless-os");
    const other = await callApp("/v1/chat/completions", preflight("https://evil.example"), env);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const res = await callApp("/v1/chat/completions", jsonPost(chatBody("hi"), { origin: "https://app.example.com" }), {
      ROUTER_CORS_ORIGINS: "https://app.example.com",
    });
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(res.headers.get("access-control-expose-headers")).toContain("x-router-model");
  });
});

describe("balanced objective with the bundled catalog", () => {
  it("never picks a multi-second model for a prompt a fast model serves", async () => {
    const prompts = [
      'Return {"ok": true} as JSON.',
      "hi",
      "Explain the difference between a process and a thread.",
      "Prove that there are infinitely many primes, and derive the bound step by step.",
    ];
    for (const prompt of prompts) {
      const decision = (await (
        await callApp("/v1/route", jsonPost(chatBody(prompt)), {
          OPENAI_API_KEY: "",
          DEV_UPSTREAM_URL: "http://127.0.0.1:9",
        })
      ).json()) as any;
      const chosen = decision.candidates[0];
      // Every candidate of the served tier is a fallback option; the fastest sets the bar.
      const route = (await (
        await callApp("/v1/route", jsonPost(chatBody(prompt, { router: { objective: "latency" } })), {
          OPENAI_API_KEY: "",
          DEV_UPSTREAM_URL: "http://127.0.0.1:9",
        })
      ).json()) as any;
      const fastest = route.candidates[0].est_latency_ms;
      expect(decision.objective).toBe("balanced");
      expect(chosen.est_latency_ms).toBeLessThanOrEqual(Math.max(2 * fastest, fastest + 2000));
    }
  });
});
