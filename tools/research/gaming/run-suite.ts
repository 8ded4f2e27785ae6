// The gaming suite over a set of clean prompts: every attack on every set, plus the clean
// two-model APGR of the sets that have outcomes (METHODS.md §1, the cascade's score).
import type { PairOutcome } from "../../lib/eval/two-model.ts";
import { twoModelMetrics } from "../../lib/eval/two-model.ts";
import type { NodeRouter } from "../../lib/router/node-router.ts";
import { ATTACKS, type Attack } from "./attacks.ts";
import { measureAttack, routeClean, type AttackResult, type Decide, type SuiteRow } from "./measure.ts";

export interface SuiteSet {
  set: string;
  rows: (SuiteRow & { outcome?: PairOutcome })[];
}

export interface SuiteResult {
  tiers: NodeRouter["tiers"];
  classifierVersion: string;
  sets: { set: string; prompts: number; threshold: number; apgr?: number }[];
  attacks: AttackResult[];
}

export async function runSuite(
  router: NodeRouter,
  sets: readonly SuiteSet[],
  attacks: readonly Attack[] = ATTACKS,
  log: (line: string) => void = () => {},
): Promise<SuiteResult> {
  const decide: Decide = (prompt) => router.decide({ prompt });
  const result: SuiteResult = {
    tiers: router.tiers,
    classifierVersion: router.classifierVersion,
    sets: [],
    attacks: [],
  };
  for (const { set, rows } of sets) {
    const clean = await routeClean(set, rows, decide, router.tiers);
    const outcomes = rows.map((r) => r.outcome);
    const apgr = outcomes.every((o) => o !== undefined)
      ? twoModelMetrics(
          clean.routed.map((r) => r.score),
          outcomes as PairOutcome[],
        ).apgr
      : undefined;
    result.sets.push({
      set,
      prompts: rows.length,
      threshold: clean.threshold,
      ...(apgr !== undefined ? { apgr } : {}),
    });
    for (const attack of attacks) {
      const r = await measureAttack(clean, attack, decide, router.tiers);
      result.attacks.push(r);
      log(
        `${set.padEnd(14)} ${attack.name.padEnd(22)} complex ${fmt(r.complex.shiftPp)} pp  median ${fmt(r.median.shiftPp)} pp  ` +
          `cost ${fmt(r.cost.shiftPct)} % (routing ${fmt(r.cost.routingShiftPct)} %)  Δscore ${r.meanScoreShift.toFixed(4)}`,
      );
    }
  }
  return result;
}

const fmt = (x: number) => (x >= 0 ? "+" : "") + x.toFixed(1);
