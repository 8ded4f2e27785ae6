// The tenant object's outcome writes: client feedback (idempotent per decision, bounded in time)
// and the shadow ledger (reserve against the day's budget, settle with the actual cost).
import { feedbackKind, feedbackLabel, feedbackQuality, type FeedbackOutcome } from "../fit/labels.ts";
import type { ShadowRecord } from "./records.ts";
import { TOP_TIER } from "../../schema/canonical.ts";

export type FeedbackResult =
  { status: "recorded" | "replaced" | "unchanged"; label: number | null } | { status: "not_found" | "expired" };

/** Stores feedback; `counted` says whether it is a new label (for the refit counters). */
export function writeFeedback(
  sql: SqlStorage,
  decisionId: string,
  outcome: FeedbackOutcome,
  now: number,
  windowHours: number,
): { result: FeedbackResult; counted: boolean } {
  const decision = [
    ...sql.exec<{ at: number; served_tier: string }>("SELECT at, served_tier FROM decisions WHERE id = ?", decisionId),
  ][0];
  if (!decision) return { result: { status: "not_found" }, counted: false };
  if (now - decision.at > windowHours * 3_600_000) return { result: { status: "expired" }, counted: false };
  const kind = feedbackKind(outcome);
  const value = feedbackQuality(outcome);
  // Feedback on an answer from the top tier says nothing about a cheaper one: kept, not a label.
  const label = decision.served_tier === TOP_TIER ? null : feedbackLabel(outcome);
  const previous = [
    ...sql.exec<{ kind: string; value: number }>(
      "SELECT kind, value FROM outcomes WHERE decision_id = ? AND source = 'feedback'",
      decisionId,
    ),
  ][0];
  if (previous && previous.kind === kind && previous.value === value) {
    return { result: { status: "unchanged", label }, counted: false };
  }
  sql.exec(
    "INSERT OR REPLACE INTO outcomes (decision_id, source, at, kind, value, label, detail) VALUES (?, 'feedback', ?, ?, ?, ?, NULL)",
    decisionId,
    now,
    kind,
    value,
    label,
  );
  return { result: { status: previous ? "replaced" : "recorded", label }, counted: !previous && label !== null };
}

/** Reserves `usd` of the day's shadow budget; refused (and counted) when it would exceed it. */
export function reserveShadow(sql: SqlStorage, day: string, usd: number, budget: number) {
  sql.exec(
    "INSERT OR IGNORE INTO shadow_days (day, requests, reserved_usd, cost_usd, judged, skipped_budget, labelled) VALUES (?, 0, 0, 0, 0, 0, 0)",
    day,
  );
  const row = [
    ...sql.exec<{ reserved_usd: number; cost_usd: number }>(
      "SELECT reserved_usd, cost_usd FROM shadow_days WHERE day = ?",
      day,
    ),
  ][0]!;
  const committed = row.reserved_usd + row.cost_usd;
  if (committed + usd > budget) {
    sql.exec("UPDATE shadow_days SET skipped_budget = skipped_budget + 1 WHERE day = ?", day);
    return { ok: false, remainingUsd: Math.max(0, budget - committed) };
  }
  sql.exec("UPDATE shadow_days SET reserved_usd = reserved_usd + ? WHERE day = ?", usd, day);
  return { ok: true, remainingUsd: budget - committed - usd };
}

/** Settles a reservation and stores the comparison; returns whether it is a new label. */
export function settleShadow(sql: SqlStorage, record: ShadowRecord): boolean {
  sql.exec(
    `UPDATE shadow_days SET reserved_usd = MAX(0, reserved_usd - ?), cost_usd = cost_usd + ?,
       requests = requests + 1, judged = judged + ?, labelled = labelled + ? WHERE day = ?`,
    record.reservedUsd,
    record.costUsd,
    record.judgeModel ? 1 : 0,
    record.label === null ? 0 : 1,
    record.day,
  );
  const previous = [
    ...sql.exec("SELECT 1 FROM outcomes WHERE decision_id = ? AND source = 'shadow'", record.decisionId),
  ][0];
  sql.exec(
    "INSERT OR REPLACE INTO outcomes (decision_id, source, at, kind, value, label, detail) VALUES (?, 'shadow', ?, ?, ?, ?, ?)",
    record.decisionId,
    record.at,
    record.verdict,
    record.overlap,
    record.label,
    JSON.stringify({
      direction: record.direction,
      [record.direction === "up" ? "strong" : "cheap"]: record.shadowModel,
      judge: record.judgeModel,
      cost_usd: record.costUsd,
    }),
  );
  return !previous && record.label !== null;
}
