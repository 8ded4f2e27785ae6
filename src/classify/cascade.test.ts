// The cascade rule with an injected classifier (the real ONNX one runs in test/classifier.test.ts).
import { describe, expect, it, vi } from "vitest";
import { cascade, saferTier, type CascadeDeps, type Scored } from "./cascade.ts";
import type { Classifier, ClassifierInput } from "./classifier.ts";
import type { ClassifierAccess } from "./classifier-slot.ts";

const tiers = { boundaries: [0.35, 0.65] as const, uncertaintyBand: 0.05 };
const prompt = { primary: "p", context: "", flags: 0 };
const scored = (score: number, features = new Float32Array([1, 2, 3])): Scored => ({ score, features, prompt });

/** A stand-in model: P(strong) = features[0] / 10, so tests can tell its answer from the heuristic's. */
function fakeClassifier(seen: ClassifierInput[] = []): Classifier {
  return {
    version: "fake-1",
    async classify(input) {
      seen.push(input);
      await Promise.resolve(); // the gate must not rely on the classifier answering synchronously
      const p = input.scorerFeatures[0]! / 10;
      return { tier: p < 0.5 ? "simple" : "complex", score: p, confidence: Math.abs(p - 0.5), outputs: { pStrong: p } };
    },
  };
}

const deps = (access: ClassifierAccess | { state: "off" }, onRunError = vi.fn()): CascadeDeps & { asked: number } => {
  const d = {
    asked: 0,
    classifier: () => {
      d.asked++;
      return access;
    },
    onRunError,
  };
  return d;
};

describe("cascade", () => {
  it("a confident score decides alone and never asks for the classifier (so nothing loads)", async () => {
    const d = deps({ state: "ready", classifier: fakeClassifier() });
    expect(await cascade(scored(0.1), tiers, d)).toEqual({
      tier: "simple",
      score: 0.1,
      confidence: expect.closeTo(0.25, 9),
      stage: "heuristic",
    });
    expect(await cascade(scored(0.9), tiers, d)).toMatchObject({ tier: "complex", stage: "heuristic" });
    expect(d.asked).toBe(0);
  });

  it("an uncertain score goes to a ready classifier, whose verdict decides", async () => {
    const seen: ClassifierInput[] = [];
    const d = deps({ state: "ready", classifier: fakeClassifier(seen) });
    const decision = await cascade(scored(0.34, new Float32Array([9, 0, 0])), tiers, d);
    expect(decision).toEqual({
      tier: "complex",
      score: expect.closeTo(0.9, 6),
      confidence: expect.closeTo(0.4, 6),
      stage: "classifier",
    });
    expect(seen[0]!.prompt).toBe(prompt);
  });

  it("the band is configuration: band 0 sends nothing to the classifier", async () => {
    const d = deps({ state: "ready", classifier: fakeClassifier() });
    expect(await cascade(scored(0.3501), { ...tiers, uncertaintyBand: 0 }, d)).toMatchObject({ stage: "heuristic" });
    expect(d.asked).toBe(0);
  });

  it("hands the classifier a copy of the features: the scorer's wasm view is reused by the next request", async () => {
    const seen: ClassifierInput[] = [];
    const view = new Float32Array([4, 5, 6]);
    const pending = cascade(scored(0.36, view), tiers, deps({ state: "ready", classifier: fakeClassifier(seen) }));
    view.fill(0); // what the next scorer call does to the shared view
    await pending;
    expect([...seen[0]!.scorerFeatures]).toEqual([4, 5, 6]);
  });

  it("while the classifier loads, takes the upper side of the uncertain boundary and says so", async () => {
    const d = deps({ state: "loading" });
    expect(await cascade(scored(0.33), tiers, d)).toEqual({
      tier: "moderate",
      score: 0.33,
      confidence: expect.closeTo(0.02, 9),
      stage: "heuristic-pending",
    });
    expect(await cascade(scored(0.66), tiers, d)).toMatchObject({ tier: "complex", stage: "heuristic-pending" });
  });

  it("after a failed load, keeps the heuristic tier and says so", async () => {
    expect(await cascade(scored(0.33), tiers, deps({ state: "failed" }))).toMatchObject({
      tier: "simple",
      stage: "heuristic-fallback",
    });
  });

  it("switched off or not bundled: plain heuristic", async () => {
    for (const state of ["off", "not-bundled"] as const) {
      expect(await cascade(scored(0.33), tiers, deps({ state }))).toMatchObject({ tier: "simple", stage: "heuristic" });
    }
  });

  it("a failed inference falls back for that request and is reported", async () => {
    const onRunError = vi.fn();
    const broken: Classifier = { version: "x", classify: () => Promise.reject(new Error("boom")) };
    const decision = await cascade(scored(0.66), tiers, deps({ state: "ready", classifier: broken }, onRunError));
    expect(decision).toMatchObject({ tier: "complex", stage: "heuristic-fallback" });
    expect(onRunError).toHaveBeenCalledWith(expect.objectContaining({ message: "boom" }));
  });
});

describe("saferTier", () => {
  it.each([
    [0.3, "moderate"], // just below the low boundary: one tier up
    [0.35, "moderate"],
    [0.4, "moderate"], // just above it: already the upper side
    [0.5, "moderate"], // equidistant: the low boundary, whose upper side it is on
    [0.6, "complex"], // just below the high boundary: one tier up
    [0.7, "complex"],
    [0.05, "moderate"],
  ] as const)("score %d -> %s", (score, tier) => {
    expect(saferTier(score, tiers)).toBe(tier);
  });
});
