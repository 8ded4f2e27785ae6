// Small, dependency-free SVG charts for docs/benchmarks.md: horizontal bars (with an optional
// whisker and target line), lines over a log-x axis, and distributions (quantile curves).
// Self-contained files (fonts: system sans), readable on GitHub's light and dark themes.

export const PALETTE = ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#64748b"];
const FONT = `font-family="ui-sans-serif, system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"`;

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const fmt = (value: number) =>
  Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);

function frame(width: number, height: number, title: string, body: string, subtitle = ""): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>
<rect width="100%" height="100%" fill="#ffffff" rx="8"/>
<text x="16" y="26" font-size="15" font-weight="600" fill="#0f172a">${esc(title)}</text>
${subtitle ? `<text x="16" y="44" font-size="11.5" fill="#475569">${esc(subtitle)}</text>` : ""}
${body}
</svg>
`;
}

/** "Nice" axis ticks from 0 (or min) to at least max. */
function ticks(max: number, count = 5, min = 0): number[] {
  const span = max - min || 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.floor(min / step) * step; out.length < 50; v += step) {
    out.push(Number(v.toFixed(10)));
    if (v >= max) break; // the first tick at or past the data ends the axis
  }
  return out;
}

export interface Bar {
  label: string;
  value: number;
  /** Optional whisker end (e.g. p99), drawn as a thin line past the bar. */
  whisker?: number;
  color?: string;
  /** Text after the bar (default: the value and unit). */
  note?: string;
}

export function horizontalBars(options: {
  title: string;
  subtitle?: string;
  unit: string;
  bars: Bar[];
  /** A vertical dashed line (a target), with its label. */
  target?: { value: number; label: string };
  /** Axis end: longer bars are cut there and marked (their note still gives the value). */
  clipAt?: number;
  width?: number;
}): string {
  const width = options.width ?? 760;
  const left = 170;
  const right = 150;
  const top = options.subtitle ? 64 : 48;
  const row = 34;
  const plotW = width - left - right;
  const max =
    options.clipAt ??
    Math.max(...options.bars.map((b) => Math.max(b.value, b.whisker ?? 0)), options.target?.value ?? 0) * 1.05;
  const axis = ticks(max);
  const xMax = axis.at(-1)!;
  const x = (v: number) => left + (Math.max(0, v) / xMax) * plotW;
  const height = top + options.bars.length * row + 40;
  let body = "";
  for (const t of axis) {
    body += `<line x1="${x(t)}" y1="${top - 6}" x2="${x(t)}" y2="${height - 34}" stroke="#e2e8f0"/>`;
    body += `<text x="${x(t)}" y="${height - 18}" font-size="11" fill="#64748b" text-anchor="middle">${fmt(t)}</text>`;
  }
  body += `<text x="${left + plotW / 2}" y="${height - 4}" font-size="11" fill="#64748b" text-anchor="middle">${esc(options.unit)}</text>`;
  options.bars.forEach((bar, i) => {
    const y = top + i * row;
    const color = bar.color ?? PALETTE[i % PALETTE.length];
    body += `<text x="${left - 10}" y="${y + 16}" font-size="12.5" fill="#0f172a" text-anchor="end">${esc(bar.label)}</text>`;
    const clipped = bar.value > xMax;
    const barEnd = clipped ? left + plotW : x(bar.value);
    body += `<rect x="${left}" y="${y + 4}" width="${Math.max(1, barEnd - left)}" height="18" rx="3" fill="${color}"/>`;
    if (clipped)
      body += `<text x="${barEnd - 16}" y="${y + 17}" font-size="13" font-weight="700" fill="#ffffff">»</text>`;
    if (bar.whisker !== undefined && bar.whisker > bar.value) {
      body += `<line x1="${x(bar.value)}" y1="${y + 13}" x2="${x(bar.whisker)}" y2="${y + 13}" stroke="${color}" stroke-width="1.5"/>`;
      body += `<line x1="${x(bar.whisker)}" y1="${y + 7}" x2="${x(bar.whisker)}" y2="${y + 19}" stroke="${color}" stroke-width="1.5"/>`;
    }
    const end = Math.min(left + plotW, Math.max(x(bar.value), bar.whisker !== undefined ? x(bar.whisker) : 0));
    body += `<text x="${end + 6}" y="${y + 17}" font-size="12" fill="#334155">${esc(bar.note ?? `${fmt(bar.value)} ${options.unit}`)}</text>`;
  });
  if (options.target) {
    const tx = x(options.target.value);
    body += `<line x1="${tx}" y1="${top - 8}" x2="${tx}" y2="${height - 34}" stroke="#dc2626" stroke-dasharray="5 4" stroke-width="1.5"/>`;
    body += `<text x="${tx + 4}" y="${top - 10}" font-size="11" fill="#dc2626">${esc(options.target.label)}</text>`;
  }
  return frame(width, height, options.title, body, options.subtitle);
}

export interface Series {
  name: string;
  points: [number, number][];
  color?: string;
  dashed?: boolean;
}

/** Lines over x (log scale when logX), with a legend and an optional horizontal target. */
export function lineChart(options: {
  title: string;
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  logX?: boolean;
  xTickFormat?: (v: number) => string;
  /** Explicit x ticks (and domain: first to last); default: every distinct x value. */
  xTicks?: number[];
  /** Explicit y ticks (the last is the top of the axis); default: from 0 to just above the data. */
  yTicks?: number[];
  target?: { value: number; label: string };
  width?: number;
  height?: number;
}): string {
  const width = options.width ?? 760;
  const height = options.height ?? 380;
  const left = 64;
  const right = 170;
  const top = options.subtitle ? 64 : 48;
  const bottom = 52;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const xs = options.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = options.series.flatMap((s) => s.points.map((p) => p[1]));
  const tx = (v: number) => (options.logX ? Math.log2(v) : v);
  const xMin = tx(options.xTicks ? options.xTicks[0]! : Math.min(...xs));
  const xMax = tx(options.xTicks ? options.xTicks.at(-1)! : Math.max(...xs));
  const yAxis = options.yTicks ?? ticks(Math.max(...ys, options.target?.value ?? 0) * 1.05);
  const yMax = yAxis.at(-1)!;
  const x = (v: number) => left + ((tx(v) - xMin) / (xMax - xMin || 1)) * plotW;
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  let body = "";
  for (const t of yAxis) {
    body += `<line x1="${left}" y1="${y(t)}" x2="${left + plotW}" y2="${y(t)}" stroke="#e2e8f0"/>`;
    body += `<text x="${left - 8}" y="${y(t) + 4}" font-size="11" fill="#64748b" text-anchor="end">${fmt(t)}</text>`;
  }
  for (const v of options.xTicks ?? [...new Set(xs)].sort((a, b) => a - b)) {
    body += `<text x="${x(v)}" y="${top + plotH + 18}" font-size="11" fill="#64748b" text-anchor="middle">${esc(options.xTickFormat ? options.xTickFormat(v) : fmt(v))}</text>`;
  }
  body += `<text x="${left + plotW / 2}" y="${height - 10}" font-size="11.5" fill="#475569" text-anchor="middle">${esc(options.xLabel)}</text>`;
  body += `<text transform="translate(16 ${top + plotH / 2}) rotate(-90)" font-size="11.5" fill="#475569" text-anchor="middle">${esc(options.yLabel)}</text>`;
  if (options.target) {
    body += `<line x1="${left}" y1="${y(options.target.value)}" x2="${left + plotW}" y2="${y(options.target.value)}" stroke="#dc2626" stroke-dasharray="5 4" stroke-width="1.5"/>`;
    body += `<text x="${left + plotW - 6}" y="${y(options.target.value) - 6}" font-size="11" fill="#dc2626" text-anchor="end">${esc(options.target.label)}</text>`;
  }
  options.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    const d = s.points.map((p, j) => `${j ? "L" : "M"}${x(p[0]).toFixed(1)} ${y(p[1]).toFixed(1)}`).join(" ");
    body += `<path d="${d}" fill="none" stroke="${color}" stroke-width="2.2"${s.dashed ? ' stroke-dasharray="6 4"' : ""}/>`;
    for (const p of s.points)
      body += `<circle cx="${x(p[0]).toFixed(1)}" cy="${y(p[1]).toFixed(1)}" r="3" fill="${color}"/>`;
    const ly = top + 8 + i * 20;
    body += `<line x1="${left + plotW + 16}" y1="${ly}" x2="${left + plotW + 36}" y2="${ly}" stroke="${color}" stroke-width="2.2"${s.dashed ? ' stroke-dasharray="6 4"' : ""}/>`;
    body += `<text x="${left + plotW + 42}" y="${ly + 4}" font-size="12" fill="#0f172a">${esc(s.name)}</text>`;
  });
  return frame(width, height, options.title, body, options.subtitle);
}

/** Latency distributions: each series' quantile curve (x = latency, y = percentile). */
export function distributionChart(options: {
  title: string;
  subtitle?: string;
  unit: string;
  series: { name: string; quantiles: number[]; color?: string }[];
  /** Clip the x axis at this quantile of the slowest series (tails would flatten the rest). */
  clipQuantile?: number;
  width?: number;
}): string {
  const clip = options.clipQuantile ?? 0.99;
  const at = (q: number[], p: number) => q[Math.round(p * (q.length - 1))]!;
  const maxX = Math.max(...options.series.map((s) => at(s.quantiles, clip)));
  const axis = ticks(maxX);
  return lineChart({
    title: options.title,
    ...(options.subtitle ? { subtitle: options.subtitle } : {}),
    xLabel: options.unit,
    yLabel: "percentile",
    xTicks: axis,
    yTicks: [0, 25, 50, 75, 100],
    series: options.series.map((s) => ({
      name: s.name,
      ...(s.color ? { color: s.color } : {}),
      points: s.quantiles
        .map((v, i) => [v, (i / (s.quantiles.length - 1)) * 100] as [number, number])
        .filter(([v], i) => v <= axis.at(-1)! && i % 2 === 0),
    })),
    ...(options.width ? { width: options.width } : {}),
  });
}
