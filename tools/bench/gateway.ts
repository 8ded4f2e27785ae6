// `npm run bench:gateway`: Triage against a direct call and against Portkey's gateway, all on
// loopback in the same run (METHODS.md §2). Triage is the `wrangler deploy --dry-run` bundle on
// bare workerd; Portkey is @portkey-ai/gateway's Node server; both send to the same mock upstream.
//   1. overhead: interleaved rounds, concurrency 1 (direct, workerd proxy floor, Triage with a
//      concrete model, Triage with model "auto", Portkey);
//   2. streaming: time to the first answer token with a fixed upstream TTFT;
//   3. the decision inside workerd, seen from outside: /v1/route (auto vs a concrete model) vs a 404;
//   4. throughput and CPU time per request (closed loop);
//   5. saturation: autocannon, 32 connections, no rate cap, two rounds: req/s and CPU per request;
//   6. cold start of the full and the lite bundle (and of Portkey).
// `--before <git rev>` also builds that revision's deploy bundle (tools/bench/revision-bundle.ts)
// and serves it next to the current one: "triage before (model)" and "triage before (auto)" join
// the overhead, streaming, throughput and saturation phases, interleaved, and the cold start.
// Triage's own time (minus the workerd proxy in the same rounds) is computed for every Triage target.
// Writes docs/bench/gateway.json. Options: --rounds 7 --per-round 300 --warmup 200
// --stream-rounds 7 --stream-per-round 100 --ttft-ms 20 --throughput 3000 --concurrency 8 --cold 5
// --saturation-seconds 10 --saturation-rounds 2 --saturation-connections 32 [--before 4b53fce]
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { benchPrompt } from "../lib/bench-prompts.ts";
import {
  chatTargets,
  packageVersion,
  setMockRules,
  startMock,
  startPortkey,
  startProxyWorker,
  startTriage,
  type Proc,
} from "./gateways.ts";
import { keepAliveAgent, send, sendOk, type Reply, type Target } from "./http-client.ts";
import { interleavedRounds, type TargetResult } from "./overhead.ts";
import { machine } from "./machine.ts";
import { median } from "../lib/stats.ts";
import { ownTime, type RoundsResult } from "./own-time.ts";
import { buildRevisionBundles, gzipTotal } from "./revision-bundle.ts";
import { saturation } from "./saturation.ts";
import { closedLoop } from "./throughput.ts";
import { buildBundle, removeBundle, workerdVersion, type BuiltBundle } from "./workerd-server.ts";

const NUMBER_OPTIONS = [
  "rounds",
  "per-round",
  "warmup",
  "stream-rounds",
  "stream-per-round",
  "ttft-ms",
  "throughput",
  "concurrency",
  "cold",
  "saturation-seconds",
  "saturation-rounds",
  "saturation-connections",
] as const;
const { values } = parseArgs({
  options: {
    ...(Object.fromEntries(NUMBER_OPTIONS.map((name) => [name, { type: "string" }])) as Record<
      (typeof NUMBER_OPTIONS)[number],
      { type: "string" }
    >),
    before: { type: "string" },
  },
});
const option = (name: (typeof NUMBER_OPTIONS)[number], fallback: number) =>
  values[name] === undefined ? fallback : Number(values[name]);
const ROUNDS = option("rounds", 7);
const PER_ROUND = option("per-round", 300);
const WARMUP = option("warmup", 200);
const STREAM_ROUNDS = option("stream-rounds", 7);
const STREAM_PER_ROUND = option("stream-per-round", 100);
const TTFT_MS = option("ttft-ms", 20);
const THROUGHPUT = option("throughput", 3000);
const CONCURRENCY = option("concurrency", 8);
const COLD_RUNS = option("cold", 5);
const SATURATION = {
  seconds: option("saturation-seconds", 10),
  rounds: option("saturation-rounds", 2),
  connections: option("saturation-connections", 32),
  warmupSeconds: 2,
};
const BEFORE = values.before;
/** Requests per target and round in the /v1/route phase (three prompt sizes). */
const ROUTE_PER_ROUND = 200;
const PROMPT = "Translate to French: the cat sleeps on the warm windowsill.";

const log = (message: string) => console.error(`[bench:gateway] ${message}`);
const load = () => loadavg().map((x) => Number(x.toFixed(2)));

function checkReply(target: Target, reply: Reply): void {
  if (target.name.startsWith("triage")) {
    const model = String(reply.headers["x-router-model"] ?? "");
    if (!model) throw new Error(`${target.name}: no x-router-model header`);
    if (target.name.endsWith("(model)") && model !== "openai/gpt-4.1-nano") throw new Error(`served ${model}`);
  }
  if (!reply.body.includes("Mock answer from")) throw new Error(`${target.name}: not the mock's answer`);
}

const slim = (results: TargetResult[]) =>
  results.map(({ samples, ...rest }) => ({
    ...rest,
    // Enough points for a distribution plot, not every sample.
    quantiles: Array.from(
      { length: 101 },
      (_, i) => samples[Math.min(samples.length - 1, Math.floor((i / 100) * (samples.length - 1)))],
    ),
  }));

async function overheadPhase(targets: Target[]) {
  log(`overhead: ${ROUNDS} rounds × ${PER_ROUND} requests per target after ${WARMUP} warm-ups, concurrency 1`);
  const agents = new Map(targets.map((t) => [t.name, keepAliveAgent()]));
  const loadBefore = load();
  const results = await interleavedRounds(targets, agents, {
    rounds: ROUNDS,
    perRound: PER_ROUND,
    warmup: WARMUP,
    metric: (reply) => reply.totalMs,
    check: checkReply,
  });
  for (const a of agents.values()) a.destroy();
  for (const r of results)
    log(`  ${r.name.padEnd(22)} p50 ${r.latency.p50.toFixed(3)} ms, overhead ${r.overheadMs.toFixed(3)} ms`);
  return { loadBefore, loadAfter: load(), results: slim(results) };
}

async function streamingPhase(targets: Target[], mockBase: string) {
  log(`streaming: upstream TTFT ${TTFT_MS} ms, ${STREAM_ROUNDS} rounds × ${STREAM_PER_ROUND}`);
  await setMockRules(mockBase, [{ fault: { type: "ttft", ms: TTFT_MS } }]);
  const agents = new Map(targets.map((t) => [t.name, keepAliveAgent()]));
  const loadBefore = load();
  const results = await interleavedRounds(targets, agents, {
    rounds: STREAM_ROUNDS,
    perRound: STREAM_PER_ROUND,
    warmup: 20,
    metric: (reply) => reply.ttftMs ?? Number.NaN,
    check: (target, reply) => {
      if (!reply.body.trimEnd().endsWith("data: [DONE]"))
        throw new Error(`${target.name}: stream did not end with [DONE]`);
    },
  });
  for (const a of agents.values()) a.destroy();
  await setMockRules(mockBase, []);
  for (const r of results)
    log(`  ${r.name.padEnd(22)} TTFT p50 ${r.latency.p50.toFixed(3)} ms, overhead ${r.overheadMs.toFixed(3)} ms`);
  return { ttftMs: TTFT_MS, loadBefore, loadAfter: load(), results: slim(results) };
}

/** The decision in workerd, from outside: the same body to a 404, to /v1/route with a model, with auto. */
async function routePhase(triage: Proc) {
  const out = [];
  for (const bytes of [256, 4096, 32768]) {
    const content = benchPrompt("ascii", bytes);
    const body = (model: string) => JSON.stringify({ model, messages: [{ role: "user", content }] });
    const targets: Target[] = [
      { name: "404 (same body)", url: `${triage.base}/v1/nothing-here`, headers: {}, body: body("auto") },
      { name: "route (model)", url: `${triage.base}/v1/route`, headers: {}, body: body("openai/gpt-4.1-nano") },
      { name: "route (auto)", url: `${triage.base}/v1/route`, headers: {}, body: body("auto") },
    ];
    const agents = new Map(targets.map((t) => [t.name, keepAliveAgent()]));
    const results = await interleavedRounds(targets, agents, {
      rounds: ROUNDS,
      perRound: ROUTE_PER_ROUND,
      warmup: 100,
      metric: (reply) => reply.totalMs,
      // The baseline is a 404 on purpose; everything else must succeed.
      send: async (target, agent) => {
        const reply = await send(target, agent);
        const expected = target === targets[0] ? 404 : 200;
        if (reply.status !== expected) throw new Error(`${target.name}: HTTP ${reply.status}`);
        return reply;
      },
    });
    // Which stage decided (an uncertain prompt is handed to the ONNX classifier, warm by now).
    const stage = (JSON.parse((await send(targets[2]!, agents.get("route (auto)")!)).body) as { stage: string }).stage;
    for (const a of agents.values()) a.destroy();
    log(
      `  route ${bytes} B: auto − model ${(results[2]!.overheadMs - results[1]!.overheadMs).toFixed(3)} ms (${stage})`,
    );
    out.push({ bytes, stage, results: results.map(({ samples, ...rest }) => rest) });
  }
  return out;
}

/** The gateway process that serves a target (none for direct). */
function ownerOf(name: string, procs: Procs): Proc | undefined {
  if (name === "workerd proxy") return procs.proxy;
  if (name === "portkey") return procs.portkey;
  if (name.startsWith("triage before")) return procs.before;
  if (name.startsWith("triage")) return procs.triage;
  return undefined;
}

async function throughputPhase(targets: Target[], procs: Procs, mock: Proc) {
  log(`throughput: ${THROUGHPUT} requests per target, concurrency ${CONCURRENCY}`);
  const results = [];
  for (const target of targets) {
    const gateway = ownerOf(target.name, procs);
    const loadBefore = load();
    const result = await closedLoop(target, {
      requests: THROUGHPUT,
      concurrency: CONCURRENCY,
      warmup: 300,
      processes: { mock: mock.cpuMs, ...(gateway ? { gateway: gateway.cpuMs } : {}) },
    });
    log(
      `  ${target.name.padEnd(22)} ${result.requestsPerSecond.toFixed(0)} req/s, gateway CPU ${(result.cpuMsPerRequest.gateway ?? 0).toFixed(3)} ms/req`,
    );
    results.push({ ...result, loadBefore, loadAfter: load() });
  }
  return results;
}

async function saturationPhase(targets: Target[], procs: Procs) {
  log(
    `saturation: autocannon, ${SATURATION.connections} connections, ${SATURATION.rounds} rounds × ${SATURATION.seconds} s per target`,
  );
  const loadBefore = load();
  const gateways = targets.filter((t) => t.name !== "direct");
  const results = await saturation(
    gateways.map((target) => ({ target, cpuMs: ownerOf(target.name, procs)?.cpuMs })),
    SATURATION,
  );
  for (const r of results)
    log(
      `  ${r.name.padEnd(22)} ${r.requestsPerSecond.toFixed(0)} req/s, CPU ${r.cpuMsPerRequest.toFixed(3)} ms/req = ${r.requestsPerCore.toFixed(0)} req/s per core`,
    );
  return { ...SATURATION, loadBefore, loadAfter: load(), results };
}

/** Triage's own time for every Triage target of a phase: minus the workerd proxy of the same rounds. */
function ownTimes(results: (RoundsResult & { name: string })[]) {
  const floor = results.find((r) => r.name === "workerd proxy")!;
  return Object.fromEntries(results.filter((r) => r.name.startsWith("triage")).map((r) => [r.name, ownTime(r, floor)]));
}

interface ColdSample {
  startupMs: number;
  firstRequestMs: number;
  secondRequestMs: number;
}

interface ColdBuild {
  runs: number;
  start: () => Promise<Proc>;
  target: (proc: Proc) => Target;
}

/** One cold start: spawn → first answer, then the first and second chat request. */
async function coldOnce({ start, target }: ColdBuild): Promise<ColdSample> {
  const proc = await start();
  const agent = keepAliveAgent();
  try {
    const first = await sendOk(target(proc), agent);
    const second = await sendOk(target(proc), agent);
    return { startupMs: proc.startupMs, firstRequestMs: first.totalMs, secondRequestMs: second.totalMs };
  } finally {
    agent.destroy();
    await proc.stop();
  }
}

/** Cold starts of every build, interleaved run by run (a build stops taking part after its `runs`); medians. */
async function coldStarts(builds: Record<string, ColdBuild>) {
  const entries = Object.entries(builds);
  const samples = new Map<string, ColdSample[]>(entries.map(([name]) => [name, []]));
  for (let i = 0; i < Math.max(...entries.map(([, b]) => b.runs)); i++)
    for (const [name, build] of entries) if (i < build.runs) samples.get(name)!.push(await coldOnce(build));
  return Object.fromEntries(
    entries.map(([name, build]) => {
      const own = samples.get(name)!;
      const med = (pick: (s: ColdSample) => number) => median(own.map(pick));
      return [
        name,
        {
          runs: build.runs,
          startupMs: med((s) => s.startupMs),
          firstRequestMs: med((s) => s.firstRequestMs),
          secondRequestMs: med((s) => s.secondRequestMs),
          samples: own,
        },
      ];
    }),
  );
}

interface Procs {
  triage: Proc;
  portkey: Proc;
  proxy: Proc;
  before?: Proc;
}

/**
 * The same pass-through request, but a new conversation every time (a counter in the prompt): the
 * repeated prompt of the other targets is one conversation, whose sticky state an isolate writes
 * once; a new conversation writes its state to a new Durable Object (README "Sticky conversations").
 */
function newConversations(target: Target): Target {
  let count = 0;
  return {
    ...target,
    name: "triage (model, new conversation)",
    nextBody: () => target.body.replace(PROMPT, `${PROMPT} (${count++})`),
  };
}

/** Every target of a phase, in the order each round takes them. */
function phaseTargets(procs: Procs, mockBase: string, stream: boolean): Target[] {
  const bases = { mock: mockBase, triage: procs.triage.base, portkey: procs.portkey.base, proxy: procs.proxy.base };
  const now = chatTargets(bases, PROMPT, stream);
  const then = procs.before ? chatTargets({ ...bases, triage: procs.before.base }, PROMPT, stream) : undefined;
  return [
    now.direct,
    now.workerdProxy,
    now.triageModel,
    now.triageAuto,
    ...(then
      ? [
          { ...then.triageModel, name: "triage before (model)" },
          { ...then.triageAuto, name: "triage before (auto)" },
        ]
      : []),
    now.portkey,
  ];
}

const started = new Date();
const loadAtStart = load();
log(`building the deploy bundles (full and lite) with wrangler deploy --dry-run`);
const full = buildBundle();
const lite = buildBundle({ lite: true });
if (BEFORE) log(`building ${BEFORE}'s deploy bundle in a temporary worktree`);
const revision = BEFORE ? buildRevisionBundles(BEFORE, [{}, { lite: true }]) : undefined;
const [beforeFull, beforeLite] = revision?.bundles ?? [];
const mock = await startMock();
const procs: Procs = {
  triage: await startTriage(full, mock.base),
  portkey: await startPortkey(),
  proxy: await startProxyWorker(mock.base),
  ...(beforeFull ? { before: await startTriage(beforeFull, mock.base) } : {}),
};
try {
  const order = phaseTargets(procs, mock.base, false);
  const conversations = newConversations(order.find((t) => t.name === "triage (model)")!);
  const overhead = await overheadPhase([...order.slice(0, 4), conversations, ...order.slice(4)]);
  const streaming = await streamingPhase(phaseTargets(procs, mock.base, true), mock.base);
  log("decision inside workerd (/v1/route vs a 404, same body)");
  const route = await routePhase(procs.triage);
  const throughput = await throughputPhase(order, procs, mock);
  const saturated = await saturationPhase(order, procs);
  for (const proc of Object.values(procs)) await proc.stop();
  log(`cold start: ${COLD_RUNS} runs per bundle, interleaved`);
  const auto = (proc: Proc) => chatTargets({ mock: mock.base, triage: proc.base, portkey: "" }, PROMPT).triageAuto;
  const triageBuild = (bundle: BuiltBundle): ColdBuild => ({
    runs: COLD_RUNS,
    start: () => startTriage(bundle, mock.base),
    target: auto,
  });
  const cold = await coldStarts({
    full: triageBuild(full),
    lite: triageBuild(lite),
    ...(beforeFull && beforeLite ? { beforeFull: triageBuild(beforeFull), beforeLite: triageBuild(beforeLite) } : {}),
    portkey: {
      runs: Math.min(3, COLD_RUNS),
      start: startPortkey,
      target: (proc: Proc) => chatTargets({ mock: mock.base, triage: "", portkey: proc.base }, PROMPT).portkey,
    },
  });
  const result = {
    date: started.toISOString(),
    durationS: Math.round((Date.now() - started.getTime()) / 1000),
    machine: machine(),
    versions: {
      workerd: workerdVersion(),
      wrangler: packageVersion("wrangler"),
      portkeyGateway: packageVersion("@portkey-ai/gateway"),
      node: process.versions.node,
    },
    loadAverage: { start: loadAtStart, end: load() },
    method: { rounds: ROUNDS, perRound: PER_ROUND, warmup: WARMUP, concurrency: 1, prompt: PROMPT },
    before: revision ? { rev: BEFORE, commit: revision.commit, subject: revision.subject } : null,
    bundleFiles: { full: full.files, lite: lite.files },
    // The lite upload's gzip size of this checkout and of --before, counted the same way.
    liteGzipBytes: { after: gzipTotal(lite), ...(beforeLite ? { before: gzipTotal(beforeLite) } : {}) },
    overhead,
    streaming,
    ownTime: { overhead: ownTimes(overhead.results), streaming: ownTimes(streaming.results) },
    route,
    throughput,
    saturation: saturated,
    cold,
  };
  mkdirSync("docs/bench", { recursive: true });
  writeFileSync("docs/bench/gateway.json", `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote docs/bench/gateway.json (${result.durationS} s)`);
} finally {
  for (const proc of Object.values(procs)) await proc.stop();
  await mock.stop();
  removeBundle(full);
  removeBundle(lite);
  for (const bundle of revision?.bundles ?? []) removeBundle(bundle);
}
