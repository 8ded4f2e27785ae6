import { describe, expect, it } from "vitest";
import type { CanonicalRequest } from "../schema/canonical.ts";
import { inputTokensUpperBound } from "./estimate-tokens.ts";

const request = (messages: CanonicalRequest["messages"]): CanonicalRequest => ({
  messages,
  stream: false,
  includeUsage: false,
});

describe("inputTokensUpperBound", () => {
  it("counts one token per UTF-8 byte of the text (no tokenizer bills more)", () => {
    const ascii = inputTokensUpperBound(
      request([{ role: "user", content: [{ type: "text", text: "a".repeat(100) }] }]),
    );
    const accented = inputTokensUpperBound(
      request([{ role: "user", content: [{ type: "text", text: "é".repeat(100) }] }]),
    );
    expect(ascii).toBeGreaterThanOrEqual(100);
    expect(accented - ascii).toBe(100);
  });

  it("counts reasoning a Responses or Messages client sends back (its provider may bill it as input)", () => {
    const turn = (reasoning?: { text: string; signature?: string; redacted?: string }[]) =>
      inputTokensUpperBound(
        request([
          { role: "user", content: [{ type: "text", text: "hi" }] },
          { role: "assistant", content: "hello", toolCalls: [], ...(reasoning ? { reasoning } : {}) },
        ]),
      );
    expect(turn([{ text: "x".repeat(300), signature: "sig" }]) - turn()).toBe(300);
    expect(turn([{ text: "", redacted: "r".repeat(500) }]) - turn()).toBe(500);
  });
});
