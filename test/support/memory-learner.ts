// A tenant's learning loop in memory, for the simulator (tests) and the offline replay
// (tools/calibrate): the same pure parts the Worker and the tenant's Durable Object use —
// routing with the active calibration, exploration, labels, the due rule, the fit, versioning
// and rollback — without storage. Routing here is the scorer-only path (no classifier).
import { TOP_TIER, type Tier } from "../../src/schema/canonical.ts";
import type { TierConfig } from "../../src/score/tiering.ts";
import {
  applyCalibration,
  routingScore,
  type AppliedCalibration,
} from "../../src/learning/online/applied-calibration.ts";
import { calibrationText, type Calibration } from "../../src/learning/store/calibration-schema.ts";
import { EXPLORED_TIER, exploresDown } from "../../src/learning/online/exploration.ts";
import { fitCalibration, type FitResult } from "../../src/learning/fit/fit-calibration.ts";
import {
  fitInputFrom,
  fitOptions,
  nextCalibration,
  recalibrationDue,
  type DecisionRow,
  type OutcomeRow,
} from "../../src/learning/fit/fit-input.ts";
import { feedbackLabel, type FeedbackOutcome } from "../../src/learning/fit/labels.ts";
import { servedTier, type TierContext } from "../../src/learning/online/served-tier.ts";
import type { LearningSettings } from "../../src/learning/store/settings-schema.ts";

export interface LearnerSetup {
  tenant: string;
  settings: LearningSettings;
  defaults: TierConfig;
  scorer: string;
  featureNames: readonly string[];
  /** Clock for created_at and the due rule (simulated time). */
  now: () => number;
}

export interface Routed {
  tier: Tier;
  explored: boolean;
  /** The score compared with the boundaries (adjusted when the calibration has an adjustment). */
  score: number;
  calibrationVersion: number;
}

export class MemoryLearner {
  readonly history: { version: number; text: string }[] = [];
  active: Calibration | undefined;
  private applied: AppliedCalibration | undefined;
  private readonly decisions: DecisionRow[] = [];
  private readonly byId = new Map<string, DecisionRow>();
  private readonly outcomes = new Map<string, OutcomeRow>();
  private counters = { newOutcomes: 0, newDecisions: 0, lastFitAt: 0, paused: false };
  fits = 0;
  lastFit: FitResult | undefined;

  readonly setup: LearnerSetup;

  constructor(setup: LearnerSetup) {
    this.setup = setup;
  }

  get tiers(): TierConfig {
    return this.applied?.tiers ?? this.setup.defaults;
  }

  /** Routes one request and records the decision (what the Worker does per request). */
  route(id: string, score: number, features: ArrayLike<number> | undefined, context: TierContext): Routed {
    const routing = routingScore(this.applied, score, features);
    const tiers = this.tiers;
    const explored = exploresDown(id, this.setup.settings.exploration.share, routing, tiers, context);
    const tier = explored ? EXPLORED_TIER : servedTier(routing, tiers, context);
    const row: DecisionRow = {
      id,
      score,
      features,
      ...context,
      stage: "heuristic",
      scorer: this.setup.scorer,
      servedTier: tier,
    };
    this.decisions.push(row);
    this.byId.set(id, row);
    if (this.decisions.length > this.setup.settings.calibration.window_decisions) {
      this.byId.delete(this.decisions.shift()!.id);
    }
    this.counters.newDecisions++;
    return { tier, explored, score: routing, calibrationVersion: this.active?.version ?? 0 };
  }

  feedback(id: string, outcome: FeedbackOutcome): void {
    const decision = this.byId.get(id);
    if (!decision) return;
    const label = decision.servedTier === TOP_TIER ? null : feedbackLabel(outcome);
    this.addOutcome({ decisionId: id, source: "feedback", label });
  }

  /** A shadow comparison's label (shadow-verdict.ts): upward below the top tier, downward at it. */
  shadow(id: string, label: number | null): void {
    this.addOutcome({ decisionId: id, source: "shadow", label });
  }

  private addOutcome(outcome: OutcomeRow) {
    const key = `${outcome.source}:${outcome.decisionId}`;
    if (!this.outcomes.has(key) && outcome.label !== null) this.counters.newOutcomes++;
    this.outcomes.set(key, outcome);
  }

  /** Fits and publishes when due (the Durable Object's alarm); returns whether it published. */
  maybeRecalibrate(): boolean {
    if (!recalibrationDue(this.counters, this.setup.settings, this.setup.now())) return false;
    return this.recalibrate();
  }

  recalibrate(): boolean {
    const { settings } = this.setup;
    const target = settings.calibration.target;
    if (!target) return false;
    const input = fitInputFrom(this.decisions, [...this.outcomes.values()], this.setup.scorer);
    this.counters = { ...this.counters, newOutcomes: 0, newDecisions: 0, lastFitAt: this.setup.now() };
    this.fits++;
    this.lastFit = fitCalibration({
      ...input,
      target,
      defaults: this.setup.defaults,
      scorer: this.setup.scorer,
      featureNames: this.setup.featureNames,
      options: fitOptions(settings),
    });
    if (!this.lastFit.ok) return false;
    const version = (this.history.at(-1)?.version ?? 0) + 1;
    const calibration = nextCalibration(this.lastFit.body, {
      tenant: this.setup.tenant,
      version,
      parentVersion: this.active?.version ?? 0,
      now: this.setup.now(),
    });
    this.publish(calibration);
    this.history.push({ version, text: calibrationText(calibration) });
    return true;
  }

  /** Back to `version` (default: the active one's parent; 0 = the defaults). Pauses automatic fits. */
  rollback(version = this.active?.parent_version ?? 0): void {
    this.counters.paused = true;
    if (version === 0) {
      this.active = undefined;
      this.applied = undefined;
      return;
    }
    const stored = this.history.find((h) => h.version === version);
    if (!stored) throw new Error(`no calibration version ${version}`);
    this.publish(JSON.parse(stored.text) as Calibration);
  }

  /** The published text of the active calibration (what KV would hold). */
  get activeText(): string | undefined {
    return this.active ? this.history.find((h) => h.version === this.active!.version)?.text : undefined;
  }

  private publish(calibration: Calibration) {
    const result = applyCalibration(calibration, this.setup.scorer, this.setup.featureNames);
    if (!result.ok) throw new Error(result.problem);
    this.active = calibration;
    this.applied = result.applied;
  }
}
