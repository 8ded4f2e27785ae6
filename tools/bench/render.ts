// Renders docs/benchmarks.md and its charts (docs/bench/*.svg) from the benchmark JSON files:
// gateway.json, profile.json and decision.json (this suite), scorer.json, classifier.json,
// bundle-size.json and docs/results/bench-select.json (the per-stage benches). The Targets table is
// issue 19's (tools/bench/targets.ts). Hand-written analysis lives in
// docs/bench/notes.md and is included verbatim. `npm run bench` calls this last;
// `node tools/bench/render.ts` re-renders without measuring.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as prettier from "prettier";
import { distributionChart, horizontalBars, lineChart, PALETTE } from "../lib/chart.ts";
import { DEFAULT_BEFORE, GOALS, ownOf, targetRows } from "./targets.ts";

/* eslint-disable @typescript-eslint/no-explicit-any -- result files are our own JSON */
type Json = any;
const read = (path: string): Json => (existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined);
const f = (value: number | undefined, digits = 2) =>
  value === undefined || Number.isNaN(value) ? "–" : value.toFixed(digits);
const kib = (bytes: number) => bytes / 1024;
const table = (head: string[], rows: (string | number)[][]) =>
  [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
const COLORS: Record<string, string> = {
  direct: "#64748b",
  "workerd proxy": "#94a3b8",
  "triage (model)": PALETTE[0]!,
  "triage (auto)": "#0ea5e9",
  "triage (model, new conversation)": "#6366f1",
  "triage before (model)": "#a5b4fc",
  "triage before (auto)": "#bae6fd",
  portkey: PALETTE[1]!,
};

const gateway = read("docs/bench/gateway.json");
const decision = read("docs/bench/decision.json");
const scorer = read("docs/bench/scorer.json");
const classifier = read("docs/bench/classifier.json");
const bundle = read("docs/bench/bundle-size.json");
const profile = read("docs/bench/profile.json");
const select = read("docs/results/bench-select.json");
const notes = existsSync("docs/bench/notes.md") ? readFileSync("docs/bench/notes.md", "utf8").trim() : "";

const byName = (results: Json[], name: string) => results.find((r: Json) => r.name === name);
const svg = (name: string, content: string) => {
  writeFileSync(`docs/bench/${name}`, content);
  return `![${name}](bench/${name})`;
};

const sections: string[] = [];

// ---- decision latency (Node, in-process) --------------------------------------------------
if (decision) {
  const rows: Json[] = decision.rows;
  const series = (["ascii", "mixed"] as const).flatMap((kind, k) => [
    {
      name: `${kind} p50`,
      color: PALETTE[k * 2]!,
      points: rows.filter((r) => r.kind === kind).map((r) => [r.bytes, r.decideUs.p50] as [number, number]),
    },
    {
      name: `${kind} p99`,
      color: PALETTE[k * 2]!,
      dashed: true,
      points: rows.filter((r) => r.kind === kind).map((r) => [r.bytes, r.decideUs.p99] as [number, number]),
    },
  ]);
  const chart = svg(
    "decision.svg",
    lineChart({
      title: "Routing decision in-process (Node): scorer + gate + selector",
      subtitle: decision.settings.rounds
        ? `${decision.settings.rounds} rounds × ${decision.settings.calls} timed calls per point after ${decision.settings.warmup} warm-ups; each percentile the median of the rounds'; classifier off (fast path)`
        : `${decision.settings.calls} timed calls per point after ${decision.settings.warmup} warm-ups; classifier off (fast path)`,
      xLabel: "prompt size (UTF-8 bytes)",
      yLabel: "µs per decision",
      logX: true,
      xTickFormat: (v) => (v >= 1024 ? `${v / 1024} KB` : `${v} B`),
      series,
      target: { value: GOALS.decisionP99Us4k, label: `target: p99 ≤ ${GOALS.decisionP99Us4k} µs at 4 KB` },
    }),
  );
  const share = decision.classifierShare as Record<string, { prompts: number; uncertainShare: number }> | null;
  sections.push(`## Decision latency

${chart}

In-process in Node ${decision.node} through the Worker's own modules (\`tools/lib/worker-modules.ts\`: the same
\`wasm/scorer.wasm\`, the same gate and selector, the bundled catalog of ${decision.settings.catalogModels} models).
**decide** = prompt view + wasm scorer + cascade gate (classifier off, i.e. the fast path every confident prompt
takes) + selector. **plan** = everything before the upstream call: \`JSON.parse\`, zod request schema, canonical
request, \`planRoute\` (catalog cached as in a warm isolate). **baseline** = \`JSON.parse\` of the same body, timed in
the same loop as decide. Run of ${decision.date ? `${decision.date.slice(0, 16).replace("T", " ")} UTC` : "–"}; load average during it: ${decision.loadAverage ? `${decision.loadAverage.start.join(" / ")} → ${decision.loadAverage.end.join(" / ")}` : "–"} (tails move with it).${decision.settings.rounds ? ` Each percentile is the median over ${decision.settings.rounds} rounds of that round's percentile (\`tools/lib/stats.ts\` summarizeRounds).` : ""}

${table(
  [
    "prompt",
    "bytes",
    "decided",
    "decide p50 µs",
    "p99",
    "p99.9",
    "plan p50 µs",
    "plan p99",
    "baseline p50 µs",
    "decide / baseline",
  ],
  rows.map((r) => [
    r.kind,
    r.bytes,
    `${r.tier} (${r.stage}${r.uncertain ? ", uncertain" : ""})`,
    f(r.decideUs.p50),
    f(r.decideUs.p99),
    f(r.decideUs.p999),
    f(r.planUs.p50),
    f(r.planUs.p99),
    f(r.baselineUs.p50),
    `${f(r.ratioP50, 1)}×`,
  ]),
)}

wasm memory: ${decision.wasmMemory.beforeBytes} bytes before and ${decision.wasmMemory.afterBytes} after ${decision.wasmMemory.calls.toLocaleString("en")} further calls (it must not grow).
${
  share
    ? `\nShare of test-split prompts whose score falls in the uncertain band (these reach the classifier when it is on):
${table(
  ["set", "prompts", "reach the classifier"],
  Object.entries(share).map(([set, v]) => [set, v.prompts, `${f(v.uncertainShare * 100, 1)} %`]),
)}`
    : ""
}`);
}

if (scorer?.workerd || classifier || select || gateway?.route) {
  const parts: string[] = ["### The stages on their own, and inside workerd"];
  if (scorer) {
    const w = (kind: string, bytes: number) =>
      scorer.workerd?.rows.find((r: Json) => r.kind === kind && r.bytes === bytes)?.perCallUs.p50;
    parts.push(`Scorer alone (\`npm run bench:scorer\`, ${scorer.environment.calls} calls per row; workerd freezes its clocks
inside a request, so its column is the per-call mean of timed batches, p50 over ${scorer.workerd?.rows[0]?.batches ?? "–"} batches):

${table(
  ["prompt", "bytes", "Node p50 µs", "Node p99 µs", "workerd µs/call"],
  scorer.node.map((r: Json) => [r.kind, r.bytes, f(r.scorerUs.p50), f(r.scorerUs.p99), f(w(r.kind, r.bytes))]),
)}`);
  }
  if (classifier) {
    const node = classifier.node;
    parts.push(`ONNX classifier (\`npm run bench:classifier\`, model \`${classifier.model}\`): warm classify p50 ${f(node.warm.classify.p50, 1)} µs,
p99 ${f(node.warm.classify.p99, 1)} µs in Node; ${f(classifier.workerd.warm.classify.medianMeanUs, 1)} µs mean per call in workerd; one-time start
${f(node.cold.medianInitMs, 0)} ms in Node and ${f(classifier.workerd.cold.medianInitMsInIsolate, 0)} ms inside workerd (once per isolate, off the request path: the first
uncertain prompt is routed to the safe side while it loads).`);
  }
  if (select) {
    const r = select.results;
    parts.push(`Selector alone (\`npm run bench:select\`, ${select.models} models): p50 ${f(r.balanced.p50)} µs, p99 ${f(r.balanced.p99)} µs
(balanced); ${f(r.cost.p50)} / ${f(r.latency?.p50)} µs p50 for cost / latency.`);
  }
  if (gateway?.route) {
    parts.push(`The decision inside workerd, seen from outside (this suite): the same body sent to a 404, to \`/v1/route\`
with a concrete model (parse + select, no scoring) and with \`auto\` (parse + score + gate + select); medians of
per-round medians, ${gateway.method.rounds} rounds. The auto − model column is the scoring decision as workerd runs it
(with the classifier on, as deployed: a prompt the scorer is unsure about also runs the ONNX model). The 404
leaves the body unread, so at large sizes it is no baseline for reading one: compare auto with model.

${table(
  ["prompt bytes", "auto decided by", "404 p50 ms", "route (model) − 404", "route (auto) − 404", "auto − model"],
  gateway.route.map((r: Json) => {
    const [base, model, auto] = r.results;
    return [
      r.bytes,
      r.stage ?? "–",
      f(base.latency.p50, 3),
      f(model.overheadMs, 3),
      f(auto.overheadMs, 3),
      f(auto.overheadMs - model.overheadMs, 3),
    ];
  }),
)}`);
  }
  sections.push(parts.join("\n\n"));
}

// ---- gateway overhead ------------------------------------------------------------------------
if (gateway) {
  const res: Json[] = gateway.overhead.results;
  const px = byName(res, "workerd proxy");
  const ownGoal = px.overheadMs + GOALS.ownWorkMs;
  const bars = res
    .filter((r) => r.name !== "direct")
    .map((r) => ({
      label: r.name,
      value: r.overheadMs,
      color: COLORS[r.name],
      note: `${f(r.overheadMs, 3)} ms  (p99 +${f(r.overheadP99Ms, 2)})`,
    }));
  const chart = svg(
    "overhead.svg",
    horizontalBars({
      title: "Added latency over a direct call to the mock upstream",
      subtitle: `median of per-round median differences; ${gateway.method.rounds} interleaved rounds × ${gateway.method.perRound} requests, concurrency 1`,
      unit: "ms",
      bars,
      target: { value: ownGoal, label: `goal: proxy floor + ${GOALS.ownWorkMs} ms` },
    }),
  );
  const dist = svg(
    "latency-distribution.svg",
    distributionChart({
      title: "Client latency per request (all rounds pooled)",
      subtitle: "percentile curves up to each target's p99; further right = slower",
      unit: "ms per request",
      series: res.map((r) => ({ name: r.name, quantiles: r.quantiles, color: COLORS[r.name] })),
    }),
  );
  sections.push(`## Gateway overhead

${chart}

${dist}

A request with a short prompt (\`${gateway.method.prompt}\`) sent at concurrency 1 over keep-alive connections:
**direct** to the mock upstream; through a **workerd proxy** (\`tools/bench/proxy-worker.js\`, ten lines: read the
body, fetch, pass the response through — the runtime's own cost, which every Worker-based gateway pays);
through **Triage** with a concrete model (\`openai/gpt-4.1-nano\`: parse, select with fallbacks, dispatch, translate
the answer back, account) and with \`model: "auto"\` (plus the scoring decision); through **Portkey**'s gateway
(\`@portkey-ai/gateway\` ${gateway.versions.portkeyGateway}, its Node server, OpenAI provider with a custom host — the same pass-through
work)${gateway.before ? `; **triage before** = the same two requests through \`${gateway.before.rev}\`'s deploy bundle, on the same workerd` : ""}. ${gateway.method.warmup} warm-up requests per target, then ${gateway.method.rounds} rounds; in each round every target sends
${gateway.method.perRound} requests in turn. Overhead = median over rounds of (target's round median − direct's round median).
Load average (1/5/15 min) before and after this phase: ${gateway.overhead.loadBefore.join(" / ")} → ${gateway.overhead.loadAfter.join(" / ")}.

${table(
  [
    "target",
    "p50 ms",
    "p90 ms",
    "p99 ms",
    "p99.9 ms",
    "overhead (median) ms",
    "overhead p99 ms",
    "per-round overheads ms",
  ],
  res.map((r) => [
    r.name,
    f(r.latency.p50, 3),
    f(r.latency.p90, 3),
    f(r.latency.p99, 3),
    f(r.latency.p999, 3),
    r.name === "direct" ? "–" : f(r.overheadMs, 3),
    r.name === "direct" ? "–" : f(r.overheadP99Ms, 3),
    r.name === "direct" ? "–" : r.roundDiffsMs.map((d: number) => f(d, 2)).join(", "),
  ]),
)}`);

  // ---- streaming --------------------------------------------------------------------------
  const s: Json[] = gateway.streaming.results;
  const ttftGoal = byName(s, "workerd proxy").overheadMs + GOALS.ttftOwnMs;
  const ttftChart = svg(
    "ttft.svg",
    horizontalBars({
      title: "Streaming: added time to the first answer token",
      subtitle: `upstream TTFT fixed at ${gateway.streaming.ttftMs} ms; median of per-round differences to direct`,
      unit: "ms",
      clipAt: 5,
      bars: s
        .filter((r) => r.name !== "direct")
        .map((r) => ({ label: r.name, value: r.overheadMs, color: COLORS[r.name], note: `${f(r.overheadMs, 2)} ms` })),
      target: { value: ttftGoal, label: `goal: proxy floor + ${GOALS.ttftOwnMs} ms` },
    }),
  );
  sections.push(`## Streaming

${ttftChart}

The mock holds every stream's first chunk for ${gateway.streaming.ttftMs} ms after sending headers. The client's TTFT is the time from
sending the request to the first SSE event with non-empty \`delta.content\`. Same targets and method as above
(${gateway.streaming.results[0].roundMediansMs.length} rounds × ${gateway.streaming.results[0].latency.n / gateway.streaming.results[0].roundMediansMs.length} streams). Load average ${gateway.streaming.loadBefore.join(" / ")} → ${gateway.streaming.loadAfter.join(" / ")}.

${table(
  ["target", "TTFT p50 ms", "p99 ms", "overhead (median) ms", "overhead p99 ms"],
  s.map((r) => [
    r.name,
    f(r.latency.p50, 3),
    f(r.latency.p99, 3),
    r.name === "direct" ? "–" : f(r.overheadMs, 3),
    r.name === "direct" ? "–" : f(r.overheadP99Ms, 3),
  ]),
)}`);

  // ---- throughput and CPU -------------------------------------------------------------------
  const t: Json[] = gateway.throughput;
  const cpuChart = svg(
    "cpu-per-request.svg",
    horizontalBars({
      title: "CPU time per request in the gateway process",
      subtitle: `closed loop, concurrency ${t[0].concurrency}, ${t[0].requests} requests; /proc utime + stime`,
      unit: "ms CPU per request",
      bars: t
        .filter((r) => r.cpuMsPerRequest.gateway !== undefined)
        .map((r) => ({
          label: r.name,
          value: r.cpuMsPerRequest.gateway,
          color: COLORS[r.name],
          note: `${f(r.cpuMsPerRequest.gateway, 3)} ms · ${f(r.requestsPerSecond, 0)} req/s`,
        })),
    }),
  );
  sections.push(`## Throughput and CPU time per request

${cpuChart}

Closed loop: ${t[0].concurrency} concurrent clients on keep-alive connections send ${t[0].requests} requests back to back (after 300 warm-ups).
CPU is the gateway process's user + system time from \`/proc\` over the run, divided by the requests (workerd's includes the
router's Durable Object work and logging; the mock's is listed for scale). Client, gateway and mock share the same
${gateway.machine.cores} cores, so requests per second measure this machine, not the gateway alone; CPU per request is the portable number.

${table(
  ["target", "req/s", "p50 ms", "p99 ms", "gateway CPU ms/req", "mock CPU ms/req", "load avg before → after"],
  t.map((r) => [
    r.name,
    f(r.requestsPerSecond, 0),
    f(r.latency.p50, 2),
    f(r.latency.p99, 2),
    f(r.cpuMsPerRequest.gateway, 3),
    f(r.cpuMsPerRequest.mock, 3),
    `${r.loadBefore[0]} → ${r.loadAfter[0]}`,
  ]),
)}`);

  // ---- Triage's own time ------------------------------------------------------------------------
  const ownRows = (phase: string, results: Json[], goal: number) =>
    results
      .filter((r) => r.name.startsWith("triage"))
      .map((r) => {
        const own = ownOf(results, r.name)!;
        return [
          phase,
          r.name,
          f(own.medianMs, 3),
          own.roundDiffsMs.map((d: number) => f(d, 3)).join(", "),
          f(own.p99Ms, 3),
          `≤ ${goal}`,
          own.medianMs <= goal ? "met" : "missed",
        ];
      });
  sections.splice(
    sections.findIndex((x) => x.startsWith("## Gateway overhead")),
    0,
    `## Triage's own time

What Triage adds over the bare workerd proxy (\`tools/bench/proxy-worker.js\`: read the body, fetch, pass the
response through) measured in the same interleaved rounds as the tables below: per round, Triage's round median −
the proxy's round median; the figure is the median over rounds, the spread the pooled p99 difference. For a stream
the metric is the time to the first answer token (TTFT), so its own time is the first-token overhead over the
proxy floor.${gateway.before ? ` **Before** = \`${gateway.before.rev}\` (${gateway.before.commit.slice(0, 10)}, "${gateway.before.subject.slice(0, 80)}${gateway.before.subject.length > 80 ? "…" : ""}"), its deploy bundle served on the same workerd next to this checkout's.` : " This run had no `--before` revision."}

${table(
  ["phase", "target", "own time (median) ms", "per round ms", "own p99 ms", "goal ms", ""],
  [...ownRows("pass-through / auto", res, GOALS.ownWorkMs), ...ownRows("stream first token", s, GOALS.ttftOwnMs)],
)}`,
  );

  // ---- saturation -----------------------------------------------------------------------------
  const sat = gateway.saturation;
  if (sat) {
    const pkCore = byName(sat.results, "portkey")?.requestsPerCore;
    sections.push(`## At saturation: requests per second and per core

autocannon with ${sat.connections} connections and no rate cap, ${sat.seconds} s per target after a ${sat.warmupSeconds} s warm-up, in
${sat.rounds} rounds that take the targets in turn (every reply must be a 200). CPU per request is the gateway process's
user + system time from \`/proc\` over its runs; **req/s per core** = 1000 / CPU ms per request — what one core
would serve if the gateway had it to itself. autocannon, the mock and the gateway share ${gateway.machine.cores} cores, so the
req/s column measures this machine. Load average ${sat.loadBefore.join(" / ")} → ${sat.loadAfter.join(" / ")}.

${table(
  ["target", "req/s", "per round req/s", "CPU ms/req", "req/s per core", "per core vs Portkey", "p99 ms (per round)"],
  sat.results.map((r: Json) => [
    r.name,
    f(r.requestsPerSecond, 0),
    r.rounds.map((x: Json) => f(x.requestsPerSecond, 0)).join(", "),
    f(r.cpuMsPerRequest, 3),
    f(r.requestsPerCore, 0),
    pkCore ? `${f(r.requestsPerCore / pkCore, 2)}×` : "–",
    r.rounds.map((x: Json) => f(x.latencyP99Ms, 0)).join(", "),
  ]),
)}`);
  }
}

// ---- per-stage profile -------------------------------------------------------------------------
if (profile) {
  const after = profile.builds.after;
  const before = profile.builds.before;
  const scenarios = Object.keys(after);
  const cell = (scenario: string, pick: (p: Json) => Json, digits: number, unit = "") => {
    const now = pick(after[scenario]);
    const then = before ? pick(before[scenario]) : undefined;
    return then === undefined ? `${f(now, digits)}${unit}` : `${f(then, digits)} → ${f(now, digits)}${unit}`;
  };
  const stageNames: string[] = after[scenarios[0]!].stages.map((x: Json) => x.stage);
  const stageOf = (name: string) => (p: Json) => p.stages.find((x: Json) => x.stage === name);
  const rows = [
    ...stageNames.map((name) => [
      name,
      ...scenarios.map(
        (sc) =>
          `${cell(sc, (p) => stageOf(name)(p)?.usPerRequest, 0)} (${cell(sc, (p) => (stageOf(name)(p)?.share ?? 0) * 100, 0, " %")})`,
      ),
    ]),
    ["**sampled, with the inspector** (µs/req)", ...scenarios.map((sc) => cell(sc, (p) => p.sampledUsPerRequest, 0))],
    [
      "workerd CPU with the inspector (ms/req, /proc)",
      ...scenarios.map((sc) => cell(sc, (p) => p.cpuMsWithInspector, 3)),
    ],
    [
      "**workerd CPU, deploy bundle, no inspector** (ms/req, /proc)",
      ...scenarios.map((sc) => cell(sc, (p) => p.cpuMsPerRequest, 3)),
    ],
  ];
  const natives = (scenario: string) =>
    after[scenario].natives
      .slice(0, 8)
      .map((n: Json) => `${n.name} ${f(n.usPerRequest, 0)} µs (${n.stage})`)
      .join("; ");
  const files = (scenario: string) =>
    after[scenario].files
      .slice(0, 8)
      .map((x: Json) => `\`${x.file}\` ${f(x.usPerRequest, 0)} µs`)
      .join("; ");
  sections.push(`## Where the CPU goes, by stage

\`npm run bench:profile\` (${profile.date.slice(0, 16).replace("T", " ")} UTC): the readable (unminified) deploy bundle on bare workerd
with the V8 inspector's CPU profiler sampling every ${profile.method.samplingIntervalUs} µs, ${profile.method.requests} requests per scenario at
concurrency 1 after ${profile.method.warmup} warm-ups. Each frame's line in the bundle names its source module (esbuild's
\`// src/…\` markers) and the module its stage (\`tools/bench/profile-stages.ts\`): **framework** (Hono, middleware,
auth), **read + validate** (body read, limits, zod schemas), **plan** (plan-route, selector, scorer, classifier,
pricing), **dispatch** (attempts, providers' adapters), **answer** (routes, stream stages, response headers),
**record** (accounting, stats, usage, learning, and the Durable Objects they call, which run in the same isolate).
A native frame (fetch, body reads, timers, \`Response\`, Durable Object stubs) is charged to the stage of its
nearest caller in the bundle; **runtime (no JS caller)** is workerd's own work on the isolate thread with no
script on the stack (\`(program)\`: HTTP parsing, I/O, the event loop). Cells: µs per request (share of the
sampled time)${before ? `, before (\`${profile.before.rev}\`) → after` : ""}.

The inspector inflates what it watches — \`console.log\` (the record stage's log line) above all, and every
function call a little — so its µs are for shares; the CPU per request that counts is the last row: the minified
deploy bundle with no inspector, workerd's user + system time from \`/proc\` (the whole process: the KV
services and I/O threads too).

${table(["stage", ...scenarios], rows)}

Biggest natives (after, by self time): ${scenarios.map((sc) => `**${sc}**: ${natives(sc)}`).join(". ")}.

Source modules with the most time (after, natives included in their caller's module): ${scenarios.map((sc) => `**${sc}**: ${files(sc)}`).join(". ")}.`);
}

// ---- cold start and bundle ---------------------------------------------------------------------
if (bundle || gateway?.cold) {
  const parts = ["## Cold start and bundle size"];
  if (bundle) {
    const full = bundle.withClassifier;
    const lite = bundle.withoutClassifier;
    const chart = svg(
      "bundle.svg",
      horizontalBars({
        title: "Upload size, gzip (what the Workers size limits count)",
        subtitle: "wrangler deploy --dry-run; zlib level 9 per module",
        unit: "KiB gzip",
        clipAt: 400,
        bars: [
          {
            label: "full (with ONNX)",
            value: kib(full.total.gzipBytes),
            color: PALETTE[0]!,
            note: `${f(kib(full.total.gzipBytes), 0)} KiB`,
          },
          {
            label: "lite (no ONNX)",
            value: kib(lite.total.gzipBytes),
            color: PALETTE[2]!,
            note: `${f(kib(lite.total.gzipBytes), 1)} KiB`,
          },
        ],
        target: { value: GOALS.liteGzipKiB, label: `target ${GOALS.liteGzipKiB} KiB (lite)` },
      }),
    );
    const rows = (name: string, b: Json) =>
      b.files.map((file: Json) => [name, file.file, f(kib(file.rawBytes), 1), f(kib(file.gzipBytes), 1)]);
    parts.push(`${chart}

\`npm run bench:bundle\` (${bundle.date.slice(0, 10)}): the modules \`wrangler deploy\` would upload, per build. The lite build is
\`npm run deploy:lite\` (\`--define __TRIAGE_ONNX__:false\`), heuristic-only.

${table(["build", "module", "raw KiB", "gzip KiB"], [...rows("full", full), ["full", "**total**", f(kib(full.total.rawBytes), 1), f(kib(full.total.gzipBytes), 1)], ...rows("lite", lite), ["lite", "**total**", f(kib(lite.total.rawBytes), 1), f(kib(lite.total.gzipBytes), 1)]])}`);
  }
  if (gateway?.cold) {
    const c = gateway.cold;
    parts.push(`Cold start on bare workerd (${c.full.runs} runs each, interleaved build by build, medians): **process start → first answer** (workerd parses the
config, compiles the script and every wasm module — onnxruntime-web's 14 MB in the full build), then the **first** and
**second** chat request (\`auto\`) through a fresh isolate. Cloudflare's own cold start differs (it starts isolates
during the TLS handshake and caches compiled wasm); these numbers compare builds on one machine.

${table(
  ["build", "start → first answer ms", "first request ms", "second request ms"],
  [
    ["Triage full", f(c.full.startupMs, 0), f(c.full.firstRequestMs, 1), f(c.full.secondRequestMs, 2)],
    ["Triage lite", f(c.lite.startupMs, 0), f(c.lite.firstRequestMs, 1), f(c.lite.secondRequestMs, 2)],
    ...(c.beforeFull
      ? [
          [
            `before (\`${gateway.before.rev}\`) full`,
            f(c.beforeFull.startupMs, 0),
            f(c.beforeFull.firstRequestMs, 1),
            f(c.beforeFull.secondRequestMs, 2),
          ],
          [
            `before (\`${gateway.before.rev}\`) lite`,
            f(c.beforeLite.startupMs, 0),
            f(c.beforeLite.firstRequestMs, 1),
            f(c.beforeLite.secondRequestMs, 2),
          ],
        ]
      : []),
    ["Portkey (Node)", f(c.portkey.startupMs, 0), f(c.portkey.firstRequestMs, 1), f(c.portkey.secondRequestMs, 2)],
  ],
)}`);
  }
  sections.push(parts.join("\n\n"));
}

// ---- header ------------------------------------------------------------------------------------
const m = gateway?.machine ?? decision?.machine;
const v = gateway?.versions;
const header = `# Benchmarks

Generated by \`npm run bench\` (\`tools/bench/\`) — numbers come from these scripts, never from tests. Raw results:
\`docs/bench/*.json\`. ${gateway ? `Gateway suite run of ${gateway.date.slice(0, 16).replace("T", " ")} UTC (${gateway.durationS} s); a suite re-run on its own says its date in its section.` : ""}

**Machine:** ${m ? `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}` : "–"} — shared with other jobs, so every comparison is
against a baseline measured in the same run, interleaved. **Load average** (1/5/15 min) at the start and end of the
gateway suite: ${gateway ? `${gateway.loadAverage.start.join(" / ")} → ${gateway.loadAverage.end.join(" / ")}` : "–"}.
**Versions:** ${v ? `Node ${v.node}, workerd ${v.workerd.replace("workerd ", "")}, wrangler ${v.wrangler}, @portkey-ai/gateway ${v.portkeyGateway}` : "–"}.

## Targets

Each goal of issue 19 with the baseline measured in the same run, the revision before the work
(\`--before\`, served next to this checkout in the same interleaved rounds) → this checkout, and the command
that reproduces it. Own time = Triage's round median − the bare workerd proxy's round median in the same
round (median over rounds): the runtime's own cost of a proxied call drops out.

${table(["target (issue 19)", "goal", "same-run baseline", "before → after", "", "reproduce"], targetRows({ gateway, bundle, decision }))}
`;

const reproduce = `## Reproduce

\`\`\`sh
npm run bench                 # everything below (--before ${DEFAULT_BEFORE}), then this page; -- --before <rev|none>
npm run bench:gateway -- --before ${DEFAULT_BEFORE}   # overhead, own time, streaming, route-in-workerd, throughput,
                              # saturation, cold start; before and after interleaved → docs/bench/gateway.json
npm run bench:profile -- --before ${DEFAULT_BEFORE}   # CPU by stage inside workerd, before and after → docs/bench/profile.json
npm run bench:decision        # in-process decision latency → docs/bench/decision.json
npm run bench:scorer          # scorer alone, Node and workerd → docs/bench/scorer.json
npm run bench:classifier      # ONNX classifier, Node and workerd → docs/bench/classifier.json
npm run bench:select          # selector alone → docs/results/bench-select.json
npm run bench:bundle          # upload sizes → docs/bench/bundle-size.json
npm run bench:stream-writes   # what workerd charges per streamed chunk, no router code (prints only)
npm run bench:render          # re-render this page from the JSON files
\`\`\``;

const doc = [header, notes ? `## Notes and analysis\n\n${notes}` : "", ...sections, reproduce]
  .filter(Boolean)
  .join("\n\n");
// Formatted like every other file, so `npm run lint` stays green after a re-render.
const options = (await prettier.resolveConfig("docs/benchmarks.md")) ?? {};
writeFileSync("docs/benchmarks.md", await prettier.format(`${doc}\n`, { ...options, parser: "markdown" }));
console.error("[bench:render] wrote docs/benchmarks.md and docs/bench/*.svg");
