// The two ways `npm run calibrate` fits, both through the pure fitter the Worker's Durable
// Object uses (src/learning/fit/fit-calibration.ts), on the fit part only:
// - "outcomes": the file's outcomes are the labels (both models' outcome on every prompt: what a
//   team profiling its own prompts with its own models has);
// - "replay": the online loop, simulated: the fit part is sent as traffic in a seeded order, routed
//   with the calibration in force at the time, rated by simulated feedback (the served model's
//   real outcome), a share of answers below the top tier shadow-compared with the tier above and a
//   share of top-tier answers with the tier below (both real outcomes: a perfect comparison), a
//   share of top-tier requests explored one tier down, and refitted whenever the due rule says so.
import type { Calibration, CalibrationTarget } from "../../../src/learning/store/calibration-schema.ts";
import { fitCalibration, type FitResult } from "../../../src/learning/fit/fit-calibration.ts";
import { nextCalibration } from "../../../src/learning/fit/fit-input.ts";
import { MemoryLearner } from "../../../test/support/memory-learner.ts";
import { sampled } from "../../../src/learning/online/sampling.ts";
import { TOP_TIER } from "../../../src/schema/canonical.ts";
import { learningSettingsSchema, type LearningSettingsInput } from "../../../src/learning/store/settings-schema.ts";
import { rng } from "../../../test/support/tenant-simulator.ts";
import type { TierConfig } from "../../../src/score/tiering.ts";
import { FEATURE_NAMES } from "../../../src/score/feature-names.ts";
import type { CalRow } from "./rows.ts";

export interface FitContext {
  tenant: string;
  target: CalibrationTarget;
  defaults: TierConfig;
  scorer: string;
  adjustFeatures: boolean;
}

const winRate = (row: CalRow) => Math.min(1, Math.max(0, (1 + row.strong - row.weak) / 2));

export function fitFromOutcomes(rows: readonly CalRow[], ctx: FitContext): FitResult {
  const settings = learningSettingsSchema.parse({ calibration: { adjust_features: ctx.adjustFeatures } });
  return fitCalibration({
    decisions: rows.map((r) => ({ score: r.raw, features: r.features, objective: "balanced" })),
    labels: rows.map((r) => ({ score: r.raw, features: r.features, y: winRate(r), paired: true })),
    target: ctx.target,
    defaults: ctx.defaults,
    scorer: ctx.scorer,
    featureNames: FEATURE_NAMES,
    options: {
      minDecisions: settings.calibration.min_decisions,
      minLabels: settings.calibration.min_labels,
      minPaired: settings.calibration.min_paired,
      adjustFeatures: ctx.adjustFeatures,
      maxClassifierShare: settings.calibration.max_classifier_share,
      maxPaired: Infinity,
    },
  });
}

export interface ReplayOptions {
  seed: number;
  feedbackShare: number;
  shadowShare: number;
  /** Share of top-tier answers compared with the tier below's (the Worker's shadow.down_share). */
  shadowDownShare?: number;
  exploreShare: number;
  everyDecisions: number;
}

export interface ReplayResult {
  fit: FitResult | undefined;
  versions: number;
  requests: number;
  feedback: number;
  shadow: number;
  explored: number;
}

export function fitByReplay(rows: readonly CalRow[], ctx: FitContext, options: ReplayOptions): ReplayResult {
  const random = rng(options.seed);
  const order = rows
    .map((r) => ({ r, key: random() }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.r);
  const input: LearningSettingsInput = {
    exploration: { share: options.exploreShare },
    calibration: {
      target: ctx.target,
      auto: true,
      every_decisions: options.everyDecisions,
      every_outcomes: options.everyDecisions,
      min_interval_seconds: 0,
      adjust_features: ctx.adjustFeatures,
      window_decisions: 100_000,
    },
  };
  let clock = 0;
  const learner = new MemoryLearner({
    tenant: ctx.tenant,
    settings: learningSettingsSchema.parse(input),
    defaults: ctx.defaults,
    scorer: ctx.scorer,
    featureNames: FEATURE_NAMES,
    now: () => (clock += 1000),
  });
  const counts = { feedback: 0, shadow: 0, explored: 0 };
  for (const row of order) {
    const routed = learner.route(row.id, row.raw, row.features, { objective: "balanced" });
    if (routed.explored) counts.explored++;
    const below = routed.tier !== TOP_TIER;
    const quality = below ? row.weak : row.strong;
    if (random() < options.feedbackShare) {
      learner.feedback(
        row.id,
        quality === 0 || quality === 1 ? { thumbs: quality === 1 ? "up" : "down" } : { score: quality },
      );
      counts.feedback++;
    }
    const shadowed = below
      ? sampled(row.id, "shadow", options.shadowShare)
      : sampled(row.id, "shadow-down", options.shadowDownShare ?? 0);
    if (shadowed) {
      learner.shadow(row.id, winRate(row));
      counts.shadow++;
    }
    learner.maybeRecalibrate();
  }
  learner.recalibrate(); // the operator's last "recalibrate now", on all the evidence
  return { fit: learner.lastFit, versions: learner.history.length, requests: order.length, ...counts };
}

export function offlineCalibration(fit: FitResult & { ok: true }, tenant: string, now: number): Calibration {
  return nextCalibration({ ...fit.body, source: "offline" }, { tenant, version: 1, parentVersion: 0, now });
}
