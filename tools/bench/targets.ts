// Issue 19's targets as rows of docs/benchmarks.md's Targets table: each with its goal, the baseline
// measured in the same run, before → after (`--before`, in the same run), whether it is met, and
// the command that reproduces it. Reads the benches' own JSON (gateway, profile, bundle, decision).
import { ownTime, type RoundsResult } from "./own-time.ts";

export const GOALS = {
  /** Triage's own work (minus the workerd proxy), median per request, ms. */
  ownWorkMs: 0.15,
  /** Stream first token: Triage's own time over the proxy floor, ms. */
  ttftOwnMs: 0.3,
  /** Requests per second per core at saturation, Triage / Portkey. */
  perCoreRatio: 2,
  liteGzipKiB: 150,
  decisionP99Us4k: 50,
};

/** Where issue 19's speed work started: what `npm run bench` compares with by default (run-all.ts). */
export const DEFAULT_BEFORE = "4b53fce";

export type Row = [
  target: string,
  goal: string,
  baseline: string,
  beforeAfter: string,
  status: string,
  command: string,
];

/* eslint-disable @typescript-eslint/no-explicit-any -- result files are our own JSON */
type Json = any;

const fmt = (value: number | undefined, digits: number) =>
  value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(digits);
const signed = (value: number | undefined, digits: number) =>
  value === undefined ? "–" : `${value < 0 ? "−" : "+"}${fmt(Math.abs(value), digits)}`;
const verdict = (ok: boolean | undefined) => (ok === undefined ? "not measured" : ok ? "**met**" : "**missed**");

/** "before → after", or the after value alone when the run had no `--before`. */
export function beforeAfter(before: number | undefined, after: number | undefined, digits: number, unit = ""): string {
  if (after === undefined) return "–";
  return before === undefined
    ? `${fmt(after, digits)}${unit} (no --before)`
    : `${fmt(before, digits)} → ${fmt(after, digits)}${unit}`;
}

const named = (results: Json[] | undefined, name: string): Json => results?.find((r: Json) => r.name === name);

/** Own time of `name` over the workerd proxy in a phase's results (undefined when either is missing). */
export function ownOf(results: (RoundsResult & { name: string })[] | undefined, name: string) {
  const target = named(results, name);
  const floor = named(results, "workerd proxy");
  return target && floor ? ownTime(target, floor) : undefined;
}

export function targetRows(inputs: { gateway?: Json; bundle?: Json; decision?: Json }): Row[] {
  const { gateway, bundle, decision } = inputs;
  const rows: Row[] = [];
  const rev = gateway?.before?.rev ?? DEFAULT_BEFORE;
  const gatewayCommand = `\`npm run bench:gateway -- --before ${rev}\``;

  const overhead: Json[] | undefined = gateway?.overhead?.results;
  const proxy = named(overhead, "workerd proxy");
  const portkey = named(overhead, "portkey");
  for (const [label, kind] of [
    ["pass-through (concrete model)", "model"],
    ["`auto`", "auto"],
  ] as const) {
    const after = ownOf(overhead, `triage (${kind})`);
    const before = ownOf(overhead, `triage before (${kind})`);
    rows.push([
      `Triage's own work per request, median: ${label}`,
      `≤ ${GOALS.ownWorkMs} ms`,
      proxy
        ? `workerd proxy +${fmt(proxy.overheadMs, 3)} ms over direct; Triage's own p99 ${signed(after?.p99Ms, 2)} ms; Portkey's whole overhead ${fmt(portkey?.overheadMs, 3)} ms`
        : "–",
      beforeAfter(before?.medianMs, after?.medianMs, 3, " ms"),
      verdict(after && after.medianMs <= GOALS.ownWorkMs),
      gatewayCommand,
    ]);
  }

  const streaming: Json[] | undefined = gateway?.streaming?.results;
  const streamProxy = named(streaming, "workerd proxy");
  const streamAfter = ownOf(streaming, "triage (model)");
  const streamBefore = ownOf(streaming, "triage before (model)");
  rows.push([
    "Stream first token: Triage's own time over the proxy floor, median",
    `≤ floor + ${GOALS.ttftOwnMs} ms`,
    streamProxy
      ? `floor (workerd proxy) +${fmt(streamProxy.overheadMs, 3)} ms TTFT over direct; \`auto\` +${fmt(ownOf(streaming, "triage (auto)")?.medianMs, 3)} ms`
      : "–",
    beforeAfter(streamBefore?.medianMs, streamAfter?.medianMs, 3, " ms"),
    verdict(streamAfter && streamAfter.medianMs <= GOALS.ttftOwnMs),
    gatewayCommand,
  ]);

  const saturated: Json[] | undefined = gateway?.saturation?.results;
  const pk = named(saturated, "portkey");
  const ratio = (name: string) => {
    const t = named(saturated, name);
    return t && pk ? t.requestsPerCore / pk.requestsPerCore : undefined;
  };
  const after = named(saturated, "triage (model)");
  rows.push([
    `Requests per second per core at saturation (c=${gateway?.saturation?.connections ?? 32}), Triage / Portkey`,
    `≥ ${GOALS.perCoreRatio}×`,
    pk
      ? `Portkey ${fmt(pk.requestsPerCore, 0)} req/s per core (${fmt(pk.cpuMsPerRequest, 3)} ms CPU/req); Triage ${fmt(after?.requestsPerCore, 0)} (${fmt(after?.cpuMsPerRequest, 3)} ms); \`auto\` ${fmt(ratio("triage (auto)"), 2)}×`
      : "–",
    beforeAfter(ratio("triage before (model)"), ratio("triage (model)"), 2, "×"),
    verdict(ratio("triage (model)") === undefined ? undefined : ratio("triage (model)")! >= GOALS.perCoreRatio),
    gatewayCommand,
  ]);

  const cold = gateway?.cold;
  rows.push([
    "Cold start, process start → first answer (full / lite)",
    "reported",
    cold?.portkey ? `Portkey (Node) ${fmt(cold.portkey.startupMs, 0)} ms` : "–",
    cold
      ? `full ${beforeAfter(cold.beforeFull?.startupMs, cold.full?.startupMs, 0, " ms")}; lite ${beforeAfter(cold.beforeLite?.startupMs, cold.lite?.startupMs, 0, " ms")}`
      : "–",
    cold ? "reported" : "not measured",
    gatewayCommand,
  ]);

  // Before → after from the gateway run (both counted there, the same way); else bench:bundle's figure.
  const liteBefore = gateway?.liteGzipBytes?.before as number | undefined;
  const lite =
    (liteBefore === undefined ? undefined : gateway.liteGzipBytes.after) ?? bundle?.withoutClassifier?.total?.gzipBytes;
  rows.push([
    "Lite bundle, gzip",
    `≤ ${GOALS.liteGzipKiB} KiB`,
    bundle ? `full build (with onnxruntime-web) ${fmt(bundle.withClassifier.total.gzipBytes / 1024, 0)} KiB` : "–",
    beforeAfter(
      liteBefore === undefined ? undefined : liteBefore / 1024,
      lite === undefined ? undefined : lite / 1024,
      1,
      " KiB",
    ),
    verdict(lite === undefined ? undefined : lite / 1024 <= GOALS.liteGzipKiB),
    liteBefore === undefined ? "`npm run bench:bundle`" : gatewayCommand,
  ]);

  const at4k: Json[] = decision?.rows?.filter((r: Json) => r.bytes === 4096) ?? [];
  const worst = at4k.length ? Math.max(...at4k.map((r) => r.decideUs.p99)) : undefined;
  rows.push([
    "Decision p99 at 4 KB (worst of ASCII / mixed)",
    `≤ ${GOALS.decisionP99Us4k} µs`,
    at4k.length
      ? `\`JSON.parse\` of the same body p99 ${fmt(Math.max(...at4k.map((r) => r.baselineUs.p99)), 1)} µs`
      : "–",
    // bench:decision runs in Node on this checkout's modules only: the "before" is the text.
    `63–80 µs (issue 19, not this run) → ${fmt(worst, 1)} µs`,
    verdict(worst === undefined ? undefined : worst <= GOALS.decisionP99Us4k),
    "`npm run bench:decision`",
  ]);
  return rows;
}
