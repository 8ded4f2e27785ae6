// The trainer's design-time check: leave-one-family-out on the train splits. For each outcome
// set, the scorer is fitted without the set's whole family and scores the set's train rows
// (which that fit never saw): APGR of the stated pair, the mean over the set's pairs, and the
// rank correlation with the set's own need labels. Choices are made on these numbers; the test
// splits are reported, with intervals, only by npm run eval (tools/research/eval/leave-one-out.ts).
import { pairRows, pairsAgainstBest, statedPair } from "../../lib/eval/pairs.ts";
import { spearman } from "../../lib/eval/rank-correlation.ts";
import { twoModelMetrics } from "../../lib/eval/two-model.ts";
import { DEFAULT_FIT, fitScorer, scorerLogit, type FitOptions } from "./fit-scorer.ts";
import { OUTCOME_SET_NAMES, type TrainItem } from "./training-rows.ts";

export interface DesignLoso {
  sets: Record<string, { rows: number; stated: number; pairs: number; rho: number }>;
  mean: { stated: number; pairs: number; rho: number };
  heldOutScores: { id: string; set: string; score: number }[];
}

export function designLoso(items: readonly TrainItem[], options: FitOptions = DEFAULT_FIT): DesignLoso {
  const round = (x: number) => Number(x.toFixed(4));
  const sets: DesignLoso["sets"] = {};
  const heldOutScores: DesignLoso["heldOutScores"] = [];
  for (const held of OUTCOME_SET_NAMES) {
    const family = items.find((it) => it.set === held)!.family;
    const model = fitScorer(
      items.filter((it) => it.family !== family),
      options,
    );
    const rows = items.filter((it) => it.set === held && it.kind === "outcome" && it.split === "train");
    const scores = rows.map((it) => scorerLogit(model, it.features));
    const indexed = rows.map((it, i) => ({ row: it.row!, i }));
    const apgr = (pair: { strong: string; weak: string }) => {
      const p = pairRows(indexed, pair);
      return twoModelMetrics(
        p.rows.map((r) => scores[r.i]!),
        p.outcomes,
      ).apgr;
    };
    const dataRows = rows.map((it) => it.row!);
    const stated = apgr(statedPair(held, dataRows));
    const many = pairsAgainstBest(dataRows);
    sets[held] = {
      rows: rows.length,
      stated: round(stated),
      pairs: round(many.length > 0 ? many.reduce((s, p) => s + apgr(p), 0) / many.length : stated),
      rho: round(
        spearman(
          scores,
          rows.map((it) => it.y!),
        ),
      ),
    };
    rows.forEach((it, i) => heldOutScores.push({ id: it.id, set: held, score: 1 / (1 + Math.exp(-scores[i]!)) }));
  }
  const mean = (k: "stated" | "pairs" | "rho") =>
    round(Object.values(sets).reduce((s, v) => s + v[k], 0) / OUTCOME_SET_NAMES.length);
  return { sets, mean: { stated: mean("stated"), pairs: mean("pairs"), rho: mean("rho") }, heldOutScores };
}
