// SetResults -> docs/evaluation.md tables and docs/plots/*.svg.
import type { SetResult } from "./evaluate-set.ts";
import { fixed, table, withInterval } from "../../lib/eval/markdown.ts";
import { intervalBars, lineChart, type Series } from "../../lib/chart.ts";

/** One colour per router, the same in every chart of the report. */
const PALETTE = {
  scorer: "#2563eb",
  classifier: "#8b5cf6",
  cascade: "#ef4444",
  length: "#f59e0b",
  random: "#64748b",
  oracle: "#10b981",
} as const;

export interface Plot {
  file: string;
  svg: string;
}

const pct = (x: number, digits = 1) =>
  Number.isFinite(x) ? `${(100 * x + 0).toFixed(digits).replace(/^-(0\.?0*)$/, "$1")}%` : "n/a";
const slug = (s: string) =>
  s
    .replace(/[^a-z0-9]+/gi, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
const NAMES: Record<string, string> = {
  scorer: "heuristic only (wasm scorer)",
  classifier: "classifier only (ONNX)",
  cascade: "cascade (as deployed)",
  length: "prompt length",
  category: "told the category (train-split gain per category)",
  oracle: "oracle",
};

/** The "told the category" reference is in the tables only: the charts show the routers and the classic baselines. */
const notInPlots = (x: { name: string }) => x.name !== "category";

export function pairTables(r: SetResult): string[] {
  return r.pairs.map((p) => {
    const rows = p.reports.map((x) => [
      NAMES[x.name] ?? x.name,
      withInterval(x.metrics.apgr, x.apgrInterval),
      withInterval(x.metrics.cpt50, x.cpt50Interval),
      withInterval(x.metrics.cpt80, x.cpt80Interval),
      x.apgrDeltaVsReference ? withInterval(x.apgrDeltaVsReference.delta, x.apgrDeltaVsReference.interval) : "",
    ]);
    rows.push([
      "random (expected; 95% of single random routers)",
      `0.500 (${fixed(p.randomSpread.low)}–${fixed(p.randomSpread.high)})`,
      "0.500",
      "0.800",
      "",
    ]);
    return [
      `**${p.name}** — ${p.prompts} prompts; strong \`${p.strong}\` ${fixed(p.qualityStrong)}, weak \`${p.weak}\` ${fixed(p.qualityWeak)}`,
      "",
      table(["router", "APGR [95% CI]", "CPT(50%)", "CPT(80%)", "APGR − length [95% CI]"], rows),
    ].join("\n");
  });
}

export function tierTable(r: SetResult): string {
  if (!r.tiers) return "";
  const labels = Object.entries(r.tiers.cascade.labels)
    .map(([m, s]) => `\`${m}\` ${pct(s)}`)
    .join(", ");
  return [
    `Tier decisions (${r.tiers.cascade.prompts} prompts; cheapest sufficient model: ${labels}):`,
    "",
    table(
      [
        "router",
        "accuracy",
        "under-routing",
        "over-routing",
        "simple / moderate / complex decided",
        "quality of served model",
      ],
      (Object.entries(r.tiers) as [string, NonNullable<SetResult["tiers"]>["cascade"]][]).map(([k, t]) => [
        NAMES[k] ?? k,
        pct(t.accuracy),
        pct(t.underRouting),
        pct(t.overRouting),
        `${pct(t.decided.simple, 0)} / ${pct(t.decided.moderate, 0)} / ${pct(t.decided.complex, 0)}`,
        fixed(t.quality),
      ]),
    ),
  ].join("\n");
}

export function costTable(r: SetResult): string {
  if (!r.cost) return "";
  const c = r.cost;
  const usd = (x: number) => `$${(x * 1000).toFixed(3)}`;
  const rows = Object.entries(c.savings).map(([k, s]) => [
    NAMES[k] ?? k,
    pct(s.onePercent),
    pct(s.onePercentShare, 0),
    pct(s.equal),
  ]);
  return [
    `Costs per 1,000 prompts: \`${c.weak}\` ${usd(c.singles[c.weak]!.cost)} (quality ${fixed(c.singles[c.weak]!.quality)}), ` +
      `\`${c.strong}\` ${usd(c.singles[c.strong]!.cost)} (quality ${fixed(c.singles[c.strong]!.quality)}), ` +
      `oracle ${usd(c.oracle.cost)} (quality ${fixed(c.oracle.quality)}).`,
    "",
    table(
      ["router", "saving at ≤ 1% quality loss vs the best model", "strong share there", "saving at equal quality"],
      rows,
    ),
  ].join("\n");
}

export function pairPlots(r: SetResult): Plot[] {
  return r.pairs.map((p) => {
    const series: Series[] = p.reports.filter(notInPlots).map((x) => ({
      name: x.name,
      points: x.metrics.curve.map((pt) => [pt.strongShare, pt.pgr]),
      color: PALETTE[x.name as keyof typeof PALETTE] ?? "#333",
      ...(x.name === "length" || x.name === "oracle" ? { dash: "5 4" } : {}),
    }));
    series.push({
      name: "random",
      points: [
        [0, 0],
        [1, 1],
      ],
      color: PALETTE.random,
      dash: "2 3",
    });
    return {
      file: `routing-${slug(r.set)}-${slug(p.name)}.svg`,
      svg: lineChart({
        title: `${r.set} — ${p.name} (test split)`,
        xLabel: "share of prompts sent to the strong model",
        yLabel: "performance gap recovered (PGR)",
        series,
        xDomain: [0, 1],
        yDomain: [-0.2, Math.max(1.2, ...series.flatMap((s) => s.points.map((pt) => pt[1]))) + 0.1],
        dots: false,
      }),
    };
  });
}

export function costPlot(r: SetResult): Plot | undefined {
  if (!r.cost) return undefined;
  const c = r.cost;
  const perK = (x: number) => x * 1000;
  const series: Series[] = (["cascade", "scorer", "length"] as const).map((k) => ({
    name: k,
    points: c.curves[k]!.map((p) => [perK(p.cost), p.quality]),
    color: PALETTE[k],
    ...(k === "length" ? { dash: "5 4" } : {}),
  }));
  series.push({
    name: c.weak.split("/").at(-1)!,
    points: [[perK(c.singles[c.weak]!.cost), c.singles[c.weak]!.quality]],
    color: "#8c564b",
    markersOnly: true,
  });
  series.push({
    name: c.strong,
    points: [[perK(c.singles[c.strong]!.cost), c.singles[c.strong]!.quality]],
    color: "#17becf",
    markersOnly: true,
  });
  series.push({
    name: "oracle",
    points: [[perK(c.oracle.cost), c.oracle.quality]],
    color: PALETTE.oracle,
    markersOnly: true,
  });
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const pad = (lo: number, hi: number) => [lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05] as [number, number];
  return {
    file: `cost-${slug(r.set)}.svg`,
    svg: lineChart({
      title: `${r.set}: quality against cost (test split)`,
      subtitle: "dots: one model for every prompt, and the oracle",
      xLabel: "USD per 1,000 prompts",
      yLabel: "mean quality",
      series,
      xDomain: [0, Math.max(...xs) * 1.05],
      yDomain: pad(Math.min(...ys), Math.max(...ys)),
      dots: false,
      tickFormat: (v) => (Math.abs(v) >= 1 ? v.toFixed(1) : v.toFixed(2)),
    }),
  };
}

export function overviewPlot(results: readonly SetResult[]): Plot {
  const groups = results.flatMap((r) =>
    r.pairs.map((p) => ({
      name: p.name === "all prompts" ? r.set.replace("routellm-", "") : `${r.set.replace("routellm-", "")}*`,
      bars: p.reports
        .filter((x) => x.name !== "oracle" && notInPlots(x))
        .map((x) => ({ router: x.name, value: x.metrics.apgr, low: x.apgrInterval.low, high: x.apgrInterval.high })),
    })),
  );
  return {
    file: "apgr-overview.svg",
    svg: intervalBars({
      title: "APGR on the test split, with 95% bootstrap intervals",
      subtitle: "* = a named pair or subset (see the tables)",
      yLabel: "APGR",
      y: [0.3, 1.1],
      groups,
      colors: PALETTE,
      reference: { y: 0.5, label: "random" },
    }),
  };
}
