import { describe, expect, it } from "vitest";
import type { CanonicalResponse, StreamPart } from "../../schema/canonical.ts";
import { answerFromResponse, collectStream, MAX_ANSWER_CHARS, type CollectedAnswer } from "./answer-collector.ts";

async function collect(parts: StreamPart[]): Promise<CollectedAnswer> {
  let answer: CollectedAnswer | undefined;
  const source = new ReadableStream<StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  const reader = collectStream(source, (a) => (answer = a)).getReader();
  while (!(await reader.read()).done);
  return answer!;
}

describe("collected answers say when they were cut", () => {
  const response = (content: string): CanonicalResponse => ({ content, toolCalls: [], finishReason: "stop" });

  it("a response longer than the bound is kept to the bound and marked truncated", () => {
    expect(answerFromResponse(response("x".repeat(MAX_ANSWER_CHARS))).truncated).toBe(false);
    const long = answerFromResponse(response("x".repeat(MAX_ANSWER_CHARS + 1)));
    expect(long.text.length).toBe(MAX_ANSWER_CHARS);
    expect(long.truncated).toBe(true);
  });

  it("a stream is marked truncated once text or tool arguments pass the bound, not before", async () => {
    const half = "y".repeat(MAX_ANSWER_CHARS / 2);
    const exact = await collect([
      { type: "text-delta", text: half },
      { type: "text-delta", text: half },
    ]);
    expect(exact).toMatchObject({ truncated: false, complete: true });
    const over = await collect([
      { type: "text-delta", text: half },
      { type: "text-delta", text: `${half}z` },
    ]);
    expect(over.text.length).toBe(MAX_ANSWER_CHARS);
    expect(over.truncated).toBe(true);
    const args = await collect([
      { type: "tool-call-delta", index: 0, name: "f", argumentsDelta: "a".repeat(MAX_ANSWER_CHARS) },
      { type: "tool-call-delta", index: 0, argumentsDelta: "b" },
    ]);
    expect(args.truncated).toBe(true);
  });
});
