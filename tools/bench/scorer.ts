// npm run bench:scorer: scorer latency per prompt size, in Node (per call) and
// inside workerd (per-call means of timed batches), a same-run baseline, wasm
// memory before/after 100k calls and the wasm size. Prints a table and writes
// docs/bench/scorer.json + docs/bench/scorer.md. Not a test: numbers, not verdicts.
//   node tools/bench/scorer.ts [--calls 20000] [--warmup 2000] [--skip-workerd]
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { benchPrompt, SIZES, type PromptKind } from "../lib/bench-prompts.ts";
import { summarize, type Summary } from "../lib/stats.ts";
import { fixed, table } from "../lib/eval/markdown.ts";
import { loadScorer, WASM_PATH } from "../lib/scorer/node-scorer.ts";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "20000" },
    warmup: { type: "string", default: "2000" },
    "skip-workerd": { type: "boolean", default: false },
  },
});
const CALLS = Number(values.calls);
const WARMUP = Number(values.warmup);
const KINDS: PromptKind[] = ["ascii", "mixed"];

const scorer = loadScorer();
const encoder = new TextEncoder();
const baselineBuffer = new Uint8Array(65536);

interface NodeRow {
  kind: PromptKind;
  bytes: number;
  scorerUs: Summary;
  baselineUs: Summary;
  /** Scorer p50 / baseline p50, measured interleaved in the same loop. */
  ratioP50: number;
}

function benchNode(kind: PromptKind, bytes: number): NodeRow {
  const primary = benchPrompt(kind, bytes);
  const input = { primary, context: "", flags: 0 };
  let sink = 0;
  for (let i = 0; i < WARMUP; i++) {
    sink += scorer.score(input).score;
    sink += encoder.encodeInto(primary, baselineBuffer).written;
  }
  const s = new Float64Array(CALLS);
  const b = new Float64Array(CALLS);
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    sink += scorer.score(input).score;
    const t1 = performance.now();
    // Baseline: the unavoidable host work, encoding the same text into a buffer of the same size.
    sink += encoder.encodeInto(primary, baselineBuffer).written;
    const t2 = performance.now();
    s[i] = (t1 - t0) * 1000;
    b[i] = (t2 - t1) * 1000;
  }
  if (sink === -1) console.log(sink); // keep the work observable
  const scorerUs = summarize(s);
  const baselineUs = summarize(b);
  return { kind, bytes, scorerUs, baselineUs, ratioP50: scorerUs.p50 / baselineUs.p50 };
}

function memoryCheck() {
  const before = scorer.memoryBytes;
  const inputs = KINDS.flatMap((k) => [256, 4096, 131072].map((size) => benchPrompt(k, size)));
  for (let i = 0; i < 100_000; i++)
    scorer.score({ primary: inputs[i % inputs.length]!, context: "system", flags: i & 15 });
  return { calls: 100_000, beforeBytes: before, afterBytes: scorer.memoryBytes };
}

interface WorkerdRow {
  kind: PromptKind;
  bytes: number;
  batches: number;
  callsPerBatch: number;
  /** Per-call mean of each batch, after subtracting an empty request's time (µs). */
  perCallUs: Summary;
  /** TextEncoder.encodeInto of the same text, batched the same way (µs per call). */
  baselineUs: Summary;
  emptyRequestMs: Summary;
}

async function benchWorkerd(
  nodeRows: readonly NodeRow[],
): Promise<{ rows: WorkerdRow[]; memory: { beforeBytes: number; afterBytes: number } }> {
  const bundle = await build({
    entryPoints: ["tools/bench/scorer-worker.ts"],
    loader: { ".bin": "binary" },
    bundle: true,
    format: "esm",
    write: false,
    platform: "neutral",
    plugins: [
      {
        name: "wasm-external",
        setup(b) {
          b.onResolve({ filter: /\.wasm$/ }, () => ({ path: "./scorer.wasm", external: true }));
        },
      },
    ],
  });
  const mf = new Miniflare({
    workers: [
      {
        config: {
          name: "scorer-bench",
          compatibilityDate: "2026-08-15",
          manifest: {
            mainModule: "worker.js",
            modules: {
              "worker.js": { type: "esm", contents: bundle.outputFiles[0]!.text },
              "scorer.wasm": { type: "wasm", contents: new Uint8Array(readFileSync(WASM_PATH)) },
            },
          },
        },
      },
    ],
  } as unknown as ConstructorParameters<typeof Miniflare>[0]);
  try {
    const call = async (kind: PromptKind, bytes: number, n: number, mode = "scorer") => {
      const t0 = performance.now();
      const res = await mf.dispatchFetch(`http://bench/?kind=${kind}&bytes=${bytes}&n=${n}&mode=${mode}`);
      const body = (await res.json()) as { memoryBefore: number; memoryAfter: number };
      return { ms: performance.now() - t0, ...body };
    };
    const rows: WorkerdRow[] = [];
    const batches = 20;
    for (const kind of KINDS) {
      for (const bytes of SIZES) {
        // Each batch must take well over the request overhead (~2 ms): aim at ~30 ms of work,
        // and at least CALLS calls in total.
        const nodeP50 = nodeRows.find((r) => r.kind === kind && r.bytes === bytes)!.scorerUs.p50;
        const callsPerBatch = Math.max(Math.ceil(CALLS / batches), Math.min(50_000, Math.ceil(30_000 / nodeP50)));
        await call(kind, bytes, WARMUP);
        await call(kind, bytes, WARMUP, "baseline");
        const perCall = new Float64Array(batches);
        const baseline = new Float64Array(batches);
        const empty = new Float64Array(batches);
        for (let r = 0; r < batches; r++) {
          empty[r] = (await call(kind, bytes, 0)).ms;
          const full = await call(kind, bytes, callsPerBatch);
          perCall[r] = ((full.ms - empty[r]!) * 1000) / callsPerBatch;
          const base = await call(kind, bytes, callsPerBatch, "baseline");
          baseline[r] = ((base.ms - empty[r]!) * 1000) / callsPerBatch;
        }
        const perCallUs = summarize(perCall);
        const baselineUs = summarize(baseline);
        rows.push({ kind, bytes, batches, callsPerBatch, perCallUs, baselineUs, emptyRequestMs: summarize(empty) });
        console.error(
          `workerd ${kind} ${bytes} B: ${fixed(rows.at(-1)!.perCallUs.p50, 2)} µs/call (p50 of batch means)`,
        );
      }
    }
    const memory = await call("mixed", 4096, 100_000);
    return { rows, memory: { beforeBytes: memory.memoryBefore, afterBytes: memory.memoryAfter } };
  } finally {
    await mf.dispose();
  }
}

const nodeRows: NodeRow[] = [];
for (const kind of KINDS) {
  for (const bytes of SIZES) {
    nodeRows.push(benchNode(kind, bytes));
    const r = nodeRows.at(-1)!;
    console.error(`node ${kind} ${bytes} B: p50 ${fixed(r.scorerUs.p50, 2)} µs, p99 ${fixed(r.scorerUs.p99, 2)} µs`);
  }
}
const nodeMemory = memoryCheck();
const workerd = values["skip-workerd"] ? undefined : await benchWorkerd(nodeRows);

const wasmBytes = readFileSync(WASM_PATH).length;
const environment = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  node: process.versions.node,
  v8: process.versions.v8,
  miniflare: JSON.parse(readFileSync("node_modules/miniflare/package.json", "utf8")).version as string,
  calls: CALLS,
  warmup: WARMUP,
};

const nodeTable = table(
  ["prompt", "bytes", "p50 µs", "p99 µs", "p99.9 µs", "baseline p50 µs", "scorer / baseline (p50)", "MB/s (p50)"],
  nodeRows.map((r) => [
    r.kind,
    String(r.bytes),
    fixed(r.scorerUs.p50, 2),
    fixed(r.scorerUs.p99, 2),
    fixed(r.scorerUs.p999, 2),
    fixed(r.baselineUs.p50, 2),
    fixed(r.ratioP50, 2),
    fixed(Math.min(r.bytes, 65536) / r.scorerUs.p50, 0),
  ]),
);
const workerdTable = workerd
  ? table(
      [
        "prompt",
        "bytes",
        "calls/batch",
        "µs/call p50 of batch means",
        "p99 of batch means",
        "baseline µs/call p50",
        "empty request ms (p50)",
      ],
      workerd.rows.map((r) => [
        r.kind,
        String(r.bytes),
        String(r.callsPerBatch),
        fixed(r.perCallUs.p50, 2),
        fixed(r.perCallUs.p99, 2),
        fixed(r.baselineUs.p50, 2),
        fixed(r.emptyRequestMs.p50, 2),
      ]),
    )
  : "(skipped)";
const markdown = `# Scorer benchmark (generated by \`npm run bench:scorer\`)

Machine: ${environment.cpu}, ${environment.cores} cores (shared with other jobs: noisy). Node ${environment.node} (V8 ${environment.v8}), workerd via Miniflare ${environment.miniflare}.
scorer.wasm: ${wasmBytes} bytes.

## Node, per call (${WARMUP} warm-up calls, then ${CALLS} timed calls per row)

The baseline is \`TextEncoder.encodeInto\` of the same text into a 64 KiB buffer, timed in the same loop,
interleaved with the scorer: the host's unavoidable work. Inputs above 64 KiB are read as head + tail
windows (56 KiB), so time flattens past that size by design.

${nodeTable}

Memory: ${nodeMemory.beforeBytes} bytes before, ${nodeMemory.afterBytes} after ${nodeMemory.calls} calls.

## workerd (Miniflare), per-call means of timed batches

workerd freezes its clocks during a request, so calls cannot be timed inside the isolate. Each row is
${workerd?.rows[0]?.batches ?? 0} batches (calls per batch in the table, ~30 ms of work or more), timed from Node around the request, minus an empty
request timed right before it; p50/p99 are over the batch means (per-call tails are not visible this way).

${workerdTable}

${workerd ? `Memory in workerd: ${workerd.memory.beforeBytes} bytes before, ${workerd.memory.afterBytes} after 100000 calls.` : ""}
`;
mkdirSync("docs/bench", { recursive: true });
writeFileSync(
  "docs/bench/scorer.json",
  JSON.stringify({ environment, wasmBytes, node: nodeRows, nodeMemory, workerd }, null, 2) + "\n",
);
writeFileSync("docs/bench/scorer.md", markdown);
console.log(markdown);
