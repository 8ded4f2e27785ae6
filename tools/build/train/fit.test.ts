import { describe, expect, it } from "vitest";
import { classifierLogit, fitClassifier } from "./fit-classifier.ts";
import { DEFAULT_FIT, fitRows, fitScorer, scorerLogit, weightedQuantile } from "./fit-scorer.ts";
import { STEM_SET, type TrainItem } from "./training-rows.ts";

const item = (
  set: string,
  family: string,
  y: number | undefined,
  x: number[],
  kind: TrainItem["kind"] = "outcome",
): TrainItem => ({
  id: `${set}/${Math.random()}`,
  set,
  family,
  kind,
  split: "train",
  features: Float32Array.from(x),
  ngrams: { index: Uint16Array.of(x[0]! > 0 ? 7 : 9), value: Float32Array.of(1) },
  y,
  prompt: "",
});

describe("scorer fit", () => {
  const big = Array.from({ length: 100 }, (_, i) => item("a", "fa", i % 2, [i % 2, i / 100]));
  const small = Array.from({ length: 10 }, (_, i) => item("b", "fb", i % 2, [i % 2, 0]));
  const twin = Array.from({ length: 10 }, (_, i) => item("b2", "fb", i % 2, [i % 2, 0]));
  const stems = Array.from({ length: 50 }, (_, i) => item(STEM_SET, "fa", i % 2, [i % 2, 0], "stem"));
  const anchors = Array.from({ length: 5 }, () => item("anchors", "anchor", undefined, [0, 0], "anchor"));
  const test = { ...item("a", "fa", 1, [1, 0]), split: "test" as const };

  it("each family weighs its share whatever its size; stems add a share of their family; test rows never count", () => {
    const rows = fitRows([...big, ...small, ...twin, ...stems, ...anchors, test], {
      ...DEFAULT_FIT,
      familyWeight: {},
      stemWeight: 0.5,
    });
    const total = (set: string) => rows.items.reduce((s, it, i) => s + (it.set === set ? rows.w[i]! : 0), 0);
    expect(total("a")).toBeCloseTo(1, 12);
    expect(total("b") + total("b2")).toBeCloseTo(1, 12); // one family, two sets
    expect(total(STEM_SET)).toBeCloseTo(0.5, 12);
    expect(total("anchors")).toBeCloseTo(1, 12);
    expect(rows.items).not.toContain(test);
    // Anchors get the configured quantile of the pooled labels.
    const labelled = rows.items.map((it, i) => [it, i] as const).filter(([it]) => it.kind !== "anchor");
    const q = weightedQuantile(
      labelled.map(([it]) => it.y!),
      labelled.map(([, i]) => rows.w[i]!),
      DEFAULT_FIT.anchorQuantile,
    );
    rows.items.forEach((it, i) => it.kind === "anchor" && expect(rows.y[i]).toBe(q));
  });

  it("learns the signal, clips to the training range, and the classifier is the average of two models' logits", () => {
    const items = [...big, ...small];
    const m = fitScorer(items, { ...DEFAULT_FIT, familyWeight: {} });
    expect(scorerLogit(m, [1, 0])).toBeGreaterThan(scorerLogit(m, [0, 0]));
    expect(m.clip[0]).toBe(1);
    expect(m.clip[1]).toBeCloseTo(0.99, 6);
    expect(scorerLogit(m, [1, 5])).toBe(scorerLogit(m, [1, m.clip[1]!])); // beyond the training maximum: clipped
    // With an overwhelming penalty the n-gram model is its intercept alone: the classifier is then
    // half the scorer's logit plus a constant, exactly.
    const c = fitClassifier(items, 16, m, { ...DEFAULT_FIT, familyWeight: {} }, 1e12);
    const input = (x0: number, x1: number) => ({
      features: Float32Array.of(x0, x1),
      ngrams: { index: Uint16Array.of(x0 > 0 ? 7 : 9), value: Float32Array.of(1) },
    });
    const [a, b] = [input(0, 0.2), input(1, 0.7)];
    expect(classifierLogit(c, b) - classifierLogit(c, a)).toBeCloseTo(
      (scorerLogit(m, b.features) - scorerLogit(m, a.features)) / 2,
      6,
    );
    // With a usual penalty the n-gram half learns too: bucket 7 carries the signal.
    const free = fitClassifier(items, 16, m, { ...DEFAULT_FIT, familyWeight: {} }, 1);
    expect(classifierLogit(free, input(1, 0.2))).toBeGreaterThan(classifierLogit(free, input(0, 0.2)));
  });
});
