import { describe, expect, it } from "vitest";
import { rowScorerInput } from "../../lib/router/row-request.ts";
import { syntheticPrompts } from "../synthetic/simple-prompts.ts";
import { assertTrainable, mmluStem } from "./training-rows.ts";

describe("training rows", () => {
  it("refuses the evaluation-only AlpacaEval files", () => {
    expect(() => assertTrainable("alpacaeval2")).toThrow(/evaluation-only/);
    expect(() => assertTrainable("alpacaeval1")).toThrow(/evaluation-only/);
    expect(() => assertTrainable("routellm-mmlu")).not.toThrow();
  });

  it("an MMLU stem drops the choices and the trailing Answer:", () => {
    expect(mmluStem("What is 2+2?\nA. 3\nB. 4\nC. 5\nD. 6\nAnswer:")).toBe("What is 2+2?");
    expect(mmluStem("Line one\nline two\nA. x\nB. y\nAnswer:")).toBe("Line one\nline two");
    expect(mmluStem("No choices here\nAnswer:")).toBe("No choices here");
  });

  it("synthetic prompts are deterministic, distinct and short", () => {
    const a = syntheticPrompts();
    expect(syntheticPrompts()).toEqual(a);
    expect(new Set(a.map((p) => p.prompt)).size).toBe(a.length);
    expect(a.length).toBeGreaterThan(400);
    expect(Math.max(...a.map((p) => p.prompt.length))).toBeLessThan(130);
    expect(new Set(a.map((p) => p.kind))).toEqual(
      new Set(["greeting", "chat", "thanks", "translation", "rewrite", "lookup", "label", "extract", "format"]),
    );
  });
});

describe("data rows as the Worker reads them (promptView)", () => {
  it("a single prompt is the last user turn", () => {
    expect(rowScorerInput({ prompt: "hello" })).toMatchObject({ primary: "hello", context: "", flags: 0, turns: 0 });
  });

  it("later turns: the conversation's user turns are scored together, in order", () => {
    const input = rowScorerInput({ prompt: "first", turns: ["second", "third"] });
    expect(input).toMatchObject({ primary: "first\nsecond\nthird", context: "", turns: 2 });
  });
});
