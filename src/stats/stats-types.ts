// Aggregated usage rows kept by the stats Durable Object (one row per day × model × tier).

export interface StatsRow {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  model: string;
  provider: string;
  tier: string;
  requests: number;
  /** Requests whose provider reported usage (only these have a cost). */
  withUsage: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  costUsd: number;
  /** What the same usage would have cost on the baseline model. */
  baselineCostUsd: number;
}

export const rowKey = (row: Pick<StatsRow, "day" | "model" | "tier">) => `${row.day}|${row.model}|${row.tier}`;

/** Adds `row` into `into` (same key). */
export function addRow(into: StatsRow, row: StatsRow): void {
  into.requests += row.requests;
  into.withUsage += row.withUsage;
  into.inputTokens += row.inputTokens;
  into.outputTokens += row.outputTokens;
  into.cachedInputTokens += row.cachedInputTokens;
  into.costUsd += row.costUsd;
  into.baselineCostUsd += row.baselineCostUsd;
}

/** Per client key and day (the open identity is the key "open"). */
export interface KeyStatsRow {
  day: string;
  key: string;
  /** Admitted requests. */
  requests: number;
  costUsd: number;
  /** Refused by the key's rate limit / budget (429). */
  rateLimited: number;
  budgetRejected: number;
}

export const keyRowKey = (row: Pick<KeyStatsRow, "day" | "key">) => `${row.day}|${row.key}`;

export function addKeyRow(into: KeyStatsRow, row: KeyStatsRow): void {
  into.requests += row.requests;
  into.costUsd += row.costUsd;
  into.rateLimited += row.rateLimited;
  into.budgetRejected += row.budgetRejected;
}

/**
 * What upstream attempts cost, per day, client key, kind (served, failed, hedge, escalated, continued,
 * shadow: pricing/charges.ts) and basis (the provider's usage, or an estimate).
 */
export interface ChargeRow {
  day: string;
  key: string;
  kind: string;
  basis: string;
  attempts: number;
  costUsd: number;
}

export const chargeRowKey = (row: Pick<ChargeRow, "day" | "key" | "kind" | "basis">) =>
  `${row.day}|${row.key}|${row.kind}|${row.basis}`;

export function addChargeRow(into: ChargeRow, row: ChargeRow): void {
  into.attempts += row.attempts;
  into.costUsd += row.costUsd;
}

/** Requests of one minute and tier (the dashboard's spend-over-time chart; kept two days). */
export interface MinuteRow {
  /** Unix minute: epoch milliseconds / 60,000, floored. */
  minute: number;
  tier: string;
  requests: number;
  withUsage: number;
  costUsd: number;
  baselineCostUsd: number;
}

export const minuteKey = (row: Pick<MinuteRow, "minute" | "tier">) => `${row.minute}|${row.tier}`;

export function addMinute(into: MinuteRow, row: MinuteRow): void {
  into.requests += row.requests;
  into.withUsage += row.withUsage;
  into.costUsd += row.costUsd;
  into.baselineCostUsd += row.baselineCostUsd;
}

/** Decisions kept for the dashboard's "recent" table (per isolate while pending, and in the Durable Object). */
export const RECENT_DECISIONS = 200;

/** One routed request as the dashboard lists it. No prompt or answer text, ever. */
export interface DecisionEntry {
  /** Epoch milliseconds when the request finished. */
  at: number;
  requestId: string;
  model: string;
  provider: string;
  /** Tier served, and the tier the scorer/classifier decided (they differ after a floor or cap). */
  tier: string;
  decidedTier: string;
  stage: string;
  objective: string;
  score: number;
  attempts: number;
  stream: boolean;
  estCostUsd: number;
  /** Actual cost from the provider's usage; null when it reported none. */
  costUsd: number | null;
  baselineCostUsd: number | null;
}
