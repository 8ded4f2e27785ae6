import { describe, expect, it } from "vitest";
import { nextFitAt, recalibrationDue, type FitCounters } from "./fit-input.ts";
import { learningSettingsSchema } from "./settings-schema.ts";

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
