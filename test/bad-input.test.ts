// Every bad input of METHODS.md §4, through the real app in workerd: each gets a 4xx in the OpenAI
// error envelope, decided before any scoring (no x-router-score header), with no upstream call
// (the mock scenario records nothing). Missing and invalid keys are in test/auth-keys.test.ts
// too; here they run in the same table as everything else.
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { CASES, json, nested, user } from "./fixtures/bad-input-cases.ts";
import { appWithEnv, chatBody, scenario } from "./helpers.ts";
import { keysRouter } from "./key-helpers.ts";

const encoder = new TextEncoder();

describe("bad input (METHODS.md §4)", () => {
  it.each(CASES)("$name → $status $code, no scoring, no upstream call", async (c) => {
    const upstream = await scenario();
    const overrides: Partial<Env> = { OPENAI_BASE_URL: upstream.openaiBaseUrl };
    const { "x-keys-mode": keysMode, ...headers } = c.headers ?? {};
    const call = keysMode ? keysRouter(overrides).call : appWithEnv(overrides);
    for (const path of [c.path ?? "/v1/chat/completions", "/v1/route"]) {
      const body = typeof c.body === "function" ? c.body() : c.body;
      const res = await call(path, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
      });
      expect(res.status, `${path}: ${c.name}`).toBe(c.status);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(res.headers.get("x-router-score")).toBeNull();
      expect(res.headers.get("x-router-request-id")).toBeTruthy();
      const envelope = (await res.json()) as { error: Record<string, unknown> };
      expect(Object.keys(envelope)).toEqual(["error"]);
      expect(envelope.error).toMatchObject({ message: expect.any(String), type: expect.any(String), code: c.code });
      expect(Object.keys(envelope.error).sort()).toEqual(["code", "message", "param", "type"]);
      if (c.param !== undefined) expect(envelope.error.param).toBe(c.param);
      expect((envelope.error.message as string).length).toBeLessThan(400);
    }
    expect(await upstream.requests()).toEqual([]);
  });

  it("refuses a Content-Length over the limit without reading the body", async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        if (pulls > 100) controller.close();
        else controller.enqueue(encoder.encode("x".repeat(1024)));
      },
    });
    const res = await appWithEnv({})("/v1/chat/completions", {
      method: "POST",
      headers: { "content-length": String(9 * 1024 * 1024) },
      body,
    });
    expect(res.status).toBe(413);
    expect(pulls).toBeLessThanOrEqual(1); // the stream's own initial pull; the router read nothing
  });

  it("refuses a body longer than its Content-Length says, when that passes the limit", async () => {
    // Off the wire, HTTP framing bounds a body by its declared length; a Request built in code is not
    // bounded, and the router checks what it read.
    const call = appWithEnv({ ROUTER_MAX_BODY_BYTES: "2000" });
    const res = await call("/v1/route", {
      method: "POST",
      headers: { "content-length": "100" },
      body: json(user("x".repeat(3000))),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("request_too_large");
  });

  it("takes its limits from the environment", async () => {
    const call = appWithEnv({ ROUTER_MAX_MESSAGES: "2", ROUTER_MAX_BODY_BYTES: "2000", ROUTER_MAX_JSON_DEPTH: "5" });
    const three = json({ model: "auto", messages: Array.from({ length: 3 }, () => ({ role: "user", content: "hi" })) });
    expect((await call("/v1/route", { method: "POST", body: three })).status).toBe(400);
    expect((await call("/v1/route", { method: "POST", body: json(user("x".repeat(3000))) })).status).toBe(413);
    const deep = json({ ...user("hi"), metadata: JSON.parse(`{"a":${nested(4)}}`) });
    expect((await call("/v1/route", { method: "POST", body: deep })).status).toBe(400);
    expect((await call("/v1/route", { method: "POST", body: chatBody("hi") })).status).toBe(200);
    const broken = await appWithEnv({ ROUTER_MAX_MESSAGES: "lots" })("/v1/route", {
      method: "POST",
      body: chatBody("hi"),
    });
    expect(broken.status).toBe(500);
    expect(((await broken.json()) as any).error.code).toBe("router_misconfigured");
  });

  it("still serves large legitimate requests: a 400 KB prompt, an image data URL, 1,000 messages", async () => {
    const call = appWithEnv({});
    const image = `data:image/png;base64,${"A".repeat(2_000_000)}`;
    for (const body of [
      json(user("word ".repeat(80_000))),
      json(
        user([
          { type: "text", text: "what is this?" },
          { type: "image_url", image_url: { url: image } },
        ]),
      ),
      json({
        model: "auto",
        messages: Array.from({ length: 1_000 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", content: "ok" })),
      }),
    ]) {
      const res = await call("/v1/route", { method: "POST", body });
      expect(res.status).toBe(200);
    }
  });
});
