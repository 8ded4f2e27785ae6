// TenantLearning: one Durable Object (SQLite storage) per tenant, the authority for its learning
// state — decisions and outcomes (bounded retention), the shadow budget ledger, settings, and the
// calibration history. It publishes what routing reads to KV (`learning:<tenant>`,
// `calibration:<tenant>`) and refits off the hot path, in its alarm, when enough new evidence
// arrived. Isolates write to it in batches after responses (decision-buffer.ts).
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../env.ts";
import { readConfig } from "../../config.ts";
import { FEATURE_NAMES } from "../../score/feature-names.ts";
import {
  calibrationBodySchema,
  calibrationSchema,
  calibrationText,
  type Calibration,
  type CalibrationBody,
} from "./calibration-schema.ts";
import { fitCalibration, type FitResult } from "../fit/fit-calibration.ts";
import {
  fitInputFrom,
  fitOptions,
  nextCalibration,
  nextFitAt,
  recalibrationDue,
  type FitCounters,
} from "../fit/fit-input.ts";
import type { FeedbackOutcome } from "../fit/labels.ts";
import { reserveShadow, settleShadow, writeFeedback, type FeedbackResult } from "./outcome-sql.ts";

export type { FeedbackResult };
import { decisionRow, insertDecision, outcomeRow, SCHEMA } from "./learning-sql.ts";
import { calibrationKey, learningKv, settingsKey } from "./learning-kv.ts";
import type { DecisionRecord, ShadowRecord } from "./records.ts";
import { SCORER_VERSION } from "./scorer-version.ts";
import { DEFAULT_SETTINGS, learningSettingsSchema, type LearningSettings } from "./settings-schema.ts";
import { summarizeLearning, type LearningSummary } from "./learning-summary.ts";

/** Rows kept per tenant at most, whatever the retention (oldest go first). */
export const MAX_DECISIONS = 200_000;
const CLEANUP_EVERY_MS = 6 * 3_600_000;
export const TENANT_INDEX_PREFIX = "learning-tenant:";

/** JSON texts across the RPC boundary (the calibration's evidence is arbitrary JSON). */
export interface RecalibrateResult {
  published: boolean;
  dryRun: boolean;
  /** Why nothing was fitted, when nothing was. */
  reason: string | null;
  /** The calibration published (or, for a dry run, the one that would be). */
  calibration: string | null;
  evidence: string;
}

function resultOf(fit: FitResult, dryRun: boolean, calibration: string | null, published: boolean): RecalibrateResult {
  return {
    published,
    dryRun,
    reason: fit.ok ? null : fit.reason,
    calibration,
    evidence: JSON.stringify(fit.ok ? fit.body.evidence : fit.evidence),
  };
}

export class TenantLearning extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    for (const statement of SCHEMA) this.sql.exec(statement);
  }

  private meta<T>(key: string, fallback: T): T {
    const row = [...this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key)][0];
    return row ? (JSON.parse(row.value) as T) : fallback;
  }

  private setMeta(key: string, value: unknown): void {
    this.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, JSON.stringify(value));
  }

  private settings(): LearningSettings {
    return learningSettingsSchema.parse(this.meta<unknown>("settings", {}));
  }

  private counters(): FitCounters {
    return this.meta<FitCounters>("counters", { newOutcomes: 0, newDecisions: 0, lastFitAt: 0, paused: false });
  }

  private bump(field: "newOutcomes" | "newDecisions", by: number) {
    const counters = this.counters();
    counters[field] += by;
    this.setMeta("counters", counters);
  }

  /** Remembers the tenant's name (ids are hashes) and lists it for /v1/router/stats once. */
  private async adopt(tenant: string): Promise<void> {
    if (this.meta<string | null>("tenant", null) === tenant) return;
    this.setMeta("tenant", tenant);
    await learningKv(this.env).put(TENANT_INDEX_PREFIX + tenant, "1");
  }

  async recordDecisions(tenant: string, rows: DecisionRecord[]): Promise<number> {
    await this.adopt(tenant);
    let added = 0;
    for (const row of rows) if (insertDecision(this.sql, row)) added++;
    this.bump("newDecisions", added);
    await this.schedule(Date.now());
    return added;
  }

  async feedback(
    tenant: string,
    decisionId: string,
    outcome: FeedbackOutcome,
    now = Date.now(),
  ): Promise<FeedbackResult> {
    await this.adopt(tenant);
    const { result, counted } = writeFeedback(
      this.sql,
      decisionId,
      outcome,
      now,
      this.settings().feedback_window_hours,
    );
    if (counted) this.bump("newOutcomes", 1);
    if (result.status === "recorded" || result.status === "replaced") await this.schedule(now);
    return result;
  }

  /** Reserves `usd` of today's shadow budget; false (and counted) when it would exceed it. */
  async reserveShadow(tenant: string, day: string, usd: number): Promise<{ ok: boolean; remainingUsd: number }> {
    await this.adopt(tenant);
    return reserveShadow(this.sql, day, usd, this.settings().shadow.budget_usd_daily);
  }

  /** Settles a reservation with the actual spend and stores the comparison's outcome. */
  async recordShadow(tenant: string, record: ShadowRecord): Promise<void> {
    await this.adopt(tenant);
    if (settleShadow(this.sql, record)) this.bump("newOutcomes", 1);
    await this.schedule(record.at);
  }

  /** Stores and publishes settings; writing settings also resumes automatic fits after a rollback. */
  async configure(tenant: string, settings: LearningSettings): Promise<LearningSettings> {
    await this.adopt(tenant);
    this.setMeta("settings", settings);
    this.setMeta("counters", { ...this.counters(), paused: false });
    await learningKv(this.env).put(settingsKey(tenant), JSON.stringify(settings));
    await this.schedule(Date.now());
    return settings;
  }

  async readSettings(): Promise<LearningSettings> {
    return this.meta<unknown>("settings", null) === null ? DEFAULT_SETTINGS : this.settings();
  }

  /** Fits on the stored evidence; publishes unless a dry run (or the fit found too little). */
  async recalibrate(tenant: string, options: { dryRun?: boolean; now?: number } = {}): Promise<RecalibrateResult> {
    await this.adopt(tenant);
    const now = options.now ?? Date.now();
    const settings = this.settings();
    const target = settings.calibration.target;
    const dryRun = options.dryRun ?? false;
    if (!target) {
      const fit: FitResult = { ok: false, reason: "no calibration target in the tenant's settings", evidence: {} };
      return resultOf(fit, dryRun, null, false);
    }
    const window = settings.calibration.window_decisions;
    const decisions = [
      ...this.sql.exec<Record<string, SqlStorageValue>>(
        "SELECT * FROM (SELECT * FROM decisions ORDER BY at DESC LIMIT ?) ORDER BY at ASC",
        window,
      ),
    ].map(decisionRow);
    const outcomes = [
      ...this.sql.exec<Record<string, SqlStorageValue>>(
        `SELECT o.decision_id, o.source, o.label FROM outcomes o
         JOIN (SELECT id FROM decisions ORDER BY at DESC LIMIT ?) d ON d.id = o.decision_id ORDER BY o.at ASC`,
        window,
      ),
    ].map(outcomeRow);
    const fit = fitCalibration({
      ...fitInputFrom(decisions, outcomes, SCORER_VERSION),
      target,
      defaults: readConfig(this.env).tiers,
      scorer: SCORER_VERSION,
      featureNames: FEATURE_NAMES,
      options: fitOptions(settings),
    });
    if (!dryRun) {
      this.setMeta("counters", { ...this.counters(), newOutcomes: 0, newDecisions: 0, lastFitAt: now });
      this.setMeta("last_fit", { at: now, ok: fit.ok, reason: fit.ok ? null : fit.reason });
    }
    if (!fit.ok || dryRun) {
      const preview = fit.ok ? calibrationText(nextCalibration(fit.body, this.identity(tenant, now))) : null;
      return resultOf(fit, dryRun, preview, false);
    }
    return resultOf(fit, dryRun, await this.publish(tenant, fit.body, now), true);
  }

  private identity(tenant: string, now: number) {
    const latest = [...this.sql.exec<{ v: number | null }>("SELECT MAX(version) AS v FROM calibrations")][0]?.v ?? 0;
    return { tenant, version: latest + 1, parentVersion: this.meta<number>("active_version", 0), now };
  }

  /**
   * Versions and publishes a calibration body (fitted here, offline, or written by an operator).
   * Returns the published text (the RPC boundary stays untyped JSON; callers parse it).
   */
  async publish(tenant: string, body: unknown, now = Date.now()): Promise<string> {
    await this.adopt(tenant);
    const valid: CalibrationBody = calibrationBodySchema.parse(body);
    const calibration = calibrationSchema.parse(nextCalibration(valid, this.identity(tenant, now)));
    const text = calibrationText(calibration);
    await learningKv(this.env).put(calibrationKey(tenant), text);
    this.sql.exec(
      "INSERT INTO calibrations (version, created_at, body) VALUES (?, ?, ?)",
      calibration.version,
      now,
      text,
    );
    this.setMeta("active_version", calibration.version);
    return text;
  }

  /**
   * Restores `version` (default: the active one's parent; 0 = the deployment defaults) exactly as
   * it was published, and pauses automatic fits until the settings are written again.
   */
  async rollback(tenant: string, version?: number): Promise<{ active: number; text: string | null }> {
    await this.adopt(tenant);
    const active = this.meta<number>("active_version", 0);
    const target =
      version ?? (active > 0 ? (JSON.parse(this.calibrationText(active)!) as Calibration).parent_version : 0);
    const text = target > 0 ? this.calibrationText(target) : null;
    if (target > 0 && text === null) throw new Error(`no calibration version ${target}`);
    if (text === null) await learningKv(this.env).delete(calibrationKey(tenant));
    else await learningKv(this.env).put(calibrationKey(tenant), text);
    this.setMeta("active_version", target);
    this.setMeta("counters", { ...this.counters(), paused: true });
    return { active: target, text };
  }

  calibrationText(version: number): string | null {
    const row = [...this.sql.exec<{ body: string }>("SELECT body FROM calibrations WHERE version = ?", version)][0];
    return row?.body ?? null;
  }

  async summary(sinceMs: number): Promise<LearningSummary> {
    return summarizeLearning(this.sql, {
      sinceMs,
      tenant: this.meta<string | null>("tenant", null),
      settings: await this.readSettings(),
      activeVersion: this.meta<number>("active_version", 0),
      counters: this.counters(),
      lastFit: this.meta<unknown>("last_fit", null),
    });
  }

  /** Sets the alarm for the next fit (when due) or the next cleanup, whichever comes first. */
  private async schedule(now: number): Promise<void> {
    const when = Math.min(nextFitAt(this.counters(), this.settings(), now), now + CLEANUP_EVERY_MS);
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > when) await this.ctx.storage.setAlarm(when);
  }

  override async alarm(): Promise<void> {
    const tenant = this.meta<string | null>("tenant", null);
    if (!tenant) return;
    const now = Date.now();
    this.cleanup(now);
    if (recalibrationDue(this.counters(), this.settings(), now)) {
      try {
        await this.recalibrate(tenant, { now });
      } catch (error) {
        console.error(JSON.stringify({ level: "error", event: "recalibration_failed", tenant, error: String(error) }));
      }
    }
    const rows = [...this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM decisions")][0]!.n;
    if (rows > 0) await this.schedule(now);
  }

  /** Retention: decisions and outcomes older than retention_days, and rows beyond MAX_DECISIONS. */
  private cleanup(now: number): void {
    const cutoff = now - this.settings().retention_days * 86_400_000;
    this.sql.exec("DELETE FROM decisions WHERE at < ?", cutoff);
    this.sql.exec("DELETE FROM outcomes WHERE at < ?", cutoff);
    this.sql.exec(
      "DELETE FROM decisions WHERE id IN (SELECT id FROM decisions ORDER BY at DESC LIMIT -1 OFFSET ?)",
      MAX_DECISIONS,
    );
    const day = new Date(cutoff).toISOString().slice(0, 10);
    this.sql.exec("DELETE FROM shadow_days WHERE day < ?", day);
  }
}
