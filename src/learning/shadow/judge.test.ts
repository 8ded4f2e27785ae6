import { describe, expect, it } from "vitest";
import { JUDGE_LIMITS, judgePrompt, parseVerdict } from "./judge.ts";

describe("judge", () => {
  it("parses the verdict leniently, preferring the last explicit one", () => {
    expect(parseVerdict("VERDICT: A")).toBe("A");
    expect(parseVerdict("A is shorter. B is right.\n**Verdict: B**")).toBe("B");
    expect(parseVerdict("verdict - tie")).toBe("TIE");
    expect(parseVerdict("Verdict: equal")).toBe("TIE");
    expect(parseVerdict("First I thought verdict: A, but\nVERDICT: B")).toBe("B");
    expect(parseVerdict("Verdict: [Answer A]")).toBe("A");
    expect(parseVerdict(" b. ")).toBe("B");
    expect(parseVerdict("Both answers are fine.")).toBeUndefined();
    expect(parseVerdict("")).toBeUndefined();
  });

  it("draws the order from the decision id (both orders occur), and bounds what is sent", () => {
    const orders = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const prompt = judgePrompt(`dec_${i}`, "question", "cheap answer", "strong answer");
      orders.add(prompt.cheapIs);
      const cheapAt = prompt.user.indexOf("cheap answer");
      expect(cheapAt > prompt.user.indexOf("[Answer B]")).toBe(prompt.cheapIs === "B");
      expect(judgePrompt(`dec_${i}`, "q", "x", "y").cheapIs).toBe(prompt.cheapIs);
    }
    expect(orders).toEqual(new Set(["A", "B"]));
    const long = judgePrompt("dec_x", "q".repeat(50_000), "c".repeat(50_000), "s".repeat(50_000));
    expect(long.user.length).toBeLessThan(JUDGE_LIMITS.request + 2 * JUDGE_LIMITS.answer + 200);
  });
});
