// @ts-check
// The SVG charts: per-minute spend and tier bars, the tier-mix donut, daily spend bars.
import { empty, h, legend, s } from "./dom.js";
import { clock, count, money } from "./format.js";

const TIERS = ["simple", "moderate", "complex"];
const TIER_COLORS = { simple: "#10b981", moderate: "#f59e0b", complex: "#8b5cf6" };
const COST = "#2563eb";
const BASELINE = "#cbd5e1";

/**
 * Per-minute slots over the window, oldest first.
 * @param {any[]} rows @param {number} sinceMinute @param {number} minutes the window's length
 */
export function minuteSlots(rows, sinceMinute, minutes) {
  const slots = Array.from({ length: minutes }, (_, i) => ({
    minute: sinceMinute + i,
    cost: 0,
    baseline: 0,
    /** @type {Record<string, number>} */
    tiers: { simple: 0, moderate: 0, complex: 0 },
  }));
  for (const row of rows) {
    const slot = slots[row.minute - sinceMinute];
    if (!slot) continue;
    slot.cost += row.cost_usd;
    slot.baseline += row.baseline_cost_usd;
    slot.tiers[row.tier] = (slot.tiers[row.tier] ?? 0) + row.requests;
  }
  return slots;
}

/**
 * A bar chart over the minute slots: each slot has stacked segments.
 * @param {ReturnType<typeof minuteSlots>} slots
 * @param {(slot: ReturnType<typeof minuteSlots>[number]) => { value: number, color: string, title: string }[]} segments
 * @param {(v: number) => string} format
 * @param {boolean} [overlay] draw segments on top of each other from zero (not stacked)
 */
function minuteBars(slots, segments, format, overlay = false) {
  const W = 720;
  const H = 200;
  const left = 58;
  const bottom = 22;
  const plotW = W - left - 8;
  const plotH = H - bottom - 10;
  const totals = slots.map((slot) =>
    overlay ? Math.max(0, ...segments(slot).map((g) => g.value)) : segments(slot).reduce((sum, g) => sum + g.value, 0),
  );
  const max = Math.max(...totals) || 1;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img" });
  for (const f of [0, 0.5, 1]) {
    const y = 10 + plotH - f * plotH;
    svg.append(s("line", { x1: left, x2: W - 8, y1: y, y2: y, stroke: "#e2e8f0" }));
    svg.append(s("text", { x: left - 6, y: y + 4, "text-anchor": "end" }, format(max * f)));
  }
  const step = plotW / slots.length;
  slots.forEach((slot, i) => {
    const x = left + i * step + step * 0.15;
    let base = 10 + plotH;
    for (const g of segments(slot)) {
      if (g.value <= 0) continue;
      const height = (g.value / max) * plotH;
      const y = overlay ? 10 + plotH - height : base - height;
      const rect = s("rect", {
        x: x.toFixed(1),
        y: y.toFixed(1),
        width: (step * 0.7).toFixed(1),
        height: height.toFixed(1),
        rx: 1.5,
        fill: g.color,
      });
      rect.append(s("title", {}, `${clock(slot.minute * 60000)} · ${g.title}`));
      svg.append(rect);
      if (!overlay) base -= height;
    }
    if (i % 10 === 0 || i === slots.length - 1) {
      const last = i === slots.length - 1;
      const anchor = i === 0 ? "start" : last ? "end" : "middle";
      const tx = last ? x + step * 0.7 : i === 0 ? x : x + step * 0.35;
      svg.append(s("text", { x: tx.toFixed(1), y: H - 6, "text-anchor": anchor }, clock(slot.minute * 60000)));
    }
  });
  return svg;
}

/** Spend against the baseline, per minute. @param {ReturnType<typeof minuteSlots>} slots */
export function spendChart(slots) {
  const spend = h(
    "div",
    null,
    minuteBars(
      slots,
      (slot) => [
        { value: slot.baseline, color: BASELINE, title: `baseline ${money(slot.baseline)}` },
        {
          value: slot.cost,
          color: COST,
          title: `spend ${money(slot.cost)} (saved ${money(slot.baseline - slot.cost)})`,
        },
      ],
      money,
      true,
    ),
  );
  spend.append(
    legend([
      { label: "spend", color: COST },
      { label: "same tokens on the baseline model", color: BASELINE },
    ]),
  );
  return spend;
}

/** Requests per minute, stacked by tier. @param {ReturnType<typeof minuteSlots>} slots */
export function tierChart(slots) {
  const tiers = h(
    "div",
    null,
    minuteBars(
      slots,
      (slot) =>
        TIERS.map((t) => ({
          value: slot.tiers[t] ?? 0,
          color: TIER_COLORS[/** @type {"simple"} */ (t)],
          title: `${t}: ${slot.tiers[t] ?? 0} requests`,
        })),
      (v) => v.toFixed(v < 10 ? 1 : 0),
    ),
  );
  tiers.append(legend(TIERS.map((t) => ({ label: t, color: TIER_COLORS[/** @type {"simple"} */ (t)] }))));
  return tiers;
}

/** @param {any} stats */
export function tierDonut(stats) {
  const total = stats.totals.requests;
  if (!total) return empty("No traffic yet.");
  const size = 180;
  const r = 64;
  const c = 2 * Math.PI * r;
  const svg = s("svg", { viewBox: `0 0 ${size} ${size}`, role: "img", class: "donut" });
  let offset = 0;
  for (const tier of TIERS) {
    const n = stats.by_tier[tier]?.requests ?? 0;
    if (!n) continue;
    const len = (n / total) * c;
    const arc = s("circle", {
      cx: size / 2,
      cy: size / 2,
      r,
      fill: "none",
      stroke: TIER_COLORS[/** @type {"simple"} */ (tier)],
      "stroke-width": 26,
      "stroke-dasharray": `${len.toFixed(2)} ${(c - len).toFixed(2)}`,
      "stroke-dashoffset": (-offset).toFixed(2),
      transform: `rotate(-90 ${size / 2} ${size / 2})`,
    });
    arc.append(s("title", {}, `${tier}: ${count(n)} requests`));
    svg.append(arc);
    offset += len;
  }
  svg.append(
    s(
      "text",
      { x: size / 2, y: size / 2 - 2, "text-anchor": "middle", "font-size": 22, "font-weight": 650, fill: "#0f172a" },
      count(total),
    ),
  );
  svg.append(s("text", { x: size / 2, y: size / 2 + 16, "text-anchor": "middle" }, "requests"));
  const wrap = h("div", { class: "donut-wrap" }, svg);
  wrap.append(
    legend(
      TIERS.map((tier) => {
        const n = stats.by_tier[tier]?.requests ?? 0;
        return {
          label: `${tier} ${Math.round((n / total) * 100)} % (${count(n)})`,
          color: TIER_COLORS[/** @type {"simple"} */ (tier)],
        };
      }),
    ),
  );
  return wrap;
}

/** @param {any} stats */
export function dailyBars(stats) {
  const days = Object.entries(stats.by_day);
  if (!days.length) return empty("No traffic yet.");
  const W = 360;
  const H = 200;
  const left = 64;
  const plotH = H - 32;
  const max = Math.max(...days.map(([, d]) => Math.max(d.cost_usd, d.baseline_cost_usd))) || 1;
  const step = (W - left - 8) / Math.max(days.length, 7);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img" });
  for (const f of [0, 0.5, 1]) {
    const y = 10 + plotH - f * plotH;
    svg.append(s("line", { x1: left, x2: W - 8, y1: y, y2: y, stroke: "#e2e8f0" }));
    svg.append(s("text", { x: left - 6, y: y + 4, "text-anchor": "end" }, money(max * f)));
  }
  days.forEach(([day, d], i) => {
    const x = left + i * step;
    for (const [j, value, color, label] of /** @type {[number, number, string, string][]} */ ([
      [0, d.baseline_cost_usd, BASELINE, "baseline"],
      [1, d.cost_usd, COST, "spend"],
    ])) {
      const height = (value / max) * plotH;
      const rect = s("rect", {
        x: (x + step * (0.12 + j * 0.38)).toFixed(1),
        y: (10 + plotH - height).toFixed(1),
        width: (step * 0.36).toFixed(1),
        height: height.toFixed(1),
        rx: 1.5,
        fill: color,
      });
      rect.append(s("title", {}, `${day} · ${label} ${money(value)}`));
      svg.append(rect);
    }
    svg.append(s("text", { x: (x + step / 2).toFixed(1), y: H - 6, "text-anchor": "middle" }, day.slice(5)));
  });
  const wrap = h("div", null, svg);
  wrap.append(
    legend([
      { label: "spend", color: COST },
      { label: "baseline model", color: BASELINE },
    ]),
  );
  return wrap;
}
