// `npm run bench:load`: the built Worker in bare workerd against the mock upstream, driven by
// autocannon at fixed rates (open loop: a rate cap over enough connections, with autocannon's
// coordinated-omission correction), each rate also measured straight against the mock as the
// baseline of the same run. `-- --soak`: 10 minutes at one rate with 5 % injected upstream faults.
// Saves docs/bench/load.json (or load-soak.json) and rewrites docs/load.md. Benchmarks, not tests.
//
//   --rates 100,300,500   --duration 60   --baseline-duration 20   --warmup 30
//   --soak [--soak-rate 200] [--soak-duration 600]
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { freePort } from "../../test/node/free-port.ts";
import { directRequests, newTally, routerRequests, type Tally } from "./load-requests.ts";
import { writeLoadMarkdown, type LoadResult, type MemoryStats, type Phase } from "./load-report.ts";
import {
  buildBundle,
  processUsage,
  removeBundle,
  serveBundle,
  workerdVersion,
  type RunningWorkerd,
} from "./workerd-server.ts";

const args = process.argv.slice(2);
const { values } = parseArgs({
  args,
  options: {
    soak: { type: "boolean", default: false },
    "soak-rate": { type: "string", default: "200" },
    rates: { type: "string", default: "100,300,500" },
    "soak-duration": { type: "string", default: "600" },
    duration: { type: "string", default: "60" },
    "baseline-duration": { type: "string", default: "20" },
    warmup: { type: "string", default: "30" },
  },
});
const soak = values.soak;
const rates = soak ? [Number(values["soak-rate"])] : values.rates.split(",").map(Number);
const duration = Number(soak ? values["soak-duration"] : values.duration);
const baselineDuration = Number(values["baseline-duration"]);
const warmup = Number(values.warmup);
const ADMIN = `bench-admin-${crypto.randomUUID()}`;
const SOAK_FAULT_RULES = [
  // Each rule rolls on its own, in order: about 5 % of upstream requests get one of these.
  { fault: { type: "status", status: 500 }, probability: 0.02 },
  { fault: { type: "status", status: 503, headers: { "retry-after": "1" } }, probability: 0.01 },
  { fault: { type: "reset" }, probability: 0.01 },
  { fault: { type: "malformed" }, probability: 0.01 },
];

async function startMock(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["test/mock-upstream/main.ts", String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`mock upstream exited (${code})`)));
  });
  child.stdout!.resume();
  return { url: `http://127.0.0.1:${port}`, child };
}

function memoryStats(samples: { t: number; rss: number }[]): MemoryStats {
  const mb = samples.map((s) => ({ t: s.t / 60_000, v: s.rss / 1048576 }));
  const n = mb.length;
  const tenth = Math.max(1, Math.floor(n / 10));
  const mean = (xs: { v: number }[]) => xs.reduce((a, x) => a + x.v, 0) / xs.length;
  const mt = mb.reduce((a, x) => a + x.t, 0) / n;
  const mv = mean(mb);
  const slope =
    mb.reduce((a, x) => a + (x.t - mt) * (x.v - mv), 0) / (mb.reduce((a, x) => a + (x.t - mt) ** 2, 0) || 1);
  return {
    startMb: mb[0]!.v,
    endMb: mb[n - 1]!.v,
    maxMb: Math.max(...mb.map((x) => x.v)),
    slopeMbPerMin: slope,
    growth: mean(mb.slice(-tenth)) / mean(mb.slice(0, tenth)) - 1,
    samples: samples
      .filter((_, i) => i % 5 === 0 || i === n - 1)
      .map((s) => [Math.round(s.t / 1000), Math.round((s.rss / 1048576) * 10) / 10]),
  };
}

interface PhaseSpec {
  name: string;
  target: "router" | "direct";
  url: string;
  rps: number;
  seconds: number;
  requests: (tally: Tally) => Parameters<typeof autocannon>[0]["requests"];
  router?: RunningWorkerd;
}

async function runPhase(spec: PhaseSpec): Promise<Phase> {
  const tally = newTally();
  // Each connection sends at most one request at a time, so the rate holds while latency stays
  // under connections / rate (40 ms here; autocannon corrects latencies for coordinated omission).
  // More connections than that cost the client itself: at 100 rps, 60 timer-driven connections
  // raised even a trivial workerd response's p50 from 0-1 ms to 4-5 ms on this machine.
  const connections = Math.max(4, Math.ceil(spec.rps / 25));
  const samples: { t: number; rss: number }[] = [];
  const started = Date.now();
  const before = spec.router ? processUsage(spec.router.pid) : undefined;
  const sampler = spec.router
    ? setInterval(() => samples.push({ t: Date.now() - started, rss: processUsage(spec.router!.pid).rssBytes }), 1000)
    : undefined;
  if (spec.router) samples.push({ t: 0, rss: before!.rssBytes });
  const result = await autocannon({
    url: spec.url,
    connections,
    duration: spec.seconds,
    overallRate: spec.rps,
    timeout: 30,
    requests: spec.requests(tally),
  });
  if (sampler) clearInterval(sampler);
  const after = spec.router ? processUsage(spec.router.pid) : undefined;
  const completed = tally.answered + tally.wellFormedErrors + tally.lost;
  const phase: Phase = {
    name: spec.name,
    target: spec.target,
    targetRps: spec.rps,
    durationS: spec.seconds,
    connections,
    achievedRps: completed / ((result.finish.getTime() - result.start.getTime()) / 1000),
    requests: completed + result.errors,
    answered: tally.answered,
    wellFormedErrors: tally.wellFormedErrors,
    lost: tally.lost,
    connectionErrors: result.errors,
    timeouts: result.timeouts,
    statuses: tally.statuses,
    lostSamples: tally.lostSamples,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      p99_9: result.latency.p99_9,
      max: result.latency.max,
      mean: result.latency.mean,
    },
  };
  if (spec.router && before && after) {
    samples.push({ t: Date.now() - started, rss: after.rssBytes });
    phase.memory = memoryStats(samples);
    phase.cpuMsPerRequest = (after.cpuMs - before.cpuMs) / Math.max(1, completed);
    phase.cpuPercent = (100 * (after.cpuMs - before.cpuMs)) / (Date.now() - started);
  }
  const p = phase;
  console.log(
    `${p.name}: ${p.achievedRps.toFixed(1)}/${p.targetRps} rps, ${p.requests} requests, answered ${p.answered}, errors ${p.wellFormedErrors}, lost ${p.lost + p.connectionErrors}, p50 ${p.latencyMs.p50} ms, p99 ${p.latencyMs.p99} ms` +
      (p.memory
        ? `, RSS ${p.memory.startMb.toFixed(0)}→${p.memory.endMb.toFixed(0)} MB, CPU ${p.cpuMsPerRequest?.toFixed(3)} ms/req`
        : ""),
  );
  return phase;
}

async function main() {
  const mock = await startMock();
  const scenario = soak ? "soak" : undefined;
  if (scenario) {
    await fetch(`${mock.url}/__mock/scenarios/${scenario}`, {
      method: "PUT",
      body: JSON.stringify({ rules: SOAK_FAULT_RULES, seed: 6, keepRequests: false }),
    });
  }
  const bundle = buildBundle();
  // Never leave workerd or the mock behind, whatever ends this process.
  const abandon = () => {
    mock.child.kill("SIGKILL");
    removeBundle(bundle);
  };
  process.once("exit", abandon);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
  const router = await serveBundle(bundle, {
    vars: {
      ROUTER_AUTH: "keys",
      ADMIN_TOKEN: ADMIN,
      DEV_UPSTREAM_URL: scenario ? `${mock.url}/s/${scenario}` : mock.url,
    },
  });
  try {
    const minted = await fetch(`${router.base}/admin/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "load",
        policy: { rate_limit: { requests: 1_000_000, period_seconds: 60 }, budget_usd: { daily: 1_000_000 } },
      }),
    });
    const { key } = (await minted.json()) as { key: string };
    const viaRouter = (tally: Tally) => routerRequests(key, tally);
    console.log(`workerd ${workerdVersion()} pid ${router.pid} on ${router.base}; mock on ${mock.url}`);
    await runPhase({
      name: "warm-up",
      target: "router",
      url: router.base,
      rps: rates[0]!,
      seconds: warmup,
      requests: viaRouter,
      router,
    });

    const phases: Phase[] = [];
    for (const rps of rates) {
      if (!soak) {
        phases.push(
          await runPhase({
            name: `direct ${rps}`,
            target: "direct",
            url: mock.url,
            rps,
            seconds: baselineDuration,
            requests: directRequests,
          }),
        );
      }
      phases.push(
        await runPhase({
          name: `${soak ? "soak" : "router"} ${rps}`,
          target: "router",
          url: router.base,
          rps,
          seconds: duration,
          requests: viaRouter,
          router,
        }),
      );
    }
    if (scenario)
      phases.at(-1)!.faults = (await (
        await fetch(`${mock.url}/__mock/scenarios/${scenario}/summary`)
      ).json()) as Record<string, number>;

    const result: LoadResult = {
      kind: soak ? "soak" : "load",
      command: `npm run bench:load${args.length ? ` -- ${args.join(" ")}` : ""}`,
      date: new Date().toISOString(),
      machine: {
        cpu: cpus()[0]?.model ?? "unknown",
        cores: cpus().length,
        node: process.version,
        workerd: workerdVersion(),
        autocannon: (JSON.parse(readFileSync("node_modules/autocannon/package.json", "utf8")) as { version: string })
          .version,
      },
      method: soak
        ? `One rate for ${duration} s after a ${warmup} s warm-up, ~5 % of upstream requests faulted by the mock (500, 503 + retry-after, connection reset, truncated JSON/SSE; seeded). Dispatch falls back to the next candidate.`
        : `Per rate: ${baselineDuration} s straight to the mock (baseline, concrete model) then ${duration} s through the router, after one ${warmup} s warm-up. ${rates.join(", ")} rps; connections = max(4, rate / 25), the same for the baseline. Latencies include the load generator's own overhead (same client, same connections for both targets), in whole milliseconds as autocannon reports them.`,
      phases,
    };
    writeFileSync(`docs/bench/${soak ? "load-soak" : "load"}.json`, `${JSON.stringify(result, null, 2)}\n`);
    await writeLoadMarkdown();
    console.log(`saved docs/bench/${soak ? "load-soak" : "load"}.json and docs/load.md`);
  } finally {
    await router.stop();
    mock.child.kill("SIGTERM");
    removeBundle(bundle);
  }
}

await main();
