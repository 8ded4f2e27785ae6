import { describe, expect, it } from "vitest";
import { checkAnswer } from "./answer-check.ts";
import { CircuitBreakers } from "./breaker.ts";
import { readDispatchConfig } from "./config.ts";
import { validateJsonSchema } from "./json-schema.ts";
import { looksLikeRefusal, mayBecomeRefusal } from "./refusal.ts";
import { TokenBucket } from "./token-bucket.ts";

describe("validateJsonSchema", () => {
  const schema = {
    type: "object",
    properties: {
      city: { type: "string", minLength: 2 },
      days: { type: "integer", maximum: 7 },
      unit: { enum: ["c", "f"] },
    },
    required: ["city"],
    additionalProperties: false,
    $defs: { tag: { type: "string" } },
  };
  it.each([
    [{ city: "Rome" }, undefined],
    [{ city: "Rome", days: 3, unit: "c" }, undefined],
    [{}, "missing required property 'city'"],
    [{ city: 5 }, "expected string"],
    [{ city: "Rome", days: 1.5 }, "expected integer"],
    [{ city: "Rome", days: 9 }, "above maximum"],
    [{ city: "Rome", unit: "k" }, "not one of the allowed values"],
    [{ city: "Rome", extra: 1 }, "unexpected property 'extra'"],
  ])("%j", (value, error) => {
    const result = validateJsonSchema(value, schema);
    if (error === undefined) expect(result).toBeUndefined();
    else expect(result).toContain(error);
  });
  it("follows local $ref and anyOf", () => {
    const s = { anyOf: [{ $ref: "#/$defs/n" }, { type: "null" }], $defs: { n: { type: "number" } } };
    expect(validateJsonSchema(1, s)).toBeUndefined();
    expect(validateJsonSchema("x", s)).toContain("anyOf");
  });
});

describe("answer checks", () => {
  const request = { messages: [], stream: false, includeUsage: false };
  it("flags refusals only when short and at the start", () => {
    expect(looksLikeRefusal("I'm sorry, but I can't help with that.")).toBe(true);
    expect(looksLikeRefusal("Sure. I can't stress enough how useful this is.")).toBe(false);
    expect(mayBecomeRefusal("I")).toBe(true);
    expect(mayBecomeRefusal("Sure")).toBe(false);
  });
  it("flags empty answers and uncapped length cuts", () => {
    expect(checkAnswer({ content: " ", toolCalls: [], finishReason: "stop" }, request)).toBe("empty");
    expect(checkAnswer({ content: "x", toolCalls: [], finishReason: "length" }, request)).toBe("length");
    expect(
      checkAnswer({ content: "x", toolCalls: [], finishReason: "length" }, { ...request, maxTokens: 5 }),
    ).toBeUndefined();
  });
});

describe("CircuitBreakers", () => {
  const config = { failures: 2, failureRate: 0.5, minRequests: 100, windowMs: 1000, cooldownMs: 100 };
  it("opens after consecutive failures, probes once when half-open, closes on success", () => {
    const b = new CircuitBreakers(config);
    b.failure("m", 0, "e");
    expect(b.allow("m", 1)).toBe(true);
    b.failure("m", 2, "e");
    expect(b.allow("m", 50)).toBe(false);
    expect(b.allow("m", 103)).toBe(true); // the probe
    expect(b.allow("m", 104)).toBe(false); // only one at a time
    b.success("m", 110);
    expect(b.snapshot(110)[0]!.state).toBe("closed");
  });
  it("opens on a failure rate over the window even without consecutive failures", () => {
    const b = new CircuitBreakers({
      failures: 100,
      failureRate: 0.5,
      minRequests: 10,
      windowMs: 1000,
      cooldownMs: 100,
    });
    // Alternate success/failure: never 2 failures in a row, but a 50% failure rate.
    for (let i = 0; i < 9; i++) i % 2 ? b.failure("m", i, "e") : b.success("m", i);
    expect(b.allow("m", 10)).toBe(true); // 9 samples: below minRequests
    b.failure("m", 10, "e"); // 10 samples, 5 failures
    expect(b.snapshot(11)[0]!.state).toBe("open");
    expect(b.allow("m", 50)).toBe(false);
  });
  it("forgets failures that fall out of the window", () => {
    const b = new CircuitBreakers({ failures: 100, failureRate: 0.5, minRequests: 4, windowMs: 100, cooldownMs: 100 });
    for (let i = 0; i < 3; i++) b.failure("m", i, "e");
    for (let i = 0; i < 4; i++) b.success("m", 500 + i);
    b.failure("m", 510, "e"); // 1 of 5 in the window
    expect(b.snapshot(511)[0]!.state).toBe("closed");
  });
  it("a 429's retry-after pauses the model that long", () => {
    const b = new CircuitBreakers(config);
    b.failure("m", 0, "upstream_429", 500);
    expect(b.allow("m", 400)).toBe(false);
    expect(b.allow("m", 501)).toBe(true);
  });
  it("a 429 on the half-open probe honours its retry-after instead of a full cool-down", () => {
    const b = new CircuitBreakers({ ...config, cooldownMs: 30_000 });
    b.failure("m", 0, "e");
    b.failure("m", 1, "e");
    expect(b.allow("m", 30_001)).toBe(true); // the probe …
    b.failure("m", 30_002, "upstream_429", 200); // … is rate limited for 200 ms
    expect(b.allow("m", 30_100)).toBe(false);
    expect(b.allow("m", 30_203)).toBe(true); // not 30 s later
    expect(b.snapshot(30_203)[0]!.opens).toBe(2);
  });
  it("calls a model healthy only when closed and without a failure since its last success", () => {
    const b = new CircuitBreakers(config);
    expect(b.healthy("m")).toBe(true);
    b.failure("m", 0, "e");
    expect(b.healthy("m")).toBe(false);
    b.success("m", 1);
    expect(b.healthy("m")).toBe(true);
  });
});

describe("dispatch defaults", () => {
  it("fit a chatbot: seconds to the first token, a minute for the whole request", () => {
    const config = readDispatchConfig.parse({});
    expect(config).toMatchObject({
      headersTimeoutMs: 10_000,
      firstTokenTimeoutMs: 15_000,
      streamIdleTimeoutMs: 30_000,
      responseTimeoutMs: 30_000,
      requestTimeoutMs: 60_000,
    });
    // Three attempts can no longer add up: the request deadline bounds them together.
    expect(config.requestTimeoutMs).toBeLessThan(config.maxAttempts * config.responseTimeoutMs);
  });
});

describe("TokenBucket", () => {
  it("allows a burst, then retries at the deposit ratio", () => {
    const bucket = new TokenBucket(0.25, 2);
    expect([bucket.tryWithdraw(), bucket.tryWithdraw(), bucket.tryWithdraw()]).toEqual([true, true, false]);
    for (let i = 0; i < 4; i++) bucket.deposit();
    expect([bucket.tryWithdraw(), bucket.tryWithdraw()]).toEqual([true, false]);
  });
});
