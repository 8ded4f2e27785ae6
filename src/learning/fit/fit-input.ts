// Stored decisions and outcomes -> the fitter's input, and the rules around a fit (when one is
// due, what the next calibration object looks like). Shared by the tenant's Durable Object and
// the in-memory learner the simulator and the offline replay use, so they follow one rule.
import { tierRank, TOP_TIER, type Tier } from "../../schema/canonical.ts";
import type { Calibration, CalibrationBody } from "../store/calibration-schema.ts";
import type { FitDecision, FitLabel, FitOptions } from "./fit-calibration.ts";
import type { TierContext } from "../online/served-tier.ts";
import type { LearningSettings } from "../store/settings-schema.ts";

export interface DecisionRow extends TierContext {
  id: string;
  /** Unadjusted final score. */
  score: number;
  features?: ArrayLike<number> | undefined;
  stage: string;
  scorer: string;
  servedTier: Tier;
}

export interface OutcomeRow {
  decisionId: string;
  source: "feedback" | "shadow";
  /** Win-rate label (labels.ts), or null when the outcome says nothing about a cheaper answer. */
  label: number | null;
}

export function fitInputFrom(decisions: readonly DecisionRow[], outcomes: readonly OutcomeRow[], scorer: string) {
  const usable = decisions.filter((d) => d.stage !== "override" && d.scorer === scorer);
  const byId = new Map(usable.map((d) => [d.id, d]));
  const fitDecisions: FitDecision[] = usable.map((d) => ({
    score: d.score,
    features: d.features,
    objective: d.objective,
    minTier: d.minTier,
    stickyTier: d.stickyTier,
    capTier: d.capTier,
  }));
  const labels: FitLabel[] = [];
  for (const o of outcomes) {
    const d = byId.get(o.decisionId);
    if (!d || o.label === null) continue;
    // Feedback on a top-tier answer says nothing about a cheaper one; a (downward) shadow
    // comparison of it does.
    if (o.source === "feedback" && tierRank(d.servedTier) >= tierRank(TOP_TIER)) continue;
    labels.push({ score: d.score, features: d.features, y: o.label, paired: o.source === "shadow" });
  }
  return { decisions: fitDecisions, labels };
}

export function fitOptions(settings: LearningSettings): FitOptions {
  const c = settings.calibration;
  return {
    minDecisions: c.min_decisions,
    minLabels: c.min_labels,
    minPaired: c.min_paired,
    adjustFeatures: c.adjust_features,
    maxClassifierShare: c.max_classifier_share,
  };
}

export interface FitCounters {
  newOutcomes: number;
  newDecisions: number;
  /** ms since the epoch of the last fit (0: never). */
  lastFitAt: number;
  /** A rollback pauses automatic fits until the settings are written again. */
  paused: boolean;
}

/**
 * When the next automatic fit may run: Infinity while none is due (auto off, no target, paused, or
 * not enough new evidence), else the end of the minimum interval since the last fit (or `now`).
 */
export function nextFitAt(counters: FitCounters, settings: LearningSettings, now: number): number {
  const c = settings.calibration;
  if (!c.auto || !c.target || counters.paused) return Infinity;
  if (counters.newOutcomes < c.every_outcomes && counters.newDecisions < c.every_decisions) return Infinity;
  return Math.max(now, counters.lastFitAt + c.min_interval_seconds * 1000);
}

export function recalibrationDue(counters: FitCounters, settings: LearningSettings, now: number): boolean {
  return nextFitAt(counters, settings, now) <= now;
}

export function nextCalibration(
  body: CalibrationBody,
  identity: { tenant: string; version: number; parentVersion: number; now: number },
): Calibration {
  return {
    object: "router.calibration",
    tenant: identity.tenant,
    version: identity.version,
    parent_version: identity.parentVersion,
    created_at: new Date(identity.now).toISOString(),
    ...body,
  };
}
