// Triage's own time: what it adds on top of the bare workerd proxy (tools/bench/proxy-worker.js)
// measured in the same interleaved run, so the runtime's own cost of a proxied call drops out.
// Per round: the target's round median minus the proxy's; the median over rounds is the figure,
// the pooled p99 difference the spread. Per-core throughput turns CPU per request into requests
// per second one core could serve.
import { median } from "../lib/stats.ts";

export interface RoundsResult {
  roundMediansMs: number[];
  latency: { p99: number };
}

export interface OwnTime {
  /** Median over rounds of (target's round median − the floor's round median), ms. */
  medianMs: number;
  /** Those per-round differences, ms. */
  roundDiffsMs: number[];
  /** Pooled p99 of the target minus the floor's pooled p99, ms. */
  p99Ms: number;
}

export function ownTime(target: RoundsResult, floor: RoundsResult): OwnTime {
  if (target.roundMediansMs.length !== floor.roundMediansMs.length)
    throw new Error("own time needs the target and the floor measured in the same rounds");
  const roundDiffsMs = target.roundMediansMs.map((m, i) => m - floor.roundMediansMs[i]!);
  return { medianMs: median(roundDiffsMs), roundDiffsMs, p99Ms: target.latency.p99 - floor.latency.p99 };
}

/** Requests per second one core serves when each request costs `cpuMsPerRequest` of CPU. */
export function requestsPerCore(cpuMsPerRequest: number): number {
  return 1000 / cpuMsPerRequest;
}
