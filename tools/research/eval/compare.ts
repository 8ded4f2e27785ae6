// Several routers on the same prompts, with paired bootstrap intervals: every
// resample draws one set of prompts and scores all routers on it, so the
// difference between two routers gets its own interval.
import { bootstrapIndices, percentileInterval, type Interval } from "../../lib/eval/bootstrap.ts";
import { twoModelMetrics, type PairOutcome, type TwoModelMetrics } from "../../lib/eval/two-model.ts";

export interface RouterReport {
  name: string;
  metrics: TwoModelMetrics;
  apgrInterval: Interval;
  cpt50Interval: Interval;
  cpt80Interval: Interval;
  /** APGR of this router minus the reference router's, on the same resamples. */
  apgrDeltaVsReference?: { reference: string; delta: number; interval: Interval };
}

export interface CompareOptions {
  resamples: number;
  seed: number;
  /** Name of the router the others are compared against (paired APGR difference). */
  reference?: string;
}

export function compareRouters(
  routers: ReadonlyMap<string, ArrayLike<number>>,
  outcomes: readonly PairOutcome[],
  options: CompareOptions,
): RouterReport[] {
  const names = [...routers.keys()];
  const samples = new Map(
    names.map((name) => [name, { apgr: [] as number[], cpt50: [] as number[], cpt80: [] as number[] }]),
  );
  const deltas = new Map(names.map((name) => [name, [] as number[]]));
  const n = outcomes.length;
  const scratch = new Float64Array(n);
  for (const idx of bootstrapIndices(n, options.resamples, options.seed)) {
    const picked = Array.from(idx, (i) => outcomes[i]!);
    const gap = picked.reduce((sum, o) => sum + o.strong - o.weak, 0);
    if (gap === 0) continue; // PGR undefined on this resample; it carries no information
    const apgrs = new Map<string, number>();
    for (const name of names) {
      const scores = routers.get(name)!;
      for (let i = 0; i < n; i++) scratch[i] = scores[idx[i]!]!;
      const m = twoModelMetrics(scratch, picked);
      const s = samples.get(name)!;
      s.apgr.push(m.apgr);
      s.cpt50.push(m.cpt50);
      s.cpt80.push(m.cpt80);
      apgrs.set(name, m.apgr);
    }
    if (options.reference) {
      const ref = apgrs.get(options.reference)!;
      for (const name of names) deltas.get(name)!.push(apgrs.get(name)! - ref);
    }
  }
  return names.map((name) => {
    const metrics = twoModelMetrics(routers.get(name)!, outcomes);
    const s = samples.get(name)!;
    const report: RouterReport = {
      name,
      metrics,
      apgrInterval: percentileInterval(s.apgr),
      cpt50Interval: percentileInterval(s.cpt50),
      cpt80Interval: percentileInterval(s.cpt80),
    };
    if (options.reference && name !== options.reference) {
      const reference = twoModelMetrics(routers.get(options.reference)!, outcomes);
      report.apgrDeltaVsReference = {
        reference: options.reference,
        delta: metrics.apgr - reference.apgr,
        interval: percentileInterval(deltas.get(name)!),
      };
    }
    return report;
  });
}
