// A tenant's learning state for /v1/router/stats and the admin API: traffic and feedback
// counts since a time, shadow spend per day, exploration, and the calibration in force.
import type { FitCounters } from "../fit/fit-input.ts";
import { TOP_TIER } from "../../schema/canonical.ts";
import type { LearningSettings } from "./settings-schema.ts";

export interface LearningSummary {
  tenant: string | null;
  since: string;
  decisions: { total: number; routed: number; top_tier_share: number | null; explored: number; stored_prompts: number };
  feedback: { total: number; up: number; down: number; scores: number; escalate_needed: number; labels: number };
  shadow: {
    enabled: boolean;
    share: number;
    down_share: number;
    budget_usd_daily: number;
    requests: number;
    cost_usd: number;
    judged: number;
    labelled: number;
    skipped_budget: number;
    by_day: Record<string, { requests: number; cost_usd: number; skipped_budget: number }>;
    verdicts: Record<string, number>;
  };
  exploration: { share: number };
  calibration: {
    active_version: number;
    versions: { version: number; created_at: string }[];
    target: unknown;
    auto: boolean;
    paused: boolean;
    new_outcomes: number;
    new_decisions: number;
    last_fit: unknown;
  };
}

interface SummaryInput {
  sinceMs: number;
  tenant: string | null;
  settings: LearningSettings;
  activeVersion: number;
  counters: FitCounters;
  lastFit: unknown;
}

const round = (usd: number) => Math.round(usd * 1e8) / 1e8;

export function summarizeLearning(sql: SqlStorage, input: SummaryInput): LearningSummary {
  const one = <T>(query: string, ...args: SqlStorageValue[]) =>
    [...sql.exec<T & Record<string, SqlStorageValue>>(query, ...args)][0]!;
  const d = one<{ total: number; routed: number; top: number; explored: number; prompts: number }>(
    `SELECT COUNT(*) AS total, SUM(stage != 'override') AS routed,
       SUM(stage != 'override' AND served_tier = ?) AS top, SUM(explored) AS explored,
       SUM(prompt IS NOT NULL) AS prompts FROM decisions WHERE at >= ?`,
    TOP_TIER,
    input.sinceMs,
  );
  const f = one<{ total: number; up: number; down: number; scores: number; escalate: number; labels: number }>(
    `SELECT COUNT(*) AS total, SUM(kind = 'thumbs' AND value = 1) AS up, SUM(kind = 'thumbs' AND value = 0) AS down,
       SUM(kind = 'score') AS scores, SUM(kind = 'escalate_needed') AS escalate, SUM(label IS NOT NULL) AS labels
     FROM outcomes WHERE source = 'feedback' AND at >= ?`,
    input.sinceMs,
  );
  const sinceDay = new Date(input.sinceMs).toISOString().slice(0, 10);
  const days = [
    ...sql.exec<{
      day: string;
      requests: number;
      cost_usd: number;
      judged: number;
      labelled: number;
      skipped_budget: number;
    }>(
      "SELECT day, requests, cost_usd, judged, labelled, skipped_budget FROM shadow_days WHERE day >= ? ORDER BY day",
      sinceDay,
    ),
  ];
  const verdicts = Object.fromEntries(
    [
      ...sql.exec<{ kind: string; n: number }>(
        "SELECT kind, COUNT(*) AS n FROM outcomes WHERE source = 'shadow' AND at >= ? GROUP BY kind ORDER BY kind",
        input.sinceMs,
      ),
    ].map((r) => [r.kind, r.n]),
  );
  const versions = [
    ...sql.exec<{ version: number; created_at: number }>(
      "SELECT version, created_at FROM calibrations ORDER BY version",
    ),
  ].map((r) => ({ version: r.version, created_at: new Date(r.created_at).toISOString() }));
  const sum = (key: "requests" | "cost_usd" | "judged" | "labelled" | "skipped_budget") =>
    days.reduce((total, day) => total + day[key], 0);
  const { settings, counters } = input;
  const routed = d.routed ?? 0;
  return {
    tenant: input.tenant,
    since: new Date(input.sinceMs).toISOString(),
    decisions: {
      total: d.total,
      routed,
      top_tier_share: routed > 0 ? Number(((d.top ?? 0) / routed).toFixed(6)) : null,
      explored: d.explored ?? 0,
      stored_prompts: d.prompts ?? 0,
    },
    feedback: {
      total: f.total,
      up: f.up ?? 0,
      down: f.down ?? 0,
      scores: f.scores ?? 0,
      escalate_needed: f.escalate ?? 0,
      labels: f.labels ?? 0,
    },
    shadow: {
      enabled: settings.shadow.enabled,
      share: settings.shadow.share,
      down_share: settings.shadow.down_share,
      budget_usd_daily: settings.shadow.budget_usd_daily,
      requests: sum("requests"),
      cost_usd: round(sum("cost_usd")),
      judged: sum("judged"),
      labelled: sum("labelled"),
      skipped_budget: sum("skipped_budget"),
      by_day: Object.fromEntries(
        days.map((day) => [
          day.day,
          { requests: day.requests, cost_usd: round(day.cost_usd), skipped_budget: day.skipped_budget },
        ]),
      ),
      verdicts,
    },
    exploration: { share: settings.exploration.share },
    calibration: {
      active_version: input.activeVersion,
      versions,
      target: settings.calibration.target ?? null,
      auto: settings.calibration.auto,
      paused: counters.paused,
      new_outcomes: counters.newOutcomes,
      new_decisions: counters.newDecisions,
      last_fit: input.lastFit,
    },
  };
}
