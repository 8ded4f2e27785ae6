import { describe, expect, it } from "vitest";
import { callApp, callWorker, chatBody, jsonPost, scenario } from "./helpers.ts";

describe("POST /v1/chat/completions (non-stream)", () => {
  it("routes model=auto and answers with a chat.completion and decision headers", async () => {
    const res = await callWorker("/v1/chat/completions", jsonPost(chatBody("hi")));
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0].message.role).toBe("assistant");
    expect(body.choices[0].message.content).toContain("Mock answer from");
    expect(body.choices[0].finish_reason).toBe("stop");
    expect(body.usage.total_tokens).toBeGreaterThan(0);
    expect(res.headers.get("x-router-model")).toMatch(/^openai\//);
    expect(res.headers.get("x-router-tier")).toMatch(/^(simple|moderate|complex)$/);
    expect(res.headers.get("x-router-stage")).toBe("heuristic");
    expect(res.headers.get("x-router-attempts")).toBe("1");
    expect(Number(res.headers.get("x-router-est-cost-usd"))).toBeGreaterThan(0);
    expect(Number(res.headers.get("x-router-baseline-cost-usd"))).toBeGreaterThanOrEqual(
      Number(res.headers.get("x-router-est-cost-usd")),
    );
    expect(res.headers.get("x-router-request-id")).toMatch(/^[a-f0-9]{32}$/);
  });

  it("sends a short greeting to a simple-tier model, the model the mock echoes", async () => {
    const res = await callWorker("/v1/chat/completions", jsonPost(chatBody("hi")));
    const body = (await res.json()) as any;
    expect(res.headers.get("x-router-tier")).toBe("simple");
    expect(body.choices[0].message.content).toContain(
      `Mock answer from ${res.headers.get("x-router-model")!.split("/")[1]}`,
    );
  });

  it("passes a concrete model id through (stage=override)", async () => {
    const res = await callWorker(
      "/v1/chat/completions",
      jsonPost(JSON.stringify({ model: "openai/gpt-4.1", messages: [{ role: "user", content: "hi" }] })),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-model")).toBe("openai/gpt-4.1");
    expect(res.headers.get("x-router-stage")).toBe("override");
    expect(((await res.json()) as any).choices[0].message.content).toContain("Mock answer from gpt-4.1.");
  });

  it("strips the router object and sends the provider's upstream model name", async () => {
    const mock = await scenario();
    const res = await callApp(
      "/v1/chat/completions",
      jsonPost(chatBody("hello", { router: { min_tier: "moderate" }, temperature: 0.2 })),
      { OPENAI_BASE_URL: mock.openaiBaseUrl },
    );
    expect(res.status).toBe(200);
    const [sent] = await mock.requests();
    const upstream = sent!.body as Record<string, unknown>;
    expect(upstream.router).toBeUndefined();
    expect(upstream.model).toBe("gpt-4.1-mini");
    expect(upstream.temperature).toBe(0.2);
    expect(sent!.headers.authorization).toBe("Bearer sk-test-openai-0123456789abcdef");
  });

  it("falls back to the next candidate when the primary answers 500", async () => {
    const mock = await scenario([{ model: "gpt-4.1-nano", fault: { type: "status", status: 500 } }]);
    const res = await callApp("/v1/chat/completions", jsonPost(chatBody("hi")), {
      OPENAI_BASE_URL: mock.openaiBaseUrl,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-attempts")).toBe("2");
    expect(res.headers.get("x-router-model")).not.toBe("openai/gpt-4.1-nano");
  });

  it("returns a normalised 502 when every candidate fails", async () => {
    const mock = await scenario([{ fault: { type: "status", status: 503 } }]);
    const res = await callApp("/v1/chat/completions", jsonPost(chatBody("hi")), {
      OPENAI_BASE_URL: mock.openaiBaseUrl,
    });
    expect(res.status).toBe(502);
    const body = (await res.json()) as any;
    expect(body.error.type).toBe("upstream_error");
    expect(body.error.code).toBe("upstream_503");
    expect(res.headers.get("x-router-attempts")).toBe("3");
  });

  it("returns a 502 for a malformed upstream body after trying the fallbacks", async () => {
    const mock = await scenario([{ fault: { type: "malformed" } }]);
    const res = await callApp("/v1/chat/completions", jsonPost(chatBody("hi")), {
      OPENAI_BASE_URL: mock.openaiBaseUrl,
    });
    expect(res.status).toBe(502);
    expect(((await res.json()) as any).error.code).toBe("upstream_malformed");
  });
});
