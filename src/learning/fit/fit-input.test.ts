import { describe, expect, it } from "vitest";
import { fitInputFrom, nextFitAt, recalibrationDue, type DecisionRow, type FitCounters } from "./fit-input.ts";
import { learningSettingsSchema } from "../store/settings-schema.ts";

const settings = (calibration: Record<string, unknown>) =>
  learningSettingsSchema.parse({
    calibration: {
      auto: true,
      target: { kind: "strong_share", value: 0.3 },
      every_outcomes: 10,
      every_decisions: 100,
      min_interval_seconds: 60,
      ...calibration,
    },
  });
const counters = (extra: Partial<FitCounters> = {}): FitCounters => ({
  newOutcomes: 0,
  newDecisions: 0,
  lastFitAt: 0,
  paused: false,
  ...extra,
});

describe("when the next automatic fit is due (the Durable Object's alarm and its check share it)", () => {
  const now = 1_000_000;
  it("never without auto, a target, new evidence, or while paused", () => {
    const enough = counters({ newDecisions: 100 });
    expect(nextFitAt(enough, settings({ auto: false }), now)).toBe(Infinity);
    expect(nextFitAt(enough, settings({ target: undefined }), now)).toBe(Infinity);
    expect(nextFitAt(counters({ newDecisions: 99, newOutcomes: 9 }), settings({}), now)).toBe(Infinity);
    expect(nextFitAt({ ...enough, paused: true }, settings({}), now)).toBe(Infinity);
  });

  it("at once with enough evidence, or when the minimum interval since the last fit ends", () => {
    expect(nextFitAt(counters({ newOutcomes: 10 }), settings({}), now)).toBe(now);
    expect(recalibrationDue(counters({ newOutcomes: 10 }), settings({}), now)).toBe(true);
    const recent = counters({ newDecisions: 100, lastFitAt: now - 30_000 });
    expect(nextFitAt(recent, settings({}), now)).toBe(now + 30_000);
    expect(recalibrationDue(recent, settings({}), now)).toBe(false);
    expect(recalibrationDue(recent, settings({}), now + 30_000)).toBe(true);
  });
});

describe("fitInputFrom: which outcomes become labels", () => {
  const decision = (
    id: string,
    servedTier: DecisionRow["servedTier"],
    extra: Partial<DecisionRow> = {},
  ): DecisionRow => ({
    id,
    score: 0.6,
    stage: "heuristic",
    scorer: "s1",
    servedTier,
    objective: "balanced",
    ...extra,
  });
  const decisions = [
    decision("low", "simple"),
    decision("top", "complex"),
    decision("pinned", "simple", { stage: "override" }),
    decision("old", "simple", { scorer: "s0" }),
  ];

  it("keeps shadow comparisons at every tier, feedback only below the top, and only this scorer's auto-routed decisions", () => {
    const input = fitInputFrom(
      decisions,
      [
        { decisionId: "low", source: "feedback", label: 1 },
        { decisionId: "low", source: "shadow", label: 0.5 },
        // A top-tier answer rated: says nothing about a cheaper one.
        { decisionId: "top", source: "feedback", label: 0 },
        // A downward comparison of a top-tier answer: the stronger answer's win rate, as upward.
        { decisionId: "top", source: "shadow", label: 1 },
        { decisionId: "pinned", source: "shadow", label: 1 },
        { decisionId: "old", source: "shadow", label: 1 },
        { decisionId: "low", source: "feedback", label: null },
        { decisionId: "missing", source: "shadow", label: 1 },
      ],
      "s1",
    );
    expect(input.decisions).toHaveLength(2);
    expect(input.labels.map((l) => [l.y, l.paired])).toEqual([
      [1, false],
      [0.5, true],
      [1, true],
    ]);
  });
});
