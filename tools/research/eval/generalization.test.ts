// The pieces of the leave-one-set-out evaluation: pairs, the naive probe, the category probe, and
// the rule that a held-out set never reaches the fit it is scored by.
import { describe, expect, it } from "vitest";
import type { DataRow } from "../../lib/eval/data.ts";
import { BANDS, categoryProbe } from "./category-probe.ts";
import { fitNaiveProbe, probeFeatures } from "./naive-probe.ts";
import { pairsAgainstBest, statedPair } from "../../lib/eval/pairs.ts";
import { runFold } from "./leave-one-out.ts";
import type { TrainItem } from "../../build/train/training-rows.ts";

const row = (
  id: string,
  outcomes: Record<string, number>,
  prompt = id,
  split: "train" | "test" = "train",
): DataRow => ({
  id,
  set: "s",
  category: null,
  prompt,
  split,
  outcomes,
  meta: {},
});

describe("pairs", () => {
  it("the best model against every model at least 0.15 below it that rated almost every prompt", () => {
    const rows = Array.from({ length: 20 }, (_, i) =>
      row(`r${i}`, { best: 0.9, close: 0.85, weak: 0.5, weaker: 0.3, ...(i < 5 ? { rare: 0 } : {}) }),
    );
    expect(pairsAgainstBest(rows)).toEqual([
      { strong: "best", weak: "weak" },
      { strong: "best", weak: "weaker" },
    ]);
    expect(pairsAgainstBest(rows.map((r) => ({ ...r, outcomes: { a: 1, b: 0 } })))).toEqual([]);
    expect(statedPair("arena-hard-v0.1-judge-gpt4o", rows)).toEqual({ strong: "gpt-4o", weak: "llama3_1_8b" });
  });
});

describe("naive probe", () => {
  it("hashes word uni- and bigrams to unit length; learns a gain carried by a word", () => {
    const f = probeFeatures("Prove the lemma, prove it");
    const norm = Math.hypot(...Array.from(f.value));
    expect(norm).toBeCloseTo(1, 12);
    expect(f.index.length).toBe(new Set(Array.from(f.index)).size);
    const rows = Array.from({ length: 200 }, (_, i) => ({
      text: `${i % 2 ? "prove" : "translate"} item ${i}`,
      gain: i % 2 ? 1 : 0,
    }));
    const probe = fitNaiveProbe(rows);
    expect(probe.score("prove this")).toBeGreaterThan(probe.score("translate this"));
  });
});

describe("category probe", () => {
  it("checks every ordered pair of bands within a source, and only within it", () => {
    const prompts = [
      ...["maths", "writing", "stem_facts"].flatMap((category) =>
        [0, 1, 2].map(() => ({ source: "hand", category, prompt: "" })),
      ),
      ...[0, 1].map(() => ({ source: "public", category: "writing", prompt: "" })),
    ];
    const score = { maths: 0.7, stem_facts: 0.5, writing: 0.3 } as Record<string, number>;
    // The public source's writing scores above the hand-written maths: a different source, not compared.
    const scores = prompts.map((p) => (p.source === "public" ? 0.9 : score[p.category]!));
    const ok = categoryProbe(prompts, scores);
    expect(ok.holds).toBe(true);
    expect(ok.checks.map((c) => `${c.higher}>${c.lower}`).sort()).toEqual(
      ["maths>stem_facts", "maths>writing", "stem_facts>writing"].sort(),
    );
    const bad = categoryProbe(
      prompts,
      prompts.map((p) => (p.category === "writing" ? 0.8 : score[p.category]!)),
    );
    expect(bad.holds).toBe(false);
    expect(bad.checks.filter((c) => !c.holds).map((c) => c.lower)).toEqual(["writing", "writing"]);
    expect(BANDS.flat()).toHaveLength(8);
  });
});

describe("leave one out", () => {
  /** Two toy sets: in each, prompts with "hard" need the strong model; the held-out one must not be fitted on. */
  const items: TrainItem[] = [];
  const features = (hard: boolean, noise: number) =>
    Float32Array.from({ length: 64 }, (_, j) => (j === 5 ? (hard ? 1 : 0) + noise : 0));
  for (const set of ["routellm-mmlu", "routellm-gsm8k"]) {
    for (let i = 0; i < 80; i++) {
      const hard = i % 2 === 0;
      const split = i < 60 ? "train" : "test";
      const r = row(
        `${set}/${i}`,
        { "gpt-4-1106-preview": 1, "mistralai/Mixtral-8x7B-Instruct-v0.1": hard ? 0 : 1 },
        hard ? "prove the hard lemma" : "say hi",
        split,
      );
      items.push({
        id: r.id,
        set,
        family: set,
        kind: "outcome",
        split,
        features: features(hard, (i % 7) / 100),
        ngrams: { index: new Uint16Array(), value: new Float32Array() },
        y: hard ? 1 : -1,
        row: r,
        prompt: r.prompt,
      });
    }
  }
  const heldOut = items.filter((it) => it.set === "routellm-gsm8k" && it.split === "test");
  const tiers = { boundaries: [0.4, 0.6] as [number, number], uncertaintyBand: 0 };

  it("fits without the held-out set, and the signal that transfers ranks it", () => {
    const fold = runFold(
      items,
      "routellm-gsm8k",
      heldOut.map((it) => ({ row: it.row!, features: it.features, ngrams: it.ngrams })),
      items.filter((it) => it.set === "routellm-gsm8k" && it.split === "train").map((it) => it.row!),
      "set",
      { resamples: 20, seed: 1, tiers },
    );
    expect(fold.trainedOn).toEqual(["routellm-mmlu"]);
    expect(fold.stated.apgr.scorer).toBeGreaterThan(0.7); // every hard prompt above every easy one
    expect(fold.stated.apgr.scorer).toBeGreaterThanOrEqual(fold.stated.apgr.length);
    expect(fold.consulted.prompts).toBe(0);
  });

  it("a held-out set whose labels were poisoned in its own rows changes nothing (it is never fitted on)", () => {
    const poisoned = items.map((it) =>
      it.set === "routellm-gsm8k" ? { ...it, y: -(it.y ?? 0), features: it.features } : it,
    );
    const args = (list: TrainItem[]) =>
      [
        list,
        "routellm-gsm8k",
        heldOut.map((it) => ({ row: it.row!, features: it.features, ngrams: it.ngrams })),
        list.filter((it) => it.set === "routellm-gsm8k" && it.split === "train").map((it) => it.row!),
        "set",
        { resamples: 20, seed: 1, tiers },
      ] as const;
    expect(runFold(...args(poisoned)).stated.apgr).toEqual(runFold(...args(items)).stated.apgr);
  });
});
