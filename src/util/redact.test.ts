import { describe, expect, it } from "vitest";
import { redactSecrets } from "./redact.ts";

describe("redactSecrets", () => {
  it.each([
    ["Incorrect API key provided: sk-proj-abcdefghijklmnop1234.", "sk-proj-abcdefghijklmnop1234"],
    ["invalid x-api-key sk-ant-api03-AAAAbbbbCCCCdddd", "sk-ant-api03-AAAAbbbbCCCCdddd"],
    ["API key not valid: AIzaSyA-0123456789abcdefghijklmnopqrs", "AIzaSyA-0123456789abcdefghijklmnopqrs"],
    ["bad key gsk_0123456789abcdefABCDEF", "gsk_0123456789abcdefABCDEF"],
    ["header was Authorization: Bearer whatever-secret-value", "whatever-secret-value"],
    ["GET /v1/x?key=s3cr3tvalue&x=1", "s3cr3tvalue"],
    ['{"api_key":"plainsecret"}', "plainsecret"],
    ["client key tri_abcdefghijkl_0123456789abcdefghijABCDEFGHIJ0123456789_-x", "tri_abcdefghijkl_"],
    ["together key 3f1e0c6a9b2d4e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f", "3f1e0c6a9b2d4e8f"],
  ])("removes the credential from %j", (text, secret) => {
    const out = redactSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toContain("[redacted]");
  });

  it("removes a known secret of any shape", () => {
    expect(redactSecrets("echo: my-odd-key!", ["my-odd-key!"])).toBe("echo: [redacted]");
  });

  it("leaves ordinary messages alone", () => {
    const text = "Rate limit reached for gpt-4o-mini-2024-07-18 on tokens per min (TPM): Limit 200000.";
    expect(redactSecrets(text)).toBe(text);
  });
});
