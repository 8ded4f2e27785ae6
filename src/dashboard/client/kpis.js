// @ts-check
// The KPI cards along the top: requests, last hour, spend, baseline, savings, providers.
import { h } from "./dom.js";
import { count, money } from "./format.js";

/** @param {any} data */
export function kpis(data) {
  const t = data.stats.totals;
  const lastHour = data.minutes.reduce((/** @type {number} */ n, /** @type {any} */ m) => n + m.requests, 0);
  const breakers = data.health.breakers;
  const open = breakers.filter((/** @type {any} */ b) => b.state !== "closed").length;
  const card = (/** @type {string} */ label, /** @type {string} */ value, /** @type {string} */ sub, good = false) =>
    h(
      "div",
      { class: "kpi" },
      h("div", { class: "label" }, label),
      h("div", { class: `value${good ? " good" : ""}` }, value),
      h("div", { class: "sub" }, sub),
    );
  return [
    card("Requests", count(t.requests), `${data.window.days} days`),
    card("Last hour", count(lastHour), "requests"),
    card("Spend", money(t.cost_usd), `${count(t.requests_with_usage)} with usage`),
    card("Baseline cost", money(t.baseline_cost_usd), data.stats.baseline_model),
    card(
      "Saved",
      money(t.savings_usd),
      t.savings_ratio == null ? "–" : `${(t.savings_ratio * 100).toFixed(1)} % of baseline`,
      t.savings_usd > 0,
    ),
    card(
      "Providers",
      String(data.health.providers.length),
      open ? `${open} breaker${open > 1 ? "s" : ""} not closed` : "all breakers closed",
    ),
  ];
}
