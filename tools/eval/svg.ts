// Small, dependency-free SVG charts for docs/evaluation.md: line charts (routing
// curves, cost-quality curves) and interval bar charts (APGR with 95% CIs).
// Plain SVG 1.1 with system fonts, so GitHub and any browser render it.

export interface Series {
  name: string;
  points: readonly { x: number; y: number }[];
  color: string;
  dash?: string;
  /** Draw markers only (single models, oracle points). */
  markers?: boolean;
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  x: [number, number];
  y: [number, number];
  width?: number;
  height?: number;
  /** Axis tick formatter. */
  format?: (v: number) => string;
  /** Vertical guide lines (e.g. tier boundaries) with labels. */
  guides?: readonly { x: number; label: string }[];
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const num = (v: number) => Number(v.toFixed(2));

export const PALETTE = {
  scorer: "#1f77b4",
  classifier: "#9467bd",
  cascade: "#d62728",
  length: "#ff7f0e",
  random: "#7f7f7f",
  oracle: "#2ca02c",
} as const;

/** Round tick values (steps of 1, 2, 2.5 or 5 x 10^k) inside [lo, hi]. */
export function ticks([lo, hi]: [number, number], approx = 6): number[] {
  const raw = (hi - lo) / approx;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export function lineChart(c: LineChart): string {
  const W = c.width ?? 560;
  const H = c.height ?? 380;
  const m = { left: 62, right: 190, top: 34, bottom: 48 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const fmt = c.format ?? ((v: number) => v.toFixed(2));
  const sx = (x: number) => m.left + ((x - c.x[0]) / (c.x[1] - c.x[0])) * pw;
  const sy = (y: number) => m.top + ph - ((Math.min(Math.max(y, c.y[0]), c.y[1]) - c.y[0]) / (c.y[1] - c.y[0])) * ph;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${m.left}" y="20" font-size="13" font-weight="bold">${esc(c.title)}</text>`,
  ];
  for (const t of ticks(c.x)) {
    out.push(`<line x1="${num(sx(t))}" y1="${m.top}" x2="${num(sx(t))}" y2="${m.top + ph}" stroke="#eee"/>`);
    out.push(`<text x="${num(sx(t))}" y="${m.top + ph + 15}" text-anchor="middle">${esc(fmt(t))}</text>`);
  }
  for (const t of ticks(c.y)) {
    out.push(`<line x1="${m.left}" y1="${num(sy(t))}" x2="${m.left + pw}" y2="${num(sy(t))}" stroke="#eee"/>`);
    out.push(`<text x="${m.left - 6}" y="${num(sy(t)) + 4}" text-anchor="end">${esc(fmt(t))}</text>`);
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${m.left + pw / 2}" y="${H - 10}" text-anchor="middle">${esc(c.xLabel)}</text>`);
  out.push(
    `<text transform="translate(16 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(c.yLabel)}</text>`,
  );
  for (const g of c.guides ?? []) {
    out.push(
      `<line x1="${num(sx(g.x))}" y1="${m.top}" x2="${num(sx(g.x))}" y2="${m.top + ph}" stroke="#555" stroke-dasharray="2 3"/>`,
    );
    out.push(`<text x="${num(sx(g.x)) + 3}" y="${m.top + 12}" fill="#555">${esc(g.label)}</text>`);
  }
  c.series.forEach((s, i) => {
    if (s.markers) {
      for (const p of s.points) {
        out.push(`<circle cx="${num(sx(p.x))}" cy="${num(sy(p.y))}" r="4" fill="${s.color}" stroke="white"/>`);
      }
    } else if (s.points.length > 0) {
      const d = s.points.map((p, j) => `${j === 0 ? "M" : "L"}${num(sx(p.x))} ${num(sy(p.y))}`).join(" ");
      out.push(
        `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
      );
    }
    const ly = m.top + 10 + i * 18;
    const lx = m.left + pw + 12;
    out.push(
      s.markers
        ? `<circle cx="${lx + 10}" cy="${ly - 4}" r="4" fill="${s.color}"/>`
        : `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 20}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
    );
    out.push(`<text x="${lx + 26}" y="${ly}">${esc(s.name)}</text>`);
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}

export interface IntervalBars {
  title: string;
  yLabel: string;
  y: [number, number];
  /** Groups along x (e.g. data sets), each with one bar per router. */
  groups: readonly { name: string; bars: readonly { router: string; value: number; low: number; high: number }[] }[];
  colors: Record<string, string>;
  /** Horizontal reference line (e.g. random = 0.5). */
  reference?: { y: number; label: string };
  width?: number;
  height?: number;
}

export function intervalBars(c: IntervalBars): string {
  const W = c.width ?? 760;
  const H = c.height ?? 360;
  const m = { left: 56, right: 130, top: 34, bottom: 62 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const sy = (y: number) => m.top + ph - ((Math.min(Math.max(y, c.y[0]), c.y[1]) - c.y[0]) / (c.y[1] - c.y[0])) * ph;
  const routers = [...new Set(c.groups.flatMap((g) => g.bars.map((b) => b.router)))];
  const gw = pw / c.groups.length;
  const bw = (gw * 0.8) / routers.length;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${m.left}" y="20" font-size="13" font-weight="bold">${esc(c.title)}</text>`,
  ];
  for (const t of ticks(c.y)) {
    out.push(`<line x1="${m.left}" y1="${num(sy(t))}" x2="${m.left + pw}" y2="${num(sy(t))}" stroke="#eee"/>`);
    out.push(`<text x="${m.left - 6}" y="${num(sy(t)) + 4}" text-anchor="end">${t.toFixed(2)}</text>`);
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  out.push(
    `<text transform="translate(16 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(c.yLabel)}</text>`,
  );
  c.groups.forEach((g, gi) => {
    const x0 = m.left + gi * gw + gw * 0.1;
    g.bars.forEach((b) => {
      const x = x0 + routers.indexOf(b.router) * bw;
      const color = c.colors[b.router] ?? "#999";
      out.push(
        `<rect x="${num(x)}" y="${num(sy(b.value))}" width="${num(bw * 0.9)}" height="${num(sy(c.y[0]) - sy(b.value))}" fill="${color}" fill-opacity="0.75"/>`,
      );
      const cx = num(x + bw * 0.45);
      out.push(`<line x1="${cx}" y1="${num(sy(b.low))}" x2="${cx}" y2="${num(sy(b.high))}" stroke="#222"/>`);
      for (const y of [b.low, b.high]) {
        out.push(`<line x1="${cx - 3}" y1="${num(sy(y))}" x2="${cx + 3}" y2="${num(sy(y))}" stroke="#222"/>`);
      }
    });
    out.push(
      `<text x="${num(m.left + gi * gw + gw / 2)}" y="${m.top + ph + 16}" text-anchor="middle">${esc(g.name)}</text>`,
    );
  });
  if (c.reference) {
    out.push(
      `<line x1="${m.left}" y1="${num(sy(c.reference.y))}" x2="${m.left + pw}" y2="${num(sy(c.reference.y))}" stroke="#555" stroke-dasharray="4 3"/>`,
    );
    out.push(
      `<text x="${m.left + pw - 4}" y="${num(sy(c.reference.y)) - 4}" text-anchor="end" fill="#555">${esc(c.reference.label)}</text>`,
    );
  }
  routers.forEach((r, i) => {
    const ly = m.top + 10 + i * 18;
    const lx = m.left + pw + 12;
    out.push(
      `<rect x="${lx}" y="${ly - 10}" width="14" height="10" fill="${c.colors[r] ?? "#999"}" fill-opacity="0.75"/>`,
    );
    out.push(`<text x="${lx + 20}" y="${ly}">${esc(r)}</text>`);
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}
