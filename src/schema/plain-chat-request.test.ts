import { describe, expect, it } from "vitest";
import { seededRandom as rng } from "../util/seeded-random.ts";
import { chatRequestSchema } from "./openai-request.ts";
import { plainChatRequest } from "./plain-chat-request.ts";

// Values near every edge the schema draws, valid and not.
const NUMBERS = [0, 1, -1, 0.5, 1.5, 2, 2.0001, -2, -2.5, 3, 128, 129, 1e300, -0, 2 ** 53, 2 ** 53 - 1, -(2 ** 53)];
const ANY = [null, true, false, "", "x", "auto", [], {}, ...NUMBERS];
const MESSAGES = [
  { role: "user", content: "hi" },
  { role: "system", content: "be brief" },
  { role: "developer", content: "" },
  { role: "assistant", content: "hello" },
  { role: "user", content: "hi", name: "ann" },
  { role: "assistant", content: null },
  { role: "assistant", content: "x", tool_calls: [] },
  { role: "user", content: [{ type: "text", text: "hi" }] },
  { role: "tool", content: "42", tool_call_id: "c1" },
  { role: "user", content: "hi", extra: 1 },
  { role: "user", name: 3, content: "hi" },
  { role: "bot", content: "hi" },
  { role: "user" },
  "hi",
  null,
];
const FIELDS = [
  "stream",
  "stream_options",
  "max_tokens",
  "max_completion_tokens",
  "temperature",
  "top_p",
  "n",
  "seed",
  "user",
  "presence_penalty",
  "frequency_penalty",
  "tools",
  "router",
  "metadata",
  "unknown_field",
];

/** Values each field takes in real requests (most generated bodies should reach the fast path). */
const USUAL: Record<string, unknown[]> = {
  stream: [true, false, null],
  stream_options: [{ include_usage: true }, { include_usage: false, include_obfuscation: true }, {}, null],
  max_tokens: [1, 256, null],
  max_completion_tokens: [64, null],
  temperature: [0, 0.7, 2, null],
  top_p: [0, 0.9, 1],
  n: [1, 128],
  seed: [0, -5, 42],
  user: ["u-1", ""],
  presence_penalty: [-2, 0, 1.5],
  frequency_penalty: [2, 0.1],
};

function body(random: () => number): Record<string, unknown> {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const out: Record<string, unknown> = {};
  if (random() < 0.97) out.model = random() < 0.8 ? "auto" : pick(["openai/gpt-4.1-nano", "", "m".repeat(257), 7]);
  if (random() < 0.97) {
    out.messages = Array.from({ length: Math.floor(random() * 4) }, () =>
      random() < 0.85 ? pick(MESSAGES.slice(0, 5)) : pick(MESSAGES),
    );
  }
  for (const field of FIELDS) {
    if (random() < 0.15) out[field] = USUAL[field] && random() < 0.6 ? pick(USUAL[field]) : pick(ANY);
  }
  return out;
}

describe("plainChatRequest", () => {
  it("passes only what the zod schema passes, unchanged", () => {
    const random = rng(19);
    let passed = 0;
    for (let i = 0; i < 20_000; i++) {
      const raw = body(random);
      const plain = plainChatRequest(structuredClone(raw));
      if (!plain) continue;
      passed++;
      const parsed = chatRequestSchema.safeParse(raw);
      expect(parsed.success, JSON.stringify(raw)).toBe(true);
      expect(parsed.data).toStrictEqual(raw);
    }
    expect(passed).toBeGreaterThan(2000); // the generator reaches the fast path often enough to mean something
  });

  it("takes the common shapes and leaves the rest to the schema", () => {
    const chat = {
      model: "auto",
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "Translate: the cat sleeps." },
        { role: "assistant", content: "Le chat dort." },
        { role: "user", content: "And the dog?", name: "ann" },
      ],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 256,
      temperature: 0.2,
    };
    expect(plainChatRequest(chat)).toBe(chat);
    expect(plainChatRequest({ ...chat, tools: [] })).toBeUndefined();
    expect(plainChatRequest({ ...chat, router: { objective: "cost" } })).toBeUndefined();
    expect(plainChatRequest({ ...chat, messages: [{ role: "user", content: [{ type: "text", text: "x" }] }] })).toBe(
      undefined,
    );
    expect(plainChatRequest({ ...chat, temperature: 2.5 })).toBeUndefined();
    expect(plainChatRequest({ messages: chat.messages })).toBeUndefined();
  });
});
