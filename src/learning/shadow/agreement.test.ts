import { describe, expect, it } from "vitest";
import { finalNumber, normaliseAnswer, tokenF1 } from "./agreement.ts";

describe("answer agreement", () => {
  it("normalises case, markup, punctuation and spacing, but keeps decimals", () => {
    expect(normaliseAnswer("  **The answer:** Paris!  ")).toBe(normaliseAnswer("the answer paris"));
    expect(normaliseAnswer("It costs 3.50 dollars.")).toBe("it costs 3.50 dollars");
  });

  it("finds the final number: after a marker, else the last one; separators and signs handled", () => {
    expect(finalNumber("Step 1: 4 + 5 = 9. Step 2: 9 * 2 = 18. #### 18")).toBe(18);
    expect(finalNumber("The answer is 1,200 apples, from 3 crates.")).toBe(1200);
    expect(finalNumber("She has 7 left, after giving 3 away")).toBe(3);
    expect(finalNumber("x = -2.5")).toBe(-2.5);
    expect(finalNumber("no digits here")).toBeUndefined();
  });

  it("token-overlap F1 is 1 for the same words, 0 for disjoint ones, symmetric", () => {
    expect(tokenF1("the cat sat", "The cat, sat.")).toBe(1);
    expect(tokenF1("alpha beta", "gamma delta")).toBe(0);
    const a = tokenF1("the capital of france is paris", "paris is the capital");
    expect(a).toBeCloseTo(tokenF1("paris is the capital", "the capital of france is paris"), 12);
    expect(a).toBeGreaterThan(0.5);
    expect(tokenF1("", "")).toBe(1);
    expect(tokenF1("", "x")).toBe(0);
  });
});
