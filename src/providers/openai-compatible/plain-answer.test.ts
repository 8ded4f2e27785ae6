import { describe, expect, it } from "vitest";
import { seededRandom as rng } from "../../util/seeded-random.ts";
import { chatChunkSchema, chatCompletionSchema, type ChatChunk } from "./api-types.ts";
import { completionToCanonical } from "./convert-response.ts";
import type { OpenAIDialect } from "./dialect.ts";
import { mapOpenAIUsage } from "./map-usage.ts";
import { plainChunk, plainCompletion } from "./plain-answer.ts";

// A dialect that reads an extra usage field, as DeepSeek's does.
const dialect = {
  name: "test",
  extraUsage: (usage: Record<string, unknown>) =>
    typeof usage.prompt_cache_hit_tokens === "number" ? { cachedInputTokens: usage.prompt_cache_hit_tokens } : {},
} as unknown as OpenAIDialect;

const ODD = [null, undefined, 1, -1, 1.5, "", "x", [], {}, true, 2 ** 60];
const TEXT = [undefined, null, "", "Bonjour", "x".repeat(40)];

function generator(seed: number) {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const sometimes = <T>(usual: T): T | unknown => (random() < 0.9 ? usual : pick(ODD));
  const usage = () =>
    random() < 0.3
      ? pick([undefined, null])
      : sometimes({
          prompt_tokens: sometimes(12),
          completion_tokens: sometimes(7),
          ...(random() < 0.3 ? { prompt_tokens_details: sometimes({ cached_tokens: sometimes(4) }) } : {}),
          ...(random() < 0.3 ? { completion_tokens_details: sometimes({ reasoning_tokens: sometimes(null) }) } : {}),
          ...(random() < 0.2 ? { prompt_cache_hit_tokens: 3 } : {}),
        });
  const text = (fields: readonly string[]) => {
    const out: Record<string, unknown> = {};
    for (const field of fields) if (random() < 0.5) out[field] = random() < 0.9 ? pick(TEXT) : pick(ODD);
    if (random() < 0.1)
      out.tool_calls = pick([null, [], [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }]]);
    return out;
  };
  const choice = (body: "message" | "delta") => ({
    [body]: random() < 0.95 ? text(["content", "reasoning_content", "reasoning", "refusal"]) : pick(ODD),
    ...(random() < 0.7 ? { finish_reason: random() < 0.9 ? pick(["stop", "length", null]) : pick(ODD) } : {}),
    ...(random() < 0.1 ? { logprobs: pick([null, { content: [] }, { content: [{ token: "a" }] }]) } : {}),
    index: 0,
  });
  return {
    completion: () => ({
      ...(random() < 0.9 ? { id: random() < 0.95 ? "chatcmpl-1" : pick(ODD) } : {}),
      object: "chat.completion",
      choices: random() < 0.95 ? Array.from({ length: Math.floor(random() * 3) }, () => choice("message")) : pick(ODD),
      usage: usage(),
    }),
    chunk: () => ({
      object: "chat.completion.chunk",
      ...(random() < 0.9
        ? { choices: Array.from({ length: Math.floor(random() * 2) }, () => choice("delta")) }
        : { choices: pick(ODD) }),
      ...(random() < 0.5 ? { usage: usage() } : {}),
      ...(random() < 0.05 ? { error: { message: "boom" } } : {}),
    }),
  };
}

/** What convert-stream.ts reads of a chunk. */
const chunkView = (chunk: ChatChunk) => {
  const choice = chunk.choices[0];
  return {
    error: chunk.error ?? null,
    delta: choice?.delta
      ? {
          content: choice.delta.content ?? null,
          reasoning: choice.delta.reasoning_content ?? choice.delta.reasoning ?? null,
          tools: choice.delta.tool_calls ?? null,
        }
      : null,
    logprobs: choice?.logprobs?.content ?? null,
    finish: choice?.finish_reason ?? null,
    usage: chunk.usage ? mapOpenAIUsage(chunk.usage, dialect) : null,
  };
};

describe("plain OpenAI answers", () => {
  it("a completion that passes reads as the schema reads it", () => {
    const make = generator(7).completion;
    let passed = 0;
    for (let i = 0; i < 20_000; i++) {
      const body = make();
      const plain = plainCompletion(structuredClone(body));
      if (!plain) continue;
      passed++;
      const parsed = chatCompletionSchema.safeParse(body);
      expect(parsed.success, JSON.stringify(body)).toBe(true);
      expect(completionToCanonical(dialect, plain)).toStrictEqual(completionToCanonical(dialect, parsed.data!));
    }
    expect(passed).toBeGreaterThan(3000);
  });

  it("a chunk that passes reads as the schema reads it", () => {
    const make = generator(8).chunk;
    let passed = 0;
    for (let i = 0; i < 20_000; i++) {
      const body = make();
      const plain = plainChunk(structuredClone(body));
      if (!plain) continue;
      passed++;
      const parsed = chatChunkSchema.safeParse(body);
      expect(parsed.success, JSON.stringify(body)).toBe(true);
      expect(chunkView(plain)).toStrictEqual(chunkView(parsed.data!));
    }
    expect(passed).toBeGreaterThan(3000);
  });

  it("leaves tool calls, log probabilities and errors to the schema", () => {
    const message = { content: null, tool_calls: [{ id: "c", function: { name: "f", arguments: "{}" } }] };
    expect(plainCompletion({ choices: [{ message }] })).toBeUndefined();
    expect(plainCompletion({ choices: [{ message: { content: "a" }, logprobs: { content: [] } }] })).toBeUndefined();
    expect(plainCompletion({ choices: [] })).toBeUndefined();
    expect(plainChunk({ error: { message: "boom" } })).toBeUndefined();
    expect(plainChunk({ usage: { prompt_tokens: 1, completion_tokens: 2 } })).toBeUndefined(); // no choices: the schema defaults them
    const usual = { id: "x", choices: [{ message: { content: "Bonjour" }, finish_reason: "stop" }] };
    expect(plainCompletion(usual)).toBe(usual);
  });
});
