// Renders docs/benchmarks.md and its charts (docs/bench/*.svg) from the benchmark JSON files:
// gateway.json and decision.json (this suite), scorer.json, classifier.json, bundle-size.json and
// docs/results/bench-select.json (the per-stage benches). Hand-written analysis lives in
// docs/bench/notes.md and is included verbatim. `npm run bench` calls this last;
// `node tools/bench/render.ts` re-renders without measuring.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as prettier from "prettier";
import { distributionChart, horizontalBars, lineChart, PALETTE } from "../lib/chart.ts";

// The issue's done-when targets.
export const TARGETS = {
  decisionP99Us4k: 50,
  overheadMs: 0.75,
  portkeyRatio: 0.5,
  ttftOverheadMs: 1,
  liteGzipKiB: 100,
};

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
const status = (ok: boolean) => (ok ? "**met**" : "**missed** (see the notes)");
const COLORS: Record<string, string> = {
  direct: "#64748b",
  "workerd proxy": "#94a3b8",
  "triage (model)": PALETTE[0]!,
  "triage (auto)": "#0ea5e9",
  portkey: PALETTE[1]!,
};

const gateway = read("docs/bench/gateway.json");
const decision = read("docs/bench/decision.json");
const scorer = read("docs/bench/scorer.json");
const classifier = read("docs/bench/classifier.json");
const bundle = read("docs/bench/bundle-size.json");
const select = read("docs/results/bench-select.json");
const notes = existsSync("docs/bench/notes.md") ? readFileSync("docs/bench/notes.md", "utf8").trim() : "";

const byName = (results: Json[], name: string) => results.find((r: Json) => r.name === name);
const svg = (name: string, content: string) => {
  writeFileSync(`docs/bench/${name}`, content);
  return `![${name}](bench/${name})`;
};

const sections: string[] = [];
const summary: (string | number)[][] = [];

// ---- decision latency (Node, in-process) --------------------------------------------------
if (decision) {
  const rows: Json[] = decision.rows;
  const at4k = rows.filter((r) => r.bytes === 4096);
  const worst4k = Math.max(...at4k.map((r) => r.decideUs.p99));
  summary.push([
    "Fast-path decision p99 at 4 KB (Node)",
    `≤ ${TARGETS.decisionP99Us4k} µs`,
    `${f(worst4k, 1)} µs (worst of ASCII / mixed)`,
    status(worst4k <= TARGETS.decisionP99Us4k),
  ]);
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
      target: { value: TARGETS.decisionP99Us4k, label: `target: p99 ≤ ${TARGETS.decisionP99Us4k} µs at 4 KB` },
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
  const tm = byName(res, "triage (model)");
  const ta = byName(res, "triage (auto)");
  const pk = byName(res, "portkey");
  const px = byName(res, "workerd proxy");
  const ratio = tm.overheadMs / pk.overheadMs;
  summary.push(
    [
      "Gateway overhead, median (concrete model)",
      `≤ ${TARGETS.overheadMs} ms`,
      `${f(tm.overheadMs, 3)} ms (auto: ${f(ta.overheadMs, 3)} ms); workerd's own proxy floor: ${f(px.overheadMs, 3)} ms`,
      status(tm.overheadMs <= TARGETS.overheadMs),
    ],
    [
      "… against Portkey, same run",
      `≤ ${TARGETS.portkeyRatio}×`,
      `${f(ratio, 2)}× (Portkey ${f(pk.overheadMs, 3)} ms)`,
      status(ratio <= TARGETS.portkeyRatio),
    ],
  );
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
      target: { value: TARGETS.overheadMs, label: `target ${TARGETS.overheadMs} ms` },
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
work). ${gateway.method.warmup} warm-up requests per target, then ${gateway.method.rounds} rounds; in each round every target sends
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
  const st = byName(s, "triage (model)");
  summary.push([
    "Streaming TTFT overhead, median",
    `≤ ${TARGETS.ttftOverheadMs} ms`,
    `${f(st.overheadMs, 3)} ms (auto: ${f(byName(s, "triage (auto)").overheadMs, 3)}; workerd proxy floor ${f(byName(s, "workerd proxy").overheadMs, 3)}; Portkey ${f(byName(s, "portkey").overheadMs, 2)})`,
    status(st.overheadMs <= TARGETS.ttftOverheadMs),
  ]);
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
      target: { value: TARGETS.ttftOverheadMs, label: `target ${TARGETS.ttftOverheadMs} ms` },
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
}

// ---- cold start and bundle ---------------------------------------------------------------------
if (bundle || gateway?.cold) {
  const parts = ["## Cold start and bundle size"];
  if (bundle) {
    const full = bundle.withClassifier;
    const lite = bundle.withoutClassifier;
    summary.push([
      "Bundle without onnxruntime-web, gzip",
      `≤ ${TARGETS.liteGzipKiB} KB`,
      `${f(kib(lite.total.gzipBytes), 1)} KiB (${f(lite.total.gzipBytes / 1000, 1)} kB); with it ${f(kib(full.total.gzipBytes), 0)} KiB`,
      status(kib(lite.total.gzipBytes) <= TARGETS.liteGzipKiB),
    ]);
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
        target: { value: TARGETS.liteGzipKiB, label: `target ${TARGETS.liteGzipKiB} KB (lite)` },
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
    parts.push(`Cold start on bare workerd (${c.full.runs} runs each, medians): **process start → first answer** (workerd parses the
config, compiles the script and every wasm module — onnxruntime-web's 14 MB in the full build), then the **first** and
**second** chat request (\`auto\`) through a fresh isolate. Cloudflare's own cold start differs (it starts isolates
during the TLS handshake and caches compiled wasm); these numbers compare builds on one machine.

${table(
  ["build", "start → first answer ms", "first request ms", "second request ms"],
  [
    ["Triage full", f(c.full.startupMs, 0), f(c.full.firstRequestMs, 1), f(c.full.secondRequestMs, 2)],
    ["Triage lite", f(c.lite.startupMs, 0), f(c.lite.firstRequestMs, 1), f(c.lite.secondRequestMs, 2)],
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

${table(["target (issue 7)", "goal", "measured", ""], summary)}
`;

const reproduce = `## Reproduce

\`\`\`sh
npm run bench                 # everything below, then this page (about 10 minutes)
npm run bench:gateway         # overhead, streaming, route-in-workerd, throughput, cold start → docs/bench/gateway.json
npm run bench:decision        # in-process decision latency → docs/bench/decision.json
npm run bench:scorer          # scorer alone, Node and workerd → docs/bench/scorer.json
npm run bench:classifier      # ONNX classifier, Node and workerd → docs/bench/classifier.json
npm run bench:select          # selector alone → docs/results/bench-select.json
npm run bench:bundle          # upload sizes → docs/bench/bundle-size.json
npm run bench:render          # re-render this page from the JSON files
node tools/bench/profile-workerd.ts --requests 3000 [--stream]   # where a request's CPU goes, inside workerd
\`\`\``;

const doc = [header, notes ? `## Notes and analysis\n\n${notes}` : "", ...sections, reproduce]
  .filter(Boolean)
  .join("\n\n");
// Formatted like every other file, so `npm run lint` stays green after a re-render.
const options = (await prettier.resolveConfig("docs/benchmarks.md")) ?? {};
writeFileSync("docs/benchmarks.md", await prettier.format(`${doc}\n`, { ...options, parser: "markdown" }));
console.error("[bench:render] wrote docs/benchmarks.md and docs/bench/*.svg");
