// The one chart writer of tools/: small, dependency-free SVG for docs/benchmarks.md and
// docs/evaluation.md: horizontal bars (with an optional whisker and target line), lines (log-x,
// explicit domains, marker-only series, guides), distributions (quantile curves) and grouped bars
// with 95% intervals. Self-contained files (fonts: system sans), readable on GitHub's light and dark
// themes. Written by hand: a charting package would bring a DOM or a browser for four chart kinds.

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

/** The round step (1, 2, 2.5 or 5 × 10^k) that cuts `span` into about `count` parts. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
}

/** "Nice" axis ticks from 0 (or min) to at least max. */
export function ticks(max: number, count = 5, min = 0): number[] {
  const step = niceStep(max - min || 1, count);
  const out: number[] = [];
  for (let v = Math.floor(min / step) * step; out.length < 50; v += step) {
    out.push(Number(v.toFixed(10)));
    if (v >= max) break; // the first tick at or past the data ends the axis
  }
  return out;
}

/** Round ticks inside [lo, hi] (an axis with a fixed domain). */
export function ticksWithin([lo, hi]: readonly [number, number], count = 6): number[] {
  const step = niceStep(hi - lo, count);
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toPrecision(12)));
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
  /** A stroke pattern of its own (overrides `dashed`). */
  dash?: string;
  /** Points only, no line (one model for every prompt, an oracle point). */
  markersOnly?: boolean;
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
  /** Format of the y ticks (and of the x ticks without xTickFormat); default: by magnitude. */
  tickFormat?: (v: number) => string;
  /** Explicit x ticks (and domain: first to last); default: every distinct x value. */
  xTicks?: number[];
  /** Explicit y ticks (the last is the top of the axis); default: from 0 to just above the data. */
  yTicks?: number[];
  /** Fixed domains (ticks inside them; y values outside are drawn at the edge). */
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** A dot at every point of a line (default: yes; off for dense curves). */
  dots?: boolean;
  /** Vertical dashed guides (e.g. tier boundaries), labelled. */
  guides?: { x: number; label: string }[];
  target?: { value: number; label: string };
  width?: number;
  height?: number;
}): string {
  const height = options.height ?? 380;
  const left = 64;
  // Room for the legend: long model names widen the chart instead of running off its edge.
  const longest = Math.max(0, ...options.series.map((s) => s.name.length));
  const right = Math.max(170, Math.ceil(48 + 6.6 * longest));
  const width = (options.width ?? 760) + right - 170;
  const top = options.subtitle ? 64 : 48;
  const bottom = 52;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const xs = options.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = options.series.flatMap((s) => s.points.map((p) => p[1]));
  const tx = (v: number) => (options.logX ? Math.log2(v) : v);
  const xFirst = options.xDomain?.[0] ?? (options.xTicks ? options.xTicks[0]! : Math.min(...xs));
  const xLast = options.xDomain?.[1] ?? (options.xTicks ? options.xTicks.at(-1)! : Math.max(...xs));
  const xMin = tx(xFirst);
  const xMax = tx(xLast);
  const yAxis =
    options.yTicks ??
    (options.yDomain ? ticksWithin(options.yDomain) : ticks(Math.max(...ys, options.target?.value ?? 0) * 1.05));
  const yMin = options.yDomain?.[0] ?? yAxis[0]!;
  const yMax = options.yDomain?.[1] ?? yAxis.at(-1)!;
  const clampY = (v: number) => (options.yDomain ? Math.min(Math.max(v, yMin), yMax) : v);
  const x = (v: number) => left + ((tx(v) - xMin) / (xMax - xMin || 1)) * plotW;
  const y = (v: number) => top + plotH - ((clampY(v) - yMin) / (yMax - yMin)) * plotH;
  const yFormat = options.tickFormat ?? fmt;
  const xFormat = options.xTickFormat ?? yFormat;
  const xTickValues =
    options.xTicks ?? (options.xDomain ? ticksWithin(options.xDomain) : [...new Set(xs)].sort((a, b) => a - b));
  let body = "";
  for (const t of yAxis) {
    body += `<line x1="${left}" y1="${y(t)}" x2="${left + plotW}" y2="${y(t)}" stroke="#e2e8f0"/>`;
    body += `<text x="${left - 8}" y="${y(t) + 4}" font-size="11" fill="#64748b" text-anchor="end">${esc(yFormat(t))}</text>`;
  }
  for (const v of xTickValues) {
    body += `<text x="${x(v)}" y="${top + plotH + 18}" font-size="11" fill="#64748b" text-anchor="middle">${esc(xFormat(v))}</text>`;
  }
  body += `<text x="${left + plotW / 2}" y="${height - 10}" font-size="11.5" fill="#475569" text-anchor="middle">${esc(options.xLabel)}</text>`;
  body += `<text transform="translate(16 ${top + plotH / 2}) rotate(-90)" font-size="11.5" fill="#475569" text-anchor="middle">${esc(options.yLabel)}</text>`;
  for (const g of options.guides ?? []) {
    body += `<line x1="${x(g.x)}" y1="${top}" x2="${x(g.x)}" y2="${top + plotH}" stroke="#64748b" stroke-dasharray="2 3"/>`;
    body += `<text x="${x(g.x) + 3}" y="${top + 12}" font-size="11" fill="#64748b">${esc(g.label)}</text>`;
  }
  if (options.target) {
    body += `<line x1="${left}" y1="${y(options.target.value)}" x2="${left + plotW}" y2="${y(options.target.value)}" stroke="#dc2626" stroke-dasharray="5 4" stroke-width="1.5"/>`;
    body += `<text x="${left + plotW - 6}" y="${y(options.target.value) - 6}" font-size="11" fill="#dc2626" text-anchor="end">${esc(options.target.label)}</text>`;
  }
  options.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    const dash = s.dash ?? (s.dashed ? "6 4" : undefined);
    const stroke = `stroke="${color}" stroke-width="2.2"${dash ? ` stroke-dasharray="${dash}"` : ""}`;
    const ly = top + 8 + i * 20;
    if (s.markersOnly) {
      for (const p of s.points)
        body += `<circle cx="${x(p[0]).toFixed(1)}" cy="${y(p[1]).toFixed(1)}" r="4.5" fill="${color}" stroke="#ffffff"/>`;
      body += `<circle cx="${left + plotW + 26}" cy="${ly}" r="4.5" fill="${color}"/>`;
    } else {
      const d = s.points.map((p, j) => `${j ? "L" : "M"}${x(p[0]).toFixed(1)} ${y(p[1]).toFixed(1)}`).join(" ");
      body += `<path d="${d}" fill="none" ${stroke}/>`;
      if (options.dots ?? true)
        for (const p of s.points)
          body += `<circle cx="${x(p[0]).toFixed(1)}" cy="${y(p[1]).toFixed(1)}" r="3" fill="${color}"/>`;
      body += `<line x1="${left + plotW + 16}" y1="${ly}" x2="${left + plotW + 36}" y2="${ly}" ${stroke}/>`;
    }
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

/** Groups of bars (one per router) with their 95% intervals, and an optional reference line. */
export function intervalBars(options: {
  title: string;
  subtitle?: string;
  yLabel: string;
  /** The y domain (ticks inside it; bars are cut at its edges). */
  y: [number, number];
  /** Groups along x (e.g. data sets), each with one bar per router. */
  groups: { name: string; bars: { router: string; value: number; low: number; high: number }[] }[];
  colors: Readonly<Record<string, string>>;
  /** A horizontal reference (e.g. random = 0.5). */
  reference?: { y: number; label: string };
  width?: number;
  height?: number;
}): string {
  const width = options.width ?? 760;
  const height = options.height ?? 380;
  const left = 56;
  const right = 140;
  const top = options.subtitle ? 64 : 48;
  const bottom = 46;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const [lo, hi] = options.y;
  const y = (v: number) => top + plotH - ((Math.min(Math.max(v, lo), hi) - lo) / (hi - lo)) * plotH;
  const r2 = (v: number) => v.toFixed(1);
  const routers = [...new Set(options.groups.flatMap((g) => g.bars.map((b) => b.router)))];
  const colorOf = (router: string) => options.colors[router] ?? PALETTE[routers.indexOf(router) % PALETTE.length]!;
  const groupW = plotW / options.groups.length;
  const barW = (groupW * 0.8) / routers.length;
  let body = "";
  for (const t of ticksWithin(options.y)) {
    body += `<line x1="${left}" y1="${r2(y(t))}" x2="${left + plotW}" y2="${r2(y(t))}" stroke="#e2e8f0"/>`;
    body += `<text x="${left - 8}" y="${r2(y(t) + 4)}" font-size="11" fill="#64748b" text-anchor="end">${t.toFixed(2)}</text>`;
  }
  body += `<text transform="translate(16 ${top + plotH / 2}) rotate(-90)" font-size="11.5" fill="#475569" text-anchor="middle">${esc(options.yLabel)}</text>`;
  options.groups.forEach((g, gi) => {
    const x0 = left + gi * groupW + groupW * 0.1;
    for (const b of g.bars) {
      const bx = x0 + routers.indexOf(b.router) * barW;
      body += `<rect x="${r2(bx)}" y="${r2(y(b.value))}" width="${r2(barW * 0.9)}" height="${r2(y(lo) - y(b.value))}" rx="2" fill="${colorOf(b.router)}" fill-opacity="0.8"/>`;
      const cx = r2(bx + barW * 0.45);
      body += `<line x1="${cx}" y1="${r2(y(b.low))}" x2="${cx}" y2="${r2(y(b.high))}" stroke="#0f172a"/>`;
      for (const v of [b.low, b.high])
        body += `<line x1="${r2(bx + barW * 0.45 - 3)}" y1="${r2(y(v))}" x2="${r2(bx + barW * 0.45 + 3)}" y2="${r2(y(v))}" stroke="#0f172a"/>`;
    }
    body += `<text x="${r2(left + gi * groupW + groupW / 2)}" y="${top + plotH + 18}" font-size="11" fill="#64748b" text-anchor="middle">${esc(g.name)}</text>`;
  });
  if (options.reference) {
    const ry = r2(y(options.reference.y));
    body += `<line x1="${left}" y1="${ry}" x2="${left + plotW}" y2="${ry}" stroke="#dc2626" stroke-dasharray="5 4" stroke-width="1.5"/>`;
    body += `<text x="${left + plotW - 6}" y="${r2(y(options.reference.y) - 6)}" font-size="11" fill="#dc2626" text-anchor="end">${esc(options.reference.label)}</text>`;
  }
  routers.forEach((router, i) => {
    const ly = top + 8 + i * 20;
    body += `<rect x="${left + plotW + 16}" y="${ly - 6}" width="14" height="10" rx="2" fill="${colorOf(router)}" fill-opacity="0.8"/>`;
    body += `<text x="${left + plotW + 36}" y="${ly + 4}" font-size="12" fill="#0f172a">${esc(router)}</text>`;
  });
  return frame(width, height, options.title, body, options.subtitle);
}
