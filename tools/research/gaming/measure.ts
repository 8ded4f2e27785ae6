// How much each attack moves the router, on the Worker's decision path (wasm scorer + cascade
// gate + ONNX classifier, tools/lib/router/node-router.ts) and through the pure selector with the
// bundled default catalog, against the clean prompts of the same set (paired: same prompts).
//   complex share   decided tier "complex" at the deployed default boundaries
//   median share    score >= the median of the clean scores (the two-model APGR threshold at 50%)
//   cost            the selector's estimated cost of the first candidate (default objective);
//                   "routing" cost = attacked cost minus the attacked request's cost at the clean
//                   prompt's decision, i.e. what the change of decision alone bought
import type { RoutingDecision } from "../../../src/classify/decision.ts";
import { seededRandom } from "../../lib/eval/bootstrap.ts";
import { GENERATED_CATALOG } from "../../../src/pricing/default-catalog.generated.ts";
import { uncertainBelow } from "../../../src/learning/online/served-tier.ts";
import type { Tier } from "../../../src/schema/canonical.ts";
import type { Objective } from "../../../src/schema/router-options.ts";
import type { TierConfig } from "../../../src/score/tiering.ts";
import { estimateInputTokens, predictOutputTokens } from "../../../src/select/estimate-tokens.ts";
import { OPEN_POLICY } from "../../../src/schema/policy.ts";
import { selectModels } from "../../../src/select/select-model.ts";
import {
  assess,
  DEFAULT_STRONG_SHARE,
  DEPLOYMENT_STRONG_SHARE,
  initialState,
  monitorCap,
  observe,
  type StrongShareConfig,
} from "../../../src/select/strong-share-monitor.ts";
import { rowRequest } from "../../lib/router/row-request.ts";
import type { Attack } from "./attacks.ts";

export interface SuiteRow {
  set: string;
  id: string;
  prompt: string;
}

export type Decide = (prompt: string) => Promise<RoutingDecision>;

/** The router's default objective (src/config.ts ROUTER_DEFAULT_OBJECTIVE). */
export const DEFAULT_OBJECTIVE: Objective = "balanced";

export interface Routed {
  score: number;
  tier: Tier;
  stage: string;
  servedTier: Tier;
  costUsd: number;
}

export interface ShareShift {
  clean: number;
  attacked: number;
  /** attacked − clean, in percentage points. */
  shiftPp: number;
}

export interface AttackResult {
  set: string;
  attack: string;
  prompts: number;
  complex: ShareShift;
  served: ShareShift;
  median: ShareShift;
  meanScoreShift: number;
  /** Served top-tier share of one key sending this set, clean then attacked, with the strong-share monitor. */
  monitored: ShareShift;
  /** The same for a fresh key that sends attacked prompts from its first request (no clean history). */
  fresh: ShareShift;
  /** That fresh key under the monitor's earlier rule (its own first 1,000 requests became its baseline). */
  freshEarlierRule: ShareShift;
  /** USD per 1,000 prompts. */
  cost: { clean: number; attacked: number; routing: number; shiftPct: number; routingShiftPct: number };
}

/** plan-route.ts decisionUncertain, through the same rule (that module imports wasm). */
const uncertainOf = (decision: RoutingDecision, tiers: TierConfig) =>
  decision.stage !== "override" && uncertainBelow(decision.score, decision.tier, tiers);

const providers = new Set(GENERATED_CATALOG.models.map((m) => m.provider));

/** The selector's first candidate for `prompt` given a decision (all catalog providers reachable). */
export function select(prompt: string, decision: RoutingDecision, tiers: TierConfig) {
  const request = rowRequest({ prompt });
  const selection = selectModels({
    models: GENERATED_CATALOG.models,
    availableProviders: providers,
    tier: decision.tier,
    uncertain: uncertainOf(decision, tiers),
    objective: DEFAULT_OBJECTIVE,
    options: {},
    policy: OPEN_POLICY,
    needs: [],
    inputTokens: estimateInputTokens(request),
    outputTokens: predictOutputTokens(request, decision.tier),
    observedLatency: new Map(),
    baselineId: GENERATED_CATALOG.baseline,
    maxCandidates: 1,
  });
  return { servedTier: selection.servedTier, costUsd: selection.candidates[0]!.estCostUsd };
}

async function route(prompt: string, decide: Decide, tiers: TierConfig): Promise<Routed & { d: RoutingDecision }> {
  const d = await decide(prompt);
  return { d, score: d.score, tier: d.tier, stage: d.stage, ...select(prompt, d, tiers) };
}

/** The median of the clean scores: prompts at or above it go to the strong model. */
export function medianThreshold(scores: readonly number[]): number {
  const sorted = Float64Array.from(scores).sort();
  return sorted[Math.floor(sorted.length / 2)]!;
}

const share = (xs: readonly boolean[]) => xs.filter(Boolean).length / Math.max(xs.length, 1);
const shift = (clean: number, attacked: number): ShareShift => ({ clean, attacked, shiftPp: (attacked - clean) * 100 });
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);

export interface SetClean {
  set: string;
  rows: SuiteRow[];
  routed: Routed[];
  threshold: number;
}

export async function routeClean(set: string, rows: SuiteRow[], decide: Decide, tiers: TierConfig): Promise<SetClean> {
  const routed: Routed[] = [];
  for (const row of rows) routed.push(await route(row.prompt, decide, tiers));
  return { set, rows, routed, threshold: medianThreshold(routed.map((r) => r.score)) };
}

export async function measureAttack(
  clean: SetClean,
  attack: Attack,
  decide: Decide,
  tiers: TierConfig,
): Promise<AttackResult> {
  const attacked: Routed[] = [];
  const atCleanDecision: number[] = [];
  for (let i = 0; i < clean.rows.length; i++) {
    const text = attack.apply(clean.rows[i]!.prompt, i + 1);
    attacked.push(await route(text, decide, tiers));
    const c = clean.routed[i]!;
    atCleanDecision.push(
      select(text, { tier: c.tier, score: c.score, confidence: 0, stage: "heuristic" }, tiers).costUsd,
    );
  }
  const c = clean.routed;
  const t = clean.threshold;
  const cleanCost = mean(c.map((r) => r.costUsd)) * 1000;
  const attackedCost = mean(attacked.map((r) => r.costUsd)) * 1000;
  const baseCost = mean(atCleanDecision) * 1000;
  return {
    set: clean.set,
    attack: attack.name,
    prompts: c.length,
    complex: shift(share(c.map((r) => r.tier === "complex")), share(attacked.map((r) => r.tier === "complex"))),
    served: shift(
      share(c.map((r) => r.servedTier === "complex")),
      share(attacked.map((r) => r.servedTier === "complex")),
    ),
    median: shift(share(c.map((r) => r.score >= t)), share(attacked.map((r) => r.score >= t))),
    meanScoreShift: mean(attacked.map((r, i) => r.score - c[i]!.score)),
    monitored: monitoredShift(c, attacked, WARM_UP),
    fresh: monitoredShift(c, attacked, 0),
    freshEarlierRule: monitoredShift(c, attacked, 0, EARLIER_RULE),
    cost: {
      clean: cleanCost,
      attacked: attackedCost,
      routing: attackedCost - baseCost,
      shiftPct: ((attackedCost - cleanCost) / cleanCost) * 100,
      routingShiftPct: ((attackedCost - baseCost) / baseCost) * 100,
    },
  };
}

/**
 * The monitor's rule before issue 16, for comparison: a key's own first 1,000 decisions became its
 * baseline (the training prior until then), so a key gaming from its first request was never flagged.
 */
const EARLIER_RULE: StrongShareConfig = { ...DEPLOYMENT_STRONG_SHARE, prior: DEFAULT_STRONG_SHARE.prior };

/** Requests of the simulated key: a clean history (none for a fresh key), then the attack. */
const WARM_UP = 4000;
const ATTACKED = 5000;

/**
 * One key's traffic through the strong-share monitor (src/select/strong-share-monitor.ts): `warmUp`
 * clean requests (0: a fresh key), then ATTACKED attacked ones; the served top-tier share over the
 * attack phase against the clean served share (the selector's tier without the monitor, then capped
 * by it). The key starts from the deployment's baseline, taken to be this set's clean served share
 * (the deployment's traffic looks like the set). Prompts arrive in a seeded random order (the data
 * files are sorted by subject).
 */
export function monitoredShift(
  clean: readonly Routed[],
  attacked: readonly Routed[],
  warmUp: number,
  rule?: StrongShareConfig,
): ShareShift {
  const cleanShare = share(clean.map((r) => r.servedTier === "complex"));
  const config = rule ?? { ...DEFAULT_STRONG_SHARE, prior: cleanShare };
  let state = initialState(config);
  let served = 0;
  const random = seededRandom(5);
  const order = clean.map((_, i) => i);
  const at = () => order[Math.floor(random() * order.length)]!;
  const step = (r: Routed, count: boolean) => {
    const wanted = r.servedTier === "complex";
    const top = wanted && monitorCap(assess(state, config)) === undefined;
    state = observe(state, wanted, top, config);
    if (count && top) served++;
  };
  for (let i = 0; i < warmUp; i++) step(clean[at()]!, false);
  for (let i = 0; i < ATTACKED; i++) step(attacked[at()]!, true);
  return shift(cleanShare, served / ATTACKED);
}
