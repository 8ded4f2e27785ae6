import { describe, expect, it } from "vitest";
import { compareAnswers, judged, type ComparedAnswer } from "./shadow-verdict.ts";

const text = (t: string, failedCheck?: ComparedAnswer["failedCheck"]): ComparedAnswer => ({
  text: t,
  tools: [],
  failedCheck,
});

describe("shadow verdicts", () => {
  it.each([
    [text("", "empty"), text("42"), "cheap_failed_check", 1],
    [text("42"), text("I can't help", "refusal"), "strong_failed_check", 0],
    [text("", "empty"), text("", "empty"), "both_failed_check", null],
    [text("Paris."), text("paris"), "agree_exact", 0.5],
    [text("The total is 1,200."), text("#### 1200"), "agree_number", 0.5],
    [text("The total is 1,100."), text("#### 1200"), "disagree_number", 1],
    [text("The capital of France is Paris"), text("Paris is the capital of France"), "agree_overlap", 0.5],
    [text("Sunny and warm"), text("It will rain tomorrow in the north"), "undetermined", null],
  ] as const)("%#: %s vs %s -> %s", (cheap, strong, verdict, label) => {
    const result = compareAnswers(cheap, strong);
    expect(result.verdict).toBe(verdict);
    expect(result.label).toBe(label);
    expect(result.needsJudge).toBe(verdict === "undetermined" || verdict === "disagree_number");
  });

  it("compares tool calls exactly", () => {
    const call = (tools: string[]): ComparedAnswer => ({ text: "", tools, failedCheck: undefined });
    expect(compareAnswers(call(['f({"a":1})']), call(['f({"a":1})'])).verdict).toBe("agree_tools");
    expect(compareAnswers(call(['f({"a":1})']), call(['f({"a":2})'])).verdict).toBe("undetermined");
  });

  it("maps the judge's letter back to the cheaper answer", () => {
    expect(judged("A", "A", 0.2)).toMatchObject({ verdict: "judge_cheap_better", label: 0 });
    expect(judged("A", "B", 0.2)).toMatchObject({ verdict: "judge_strong_better", label: 1 });
    expect(judged("TIE", "B", null)).toMatchObject({ verdict: "judge_tie", label: 0.5 });
  });
});
