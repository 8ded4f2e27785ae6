// Closed-loop throughput and CPU cost per request: `concurrency` clients each send requests
// back to back until `requests` are done. CPU time is read from /proc for the processes given
// (the gateway, and the mock so its share can be told apart). Not a load test (see issue 6's
// open-loop bench): it answers "how much CPU does one request cost this gateway".
import { keepAliveAgent, sendOk, type Target } from "./http-client.ts";
import { summarize, type Summary } from "../lib/stats.ts";

export interface ThroughputResult {
  name: string;
  requests: number;
  concurrency: number;
  requestsPerSecond: number;
  latency: Summary;
  /** CPU ms per request of each measured process, by label. */
  cpuMsPerRequest: Record<string, number>;
}

export async function closedLoop(
  target: Target,
  options: { requests: number; concurrency: number; warmup: number; processes: Record<string, () => number> },
): Promise<ThroughputResult> {
  const agent = keepAliveAgent(options.concurrency);
  const run = async (count: number, times?: number[]) => {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next++;
        const reply = await sendOk(target, agent);
        times?.push(reply.totalMs);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  };
  await run(options.warmup);
  const cpuBefore = Object.fromEntries(Object.entries(options.processes).map(([k, read]) => [k, read()]));
  const times: number[] = [];
  const started = performance.now();
  await run(options.requests, times);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    name: target.name,
    requests: options.requests,
    concurrency: options.concurrency,
    requestsPerSecond: options.requests / seconds,
    latency: summarize(times),
    cpuMsPerRequest: Object.fromEntries(
      Object.entries(options.processes).map(([k, read]) => [k, (read() - cpuBefore[k]!) / options.requests]),
    ),
  };
}
