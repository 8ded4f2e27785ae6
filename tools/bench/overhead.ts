// Interleaved-rounds latency comparison (METHODS.md §2): per round, every target in turn sends
// `perRound` requests at concurrency 1 on its own keep-alive connection; a target's overhead is
// the median over rounds of (its round median − the baseline's round median), so slow drift of a
// noisy machine hits all targets of a round alike.
import type { Agent } from "node:http";
import { sendOk, type Reply, type Target } from "./http-client.ts";
import { median, summarize, type Summary } from "../lib/stats.ts";

export interface RoundsOptions {
  rounds: number;
  perRound: number;
  warmup: number;
  /** Which reply time to compare: the whole response or the first answer token. */
  metric: (reply: Reply) => number;
  /** Called with every reply of the first warm-up request per target (header checks). */
  check?: (target: Target, reply: Reply) => void;
  /** How to send (default: sendOk, which insists on HTTP 200). */
  send?: (target: Target, agent: Agent) => Promise<Reply>;
}

export interface TargetResult {
  name: string;
  /** All timed samples pooled (ms). */
  latency: Summary;
  roundMediansMs: number[];
  /** Per-round median minus the baseline's, ms. */
  roundDiffsMs: number[];
  /** Median of roundDiffsMs (ms); 0 for the baseline. */
  overheadMs: number;
  /** Pooled p99 minus the baseline's pooled p99 (ms). */
  overheadP99Ms: number;
  /** Pooled samples for plots, sorted (ms). */
  samples: number[];
}

export async function interleavedRounds(
  targets: readonly Target[],
  agents: ReadonlyMap<string, Agent>,
  options: RoundsOptions,
): Promise<TargetResult[]> {
  const agent = (t: Target) => agents.get(t.name)!;
  const send = options.send ?? sendOk;
  for (const target of targets) {
    const first = await send(target, agent(target));
    options.check?.(target, first);
    for (let i = 1; i < options.warmup; i++) await send(target, agent(target));
  }
  const samples = new Map(targets.map((t) => [t.name, [] as number[]]));
  const roundMedians = new Map(targets.map((t) => [t.name, [] as number[]]));
  for (let round = 0; round < options.rounds; round++) {
    for (const target of targets) {
      const times: number[] = [];
      for (let i = 0; i < options.perRound; i++) {
        const value = options.metric(await send(target, agent(target)));
        if (!Number.isFinite(value)) throw new Error(`${target.name}: no measurable value in a reply`);
        times.push(value);
      }
      samples.get(target.name)!.push(...times);
      roundMedians.get(target.name)!.push(median(times));
    }
  }
  const baseline = targets[0]!.name;
  const baseMedians = roundMedians.get(baseline)!;
  const baseSummary = summarize(samples.get(baseline)!);
  return targets.map((target) => {
    const medians = roundMedians.get(target.name)!;
    const diffs = medians.map((m, i) => m - baseMedians[i]!);
    const latency = summarize(samples.get(target.name)!);
    return {
      name: target.name,
      latency,
      roundMediansMs: medians,
      roundDiffsMs: diffs,
      overheadMs: median(diffs),
      overheadP99Ms: latency.p99 - baseSummary.p99,
      samples: [...samples.get(target.name)!].sort((a, b) => a - b),
    };
  });
}
