// At saturation: autocannon with a fixed number of connections and no rate cap, for a few seconds per
// target, in rounds that take the targets in turn (as issue 19 measured: c=32, two rounds). Reports
// requests per second and the gateway process's CPU per request from /proc (utime + stime), which
// bounds what one core can serve: req/s per core = 1000 / CPU ms per request.
import autocannon from "autocannon";
import type { Target } from "./http-client.ts";
import { requestsPerCore } from "./own-time.ts";

export interface SaturationSample {
  requestsPerSecond: number;
  cpuMsPerRequest: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

export interface SaturationResult {
  name: string;
  rounds: SaturationSample[];
  /** Over all rounds: total requests / total seconds, total CPU / total requests. */
  requestsPerSecond: number;
  cpuMsPerRequest: number;
  requestsPerCore: number;
}

export async function saturation(
  targets: readonly { target: Target; cpuMs?: () => number }[],
  options: { rounds: number; connections: number; seconds: number; warmupSeconds: number },
): Promise<SaturationResult[]> {
  const run = async (target: Target, seconds: number) => {
    const url = new URL(target.url);
    const result = await autocannon({
      url: url.origin,
      connections: options.connections,
      duration: seconds,
      timeout: 30,
      requests: [
        {
          method: "POST",
          path: url.pathname,
          headers: { "content-type": "application/json", ...target.headers },
          body: target.body,
        },
      ],
    });
    const failed = result.non2xx + result.errors + result.timeouts;
    if (failed > 0)
      throw new Error(`${target.name}: ${failed} of ${result.requests.total} requests failed at saturation`);
    return result;
  };
  const totals = targets.map(() => ({ requests: 0, seconds: 0, cpuMs: 0, rounds: [] as SaturationSample[] }));
  for (const { target } of targets) await run(target, options.warmupSeconds);
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, { target, cpuMs }] of targets.entries()) {
      const cpu0 = cpuMs?.() ?? 0;
      const result = await run(target, options.seconds);
      const cpu = (cpuMs?.() ?? 0) - cpu0;
      // autocannon's `duration` is the measured wall time in seconds.
      const requests = result.requests.total;
      const sample: SaturationSample = {
        requestsPerSecond: requests / result.duration,
        cpuMsPerRequest: cpuMs ? cpu / requests : Number.NaN,
        latencyP50Ms: result.latency.p50,
        latencyP99Ms: result.latency.p99,
      };
      const total = totals[i]!;
      total.requests += requests;
      total.seconds += result.duration;
      total.cpuMs += cpu;
      total.rounds.push(sample);
    }
  }
  return targets.map(({ target, cpuMs }, i) => {
    const total = totals[i]!;
    const cpuMsPerRequest = cpuMs ? total.cpuMs / total.requests : Number.NaN;
    return {
      name: target.name,
      rounds: total.rounds,
      requestsPerSecond: total.requests / total.seconds,
      cpuMsPerRequest,
      requestsPerCore: requestsPerCore(cpuMsPerRequest),
    };
  });
}
