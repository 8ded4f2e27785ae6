// Writes docs/load.md from the saved load results (docs/bench/load.json, docs/bench/load-soak.json).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { format, resolveConfig } from "prettier";

export interface MemoryStats {
  startMb: number;
  endMb: number;
  maxMb: number;
  /** Least-squares slope over the phase. */
  slopeMbPerMin: number;
  /** (mean of the last 10 % of samples) / (mean of the first 10 %) − 1. */
  growth: number;
  /** [seconds into the phase, MB], every 5 s. */
  samples: [number, number][];
}

export interface Phase {
  name: string;
  target: "router" | "direct";
  targetRps: number;
  durationS: number;
  connections: number;
  achievedRps: number;
  requests: number;
  answered: number;
  wellFormedErrors: number;
  lost: number;
  connectionErrors: number;
  timeouts: number;
  statuses: Record<string, number>;
  lostSamples: string[];
  latencyMs: { p50: number; p90: number; p99: number; p99_9: number; max: number; mean: number };
  /** workerd only (router phases). */
  memory?: MemoryStats;
  cpuMsPerRequest?: number;
  cpuPercent?: number;
  faults?: Record<string, number>;
}

export interface LoadResult {
  kind: "load" | "soak";
  command: string;
  date: string;
  machine: { cpu: string; cores: number; node: string; workerd: string; autocannon: string };
  method: string;
  phases: Phase[];
}

/** Least-squares slope (MB/min) of the samples' second half: growth once the heap has settled. */
export function steadySlope(samples: [number, number][]): number {
  const half = samples.slice(Math.floor(samples.length / 2));
  if (half.length < 2) return 0;
  const mt = half.reduce((a, [t]) => a + t, 0) / half.length;
  const mv = half.reduce((a, [, v]) => a + v, 0) / half.length;
  const cov = half.reduce((a, [t, v]) => a + (t - mt) * (v - mv), 0);
  const varT = half.reduce((a, [t]) => a + (t - mt) ** 2, 0);
  return varT > 0 ? (cov / varT) * 60 : 0;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "—");
const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(2)} %` : "—");

function phaseTable(phases: Phase[]): string {
  const rows = phases.map((p) => {
    const direct = phases.find((d) => d.target === "direct" && d.targetRps === p.targetRps);
    const overhead = p.target === "router" && direct ? fmt(p.latencyMs.p50 - direct.latencyMs.p50, 2) : "";
    const ratio = p.target === "router" && direct ? fmt(p.latencyMs.p99 / direct.latencyMs.p99, 2) : "";
    return [
      p.name,
      p.targetRps,
      fmt(p.achievedRps),
      p.requests,
      pct(p.answered, p.requests),
      p.wellFormedErrors,
      p.lost + p.connectionErrors,
      fmt(p.latencyMs.p50, 2),
      fmt(p.latencyMs.p99, 2),
      fmt(p.latencyMs.p99_9, 2),
      overhead,
      ratio,
      p.cpuMsPerRequest !== undefined ? fmt(p.cpuMsPerRequest, 3) : "",
      p.memory
        ? `${fmt(p.memory.startMb, 0)} → ${fmt(p.memory.endMb, 0)} (max ${fmt(p.memory.maxMb, 0)}; ${fmt(p.memory.slopeMbPerMin, 1)}/min, second half ${fmt(steadySlope(p.memory.samples), 1)}/min)`
        : "",
    ].join(" | ");
  });
  return [
    "| phase | target rps | achieved rps | requests | answered | well-formed errors | lost | p50 ms | p99 ms | p99.9 ms | p50 overhead vs direct ms | p99 ratio vs direct | workerd CPU ms/req | workerd RSS MB |",
    "| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --- |",
    ...rows.map((r) => `| ${r} |`),
  ].join("\n");
}

function section(result: LoadResult, title: string): string {
  const faults = result.phases.find((p) => p.faults)?.faults;
  return [
    `## ${title}`,
    "",
    `\`${result.command}\` — ${result.date}. ${result.machine.cpu} (${result.machine.cores} cores, shared with other jobs), Node ${result.machine.node}, workerd ${result.machine.workerd}, autocannon ${result.machine.autocannon}.`,
    "",
    result.method,
    "",
    phaseTable(result.phases),
    "",
    ...(faults ? [`Upstream faults injected by the mock during the soak: \`${JSON.stringify(faults)}\`.`, ""] : []),
    ...result.phases
      .filter((p) => p.lostSamples.length > 0)
      .map((p) => `Lost in ${p.name}: ${p.lostSamples.map((s) => `\`${s.replace(/`/g, "'")}\``).join("; ")}`),
  ].join("\n");
}

export async function writeLoadMarkdown(path = "docs/load.md"): Promise<void> {
  const read = (file: string) =>
    existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as LoadResult) : undefined;
  const load = read("docs/bench/load.json");
  const soak = read("docs/bench/load-soak.json");
  const parts = [
    "# Load and soak",
    "",
    "The built Worker (`wrangler deploy --dry-run --outdir`) served by bare workerd (tools/bench/workerd-server.ts: in-memory KV,",
    "SQLite Durable Objects on a temp directory), keys mode with one client key that has a rate limit and a budget (so the",
    "usage gate and its KeyUsage Durable Object are on the path), every provider pointed at the mock upstream (a separate Node",
    "process). Load from autocannon in the benchmark's own process. All traffic stays on 127.0.0.1.",
    "",
    "**Lost** = no response (connection error, reset, or nothing within 30 s), or a response that is neither a complete answer",
    "(200 + `chat.completion` JSON with choices; 200 + SSE ending `data: [DONE]`) nor a well-formed error (status ≥ 400 with the",
    "OpenAI error envelope; a stream ending with an SSE error event). Memory: workerd's RSS sampled every second.",
    "",
    "How to read it: latencies are measured by the client and include both loopback hops and the load generator, on a",
    "2-vCPU VM that also runs the mock and autocannon; an idle vCPU wakes slowly (a trivial workerd worker answering one",
    "request every 20 ms showed p99 33 ms there), which inflates tails at low rates. workerd runs the router, its three",
    'Durable Object classes and the KV service in one process, so "workerd CPU ms/req" includes that work and the',
    "Durable Objects' latency is local (in production they are separate machines, and usually farther away). Heap size",
    "follows the request rate: RSS steps up with each higher rate, then holds (see the soak's second-half slope).",
    "",
    load ? section(load, "Fixed rates (60 s each)") : "_No fixed-rate run saved yet: `npm run bench:load`._",
    "",
    soak ? section(soak, "Soak (5 % upstream faults)") : "_No soak run saved yet: `npm run bench:load -- --soak`._",
    "",
  ];
  // Formatted as `npm run format` would, so the lint check stays green after a run.
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(parts.join("\n"), { ...options, filepath: path }));
}
