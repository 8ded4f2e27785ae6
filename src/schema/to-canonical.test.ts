import { describe, expect, it } from "vitest";
import { parseChatRequest } from "./parse-request.ts";
import { toCanonicalRequest } from "./to-canonical.ts";

const canonical = (body: unknown) => toCanonicalRequest(parseChatRequest(body));

describe("toCanonicalRequest", () => {
  it("maps roles, content parts, tools and options", () => {
    const request = canonical({
      model: "auto",
      messages: [
        { role: "developer", content: [{ type: "text", text: "be terse" }] },
        {
          role: "user",
          content: [
            { type: "text", text: "what is this?" },
            { type: "image_url", image_url: { url: "https://x/y.png", detail: "low" } },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "c1", type: "function", function: { name: "look", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "c1", content: "a cat" },
      ],
      tools: [{ type: "function", function: { name: "look", parameters: { type: "object" } } }],
      tool_choice: { type: "function", function: { name: "look" } },
      max_tokens: 50,
      stop: "END",
      response_format: { type: "json_object" },
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(request).toEqual({
      messages: [
        { role: "system", content: "be terse" },
        {
          role: "user",
          content: [
            { type: "text", text: "what is this?" },
            { type: "image", url: "https://x/y.png", detail: "low" },
          ],
        },
        { role: "assistant", content: null, toolCalls: [{ id: "c1", name: "look", arguments: "{}" }] },
        { role: "tool", toolCallId: "c1", content: "a cat" },
      ],
      stream: true,
      includeUsage: true,
      maxTokens: 50,
      stop: ["END"],
      tools: [{ name: "look", parameters: { type: "object" } }],
      toolChoice: { name: "look" },
      responseFormat: { type: "json_object" },
    });
  });

  it("prefers max_completion_tokens over max_tokens", () => {
    expect(
      canonical({ model: "auto", messages: [{ role: "user", content: "x" }], max_tokens: 5, max_completion_tokens: 9 })
        .maxTokens,
    ).toBe(9);
  });

  it("refuses audio input instead of dropping it", () => {
    expect(() =>
      canonical({
        model: "auto",
        messages: [{ role: "user", content: [{ type: "input_audio", input_audio: { data: "", format: "wav" } }] }],
      }),
    ).toThrow(
      expect.objectContaining({ status: 400, code: "unsupported_content_type", param: "messages[0].content[0].type" }),
    );
  });
});
