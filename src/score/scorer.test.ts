// The wasm scorer inside workerd: real module, real memory.
import { describe, expect, it } from "vitest";
import { getScorer } from "./default-scorer.ts";
import { FEATURE_NAMES, type FeatureName } from "./feature-names.ts";
import type { ScorerInput } from "./scorer.ts";

function features(input: Partial<ScorerInput> & { primary: string }): Record<FeatureName, number> {
  const out = getScorer().score({ context: "", flags: 0, ...input });
  return Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, out.features[i]!])) as Record<FeatureName, number>;
}

describe("wasm scorer", () => {
  it("returns a probability, a token estimate and the feature vector", () => {
    const {
      score,
      features: vector,
      tokens,
    } = getScorer().score({
      primary: "Prove that sqrt(2) is irrational.",
      context: "",
      flags: 0,
    });
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(1);
    expect(tokens).toBeGreaterThan(5);
    expect(vector.length).toBe(getScorer().featureCount);
    expect(getScorer().featureNames).toEqual([...FEATURE_NAMES]);
  });

  it("computes the signals the features are named after", () => {
    expect(features({ primary: "```js\nx()\n```" }).code_fences).toBe(1);
    expect(features({ primary: "Write a 500-word essay" }).log_requested_words).toBeCloseTo(Math.log(501), 5);
    expect(features({ primary: "Answer in three sentences." }).log_requested_words).toBeCloseTo(Math.log(61), 5);
    expect(features({ primary: "Prove and derive it" }).log_reasoning).toBeCloseTo(Math.log(3), 5);
    expect(features({ primary: "Translate and summarize" }).log_simple).toBeCloseTo(Math.log(3), 5);
    expect(features({ primary: "What? Why? How?" }).log_question_marks).toBeCloseTo(Math.log(4), 5);
    expect(features({ primary: "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b" }).log_diff_lines).toBeCloseTo(Math.log(6), 5);
    expect(features({ primary: "Return JSON and a markdown table" }).log_structured).toBeCloseTo(Math.log(4), 5);
    expect(features({ primary: "The court held the contract void" }).log_law).toBeCloseTo(Math.log(3), 5);
    expect(features({ primary: "日本語" }).cjk_ratio).toBe(1);
    expect(features({ primary: "Привет мир" }).other_script_ratio).toBeGreaterThan(0.8);
    expect(features({ primary: "$\\frac{1}{2}$" }).log_latex).toBeGreaterThan(0);
    expect(features({ primary: "hi", flags: 1 | 8, maxTokens: 99, turns: 4 })).toMatchObject({
      req_tools: 1,
      req_images: 0,
      req_json: 0,
      req_json_schema: 1,
      log_max_tokens: expect.closeTo(Math.log(100), 5),
      log_turns: expect.closeTo(Math.log(5), 5),
    });
    // Context counts, at a reduced weight; the last user turn dominates.
    const withContext = features({ primary: "and this?", context: "prove prove prove prove" }).log_reasoning;
    expect(withContext).toBeGreaterThan(0);
    expect(withContext).toBeLessThan(features({ primary: "prove prove prove prove" }).log_reasoning);
  });

  it("estimates tokens by script, not by characters / 4", () => {
    const scorer = getScorer();
    const ascii = scorer.score({ primary: "the cat sat on the mat", context: "", flags: 0 }).tokens;
    const cjk = scorer.score({ primary: "猫がマットの上に座った", context: "", flags: 0 }).tokens;
    expect(ascii).toBe(6);
    expect(cjk).toBe(11); // about one token per CJK character
  });

  it("keeps wasm memory flat across 100,000 calls", () => {
    const scorer = getScorer();
    const prompts = [
      "hi",
      "Translate 'good morning' to French.",
      "```ts\nconst x = 1;\n```\nwhy does this fail?",
      "😀 日本語 ".repeat(50),
      "x".repeat(70_000),
    ];
    scorer.score({ primary: "warm", context: "", flags: 0 });
    const before = scorer.memoryBytes;
    for (let i = 0; i < 100_000; i++)
      scorer.score({ primary: prompts[i % prompts.length]!, context: "be brief", flags: i & 15, turns: i & 3 });
    expect(scorer.memoryBytes).toBe(before);
  });

  it("never traps on hostile text", () => {
    for (const primary of [
      "\u0000\u0001\u007f",
      "\ud800\udfff\ud800",
      "\u202eשלום",
      "a".repeat(1 << 20),
      "😀".repeat(100_000),
    ]) {
      const { score } = getScorer().score({ primary, context: primary.slice(0, 1000), flags: 0 });
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });

  it("handles input larger than the scratch buffer by head and tail windows", () => {
    const scorer = getScorer();
    const tail = scorer.score({ primary: "a ".repeat(100_000) + "```x```", context: "", flags: 0 });
    expect(tail.features[FEATURE_NAMES.indexOf("code_fences")]).toBeGreaterThan(0); // the tail was read
    expect(tail.tokens).toBeGreaterThan(90_000); // extrapolated to the full length
  });
});
