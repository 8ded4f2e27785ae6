// Images pass through to vision-capable providers in each provider's own format, over HTTP
// against the mock (which validates the blocks as the real APIs do).
import { describe, expect, it } from "vitest";
import { callApp, jsonPost, scenario } from "./helpers.ts";
import { providersEnv } from "./test-catalog.ts";

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const body = JSON.stringify({
  model: "auto",
  messages: [
    {
      role: "user",
      content: [
        { type: "text", text: "What is in this picture?" },
        { type: "image_url", image_url: { url: `data:image/png;base64,${PNG}` } },
      ],
    },
  ],
});

describe("images", () => {
  it("become an Anthropic base64 image block", async () => {
    const mock = await scenario();
    const res = await callApp("/v1/chat/completions", jsonPost(body), await providersEnv(mock, ["anthropic"]));
    expect(res.status).toBe(200);
    const [sent] = await mock.requests();
    const content = (sent!.body as any).messages[0].content;
    expect(content).toContainEqual({ type: "image", source: { type: "base64", media_type: "image/png", data: PNG } });
  });

  it("become Gemini inlineData", async () => {
    const mock = await scenario();
    const res = await callApp("/v1/chat/completions", jsonPost(body), await providersEnv(mock, ["google"]));
    expect(res.status).toBe(200);
    const [sent] = await mock.requests();
    const parts = (sent!.body as any).contents[0].parts;
    expect(parts).toContainEqual({ inlineData: { mimeType: "image/png", data: PNG } });
  });

  it("stay image_url parts for OpenAI", async () => {
    const mock = await scenario();
    const res = await callApp("/v1/chat/completions", jsonPost(body), await providersEnv(mock, ["openai"]));
    expect(res.status).toBe(200);
    const [sent] = await mock.requests();
    expect((sent!.body as any).messages[0].content[1]).toEqual({
      type: "image_url",
      image_url: { url: `data:image/png;base64,${PNG}` },
    });
  });
});
