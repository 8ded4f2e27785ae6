// The wasm scorer inside workerd: real module, real memory.
import { describe, expect, it } from "vitest";
import { getScorer } from "./default-scorer";

describe("wasm scorer", () => {
  it("returns a probability and a feature vector", () => {
    const { score, features } = getScorer().score({
      primary: "Prove that sqrt(2) is irrational.",
      context: "",
      flags: 0,
    });
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(1);
    expect(features.length).toBe(getScorer().featureCount);
  });

  it("keeps wasm memory flat across 100,000 calls", () => {
    const scorer = getScorer();
    const prompts = [
      "hi",
      "Translate 'good morning' to French.",
      "```ts\nconst x = 1;\n```\nwhy does this fail?",
      "😀 日本語 ".repeat(50),
    ];
    scorer.score({ primary: "warm", context: "", flags: 0 });
    const before = scorer.memoryBytes;
    for (let i = 0; i < 100_000; i++)
      scorer.score({ primary: prompts[i % prompts.length]!, context: "be brief", flags: i & 7 });
    expect(scorer.memoryBytes).toBe(before);
  });

  it("handles input larger than the scratch buffer by head and tail windows", () => {
    const huge = "a".repeat(200_000) + " prove this theorem";
    const { score } = getScorer().score({ primary: huge, context: "", flags: 0 });
    expect(Number.isFinite(score)).toBe(true);
  });
});
