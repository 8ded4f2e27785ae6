// The tenant Durable Object's SQLite schema and row mapping.
import type { Tier } from "../../schema/canonical.ts";
import type { Objective } from "../../schema/router-options.ts";
import type { DecisionRow, OutcomeRow } from "../fit/fit-input.ts";
import type { DecisionRecord } from "./records.ts";

export const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS decisions (
    id TEXT PRIMARY KEY, at INTEGER NOT NULL, score REAL NOT NULL, raw_score REAL NOT NULL,
    stage TEXT NOT NULL, objective TEXT NOT NULL, decided_tier TEXT NOT NULL, served_tier TEXT NOT NULL,
    explored INTEGER NOT NULL, min_tier TEXT, sticky_tier TEXT, cap_tier TEXT, model TEXT NOT NULL,
    cost_usd REAL, calibration_version INTEGER NOT NULL, scorer TEXT NOT NULL, features BLOB, prompt TEXT,
    answer_check TEXT)`,
  `CREATE INDEX IF NOT EXISTS decisions_at ON decisions (at)`,
  `CREATE TABLE IF NOT EXISTS outcomes (
    decision_id TEXT NOT NULL, source TEXT NOT NULL, at INTEGER NOT NULL, kind TEXT NOT NULL,
    value REAL, label REAL, detail TEXT, PRIMARY KEY (decision_id, source))`,
  `CREATE INDEX IF NOT EXISTS outcomes_at ON outcomes (at)`,
  `CREATE TABLE IF NOT EXISTS shadow_days (
    day TEXT PRIMARY KEY, requests INTEGER NOT NULL, reserved_usd REAL NOT NULL, cost_usd REAL NOT NULL,
    judged INTEGER NOT NULL, skipped_budget INTEGER NOT NULL, labelled INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS calibrations (version INTEGER PRIMARY KEY, created_at INTEGER NOT NULL, body TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
];

export function insertDecision(sql: SqlStorage, d: DecisionRecord): boolean {
  const cursor = sql.exec(
    `INSERT OR IGNORE INTO decisions (id, at, score, raw_score, stage, objective, decided_tier, served_tier, explored,
      min_tier, sticky_tier, cap_tier, model, cost_usd, calibration_version, scorer, features, prompt, answer_check)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    d.id,
    d.at,
    d.score,
    d.rawScore,
    d.stage,
    d.objective,
    d.decidedTier,
    d.servedTier,
    d.explored ? 1 : 0,
    d.minTier,
    d.stickyTier,
    d.capTier,
    d.model,
    d.costUsd,
    d.calibrationVersion,
    d.scorer,
    d.features ? d.features.slice().buffer : null,
    d.prompt,
    d.answerCheck,
  );
  return cursor.rowsWritten > 0;
}

type Row = Record<string, SqlStorageValue>;

const tier = (value: SqlStorageValue | undefined): Tier | undefined =>
  typeof value === "string" ? (value as Tier) : undefined;

export function decisionRow(r: Row): DecisionRow {
  return {
    id: String(r.id),
    score: Number(r.raw_score),
    features: r.features instanceof ArrayBuffer ? new Float32Array(r.features) : undefined,
    objective: String(r.objective) as Objective,
    minTier: tier(r.min_tier),
    stickyTier: tier(r.sticky_tier),
    capTier: tier(r.cap_tier),
    stage: String(r.stage),
    scorer: String(r.scorer),
    servedTier: String(r.served_tier) as Tier,
  };
}

export function outcomeRow(r: Row): OutcomeRow {
  return {
    decisionId: String(r.decision_id),
    source: r.source === "shadow" ? "shadow" : "feedback",
    label: r.label === null ? null : Number(r.label),
  };
}
