// `npm run dev` end to end, over real HTTP: wrangler dev + the mock upstream, no
// API keys, driven by the official OpenAI SDK exactly as an app would use it.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./free-port.ts";
import { cleanEnv, spawnServer, type SpawnedServer } from "./spawn-server.ts";

let dev: SpawnedServer;
let base: string;
let output: () => string = () => "";

beforeAll(async () => {
  const port = await freePort();
  const mockPort = await freePort();
  base = `http://127.0.0.1:${port}`;
  // No provider keys, and ROUTER_AUTH unset: the dev default (open mode, with its warning).
  dev = await spawnServer(
    ["tools/dev.ts"],
    base,
    cleanEnv({ PORT: String(port), MOCK_UPSTREAM_PORT: String(mockPort) }),
  );
  output = dev.output;
}, 100_000);

afterAll(() => dev?.stop());

describe("npm run dev", () => {
  it("answers a non-stream chat request through the OpenAI SDK, unmodified", async () => {
    const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: "unused-in-dev" });
    const { data, response } = await client.chat.completions
      .create({ model: "auto", messages: [{ role: "user", content: "hi" }] })
      .withResponse();
    expect(data.object).toBe("chat.completion");
    expect(data.choices[0]!.message.content).toContain("Mock answer from");
    expect(response.headers.get("x-router-model")).toBeTruthy();
    expect(response.headers.get("x-router-tier")).toBeTruthy();
  });

  it("streams through the OpenAI SDK", async () => {
    const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: "unused-in-dev" });
    const stream = await client.chat.completions.create({
      model: "auto",
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    });
    let text = "";
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toContain("Mock answer from");
    expect(finish).toBe("stop");
  });

  it("ends the raw SSE stream with [DONE]", async () => {
    const res = await fetch(`${base}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "auto", stream: true, messages: [{ role: "user", content: "hi" }] }),
    });
    expect((await res.text()).trimEnd().endsWith("data: [DONE]")).toBe(true);
  });

  it("returns the decision from /v1/route", async () => {
    const res = await fetch(`${base}/v1/route`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "auto", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(((await res.json()) as { object: string }).object).toBe("router.decision");
  });

  it("runs in open mode, warns about it on start, and says so on every response", async () => {
    expect(output()).toContain("WARNING: client auth is OPEN (ROUTER_AUTH=open)");
    const res = await fetch(`${base}/v1/models`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-auth")).toBe("open");
    // Triage-shaped keys are still checked in open mode.
    const bad = await fetch(`${base}/v1/models`, {
      headers: { authorization: `Bearer tri_aaaaaaaaaaaa_${"B".repeat(43)}` },
    });
    expect(bad.status).toBe(401);
  });

  it("answers '{' with a 400 in the OpenAI error envelope", async () => {
    const res = await fetch(`${base}/v1/chat/completions`, { method: "POST", body: "{" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
  });
});
