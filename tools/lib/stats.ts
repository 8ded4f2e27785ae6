// Summary statistics of benchmark samples (in whatever unit they are given).

export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export function summarize(samples: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const s of sorted) sum += s;
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    p999: percentile(sorted, 0.999),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sum / sorted.length,
  };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Microseconds per call of `fn`, `runs` timed calls after `warmup` untimed ones (warm JIT). */
export function timeCalls(fn: () => unknown, warmup: number, runs: number): Float64Array {
  for (let i = 0; i < warmup; i++) fn();
  const samples = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  return samples;
}

/**
 * Percentiles of a benchmark measured in rounds: each percentile is the median over the rounds of
 * that round's percentile, so one round that a burst of machine load hit (another process, a GC
 * burst, an interrupt) does not set the tail on its own. n, max and mean are over all samples;
 * `pooled` is the summary of all samples together, `p99ByRound` each round's p99.
 */
export interface RoundsSummary extends Summary {
  rounds: number;
  pooled: Summary;
  p99ByRound: number[];
}

export function summarizeRounds(rounds: readonly ArrayLike<number>[]): RoundsSummary {
  const each = rounds.map(summarize);
  const all = new Float64Array(each.reduce((n, s) => n + s.n, 0));
  let at = 0;
  for (const round of rounds) {
    all.set(Array.from(round), at);
    at += round.length;
  }
  const pooled = summarize(all);
  const mid = (pick: (s: Summary) => number) => median(each.map(pick));
  return {
    n: pooled.n,
    p50: mid((s) => s.p50),
    p90: mid((s) => s.p90),
    p99: mid((s) => s.p99),
    p999: mid((s) => s.p999),
    max: pooled.max,
    mean: pooled.mean,
    rounds: rounds.length,
    pooled,
    p99ByRound: each.map((s) => s.p99),
  };
}
