// @ts-check
// The recent-decisions table (no prompt text is ever stored, so none is shown).
import { empty, h, pill } from "./dom.js";
import { money } from "./format.js";

/** @param {any[]} recent */
export function recentTable(recent) {
  if (!recent.length) return empty("No decisions recorded yet.");
  const head = [
    "Time",
    "Request",
    "Tier",
    "Stage",
    "Model",
    "Score",
    "Attempts",
    "Est. cost",
    "Cost",
    "Baseline",
    "Saved",
  ];
  const numeric = new Set(["Score", "Attempts", "Est. cost", "Cost", "Baseline", "Saved"]);
  const rows = recent.map((d) => {
    const saved = d.cost_usd != null && d.baseline_cost_usd != null ? d.baseline_cost_usd - d.cost_usd : null;
    const tier = h("span", null, pill(d.tier));
    if (d.decided_tier !== d.tier) tier.append(h("span", { class: "muted small" }, ` from ${d.decided_tier}`));
    const cells = [
      new Date(d.at).toLocaleTimeString("en-GB"),
      h("code", { title: d.request_id }, d.request_id.slice(0, 8)),
      tier,
      d.stage + (d.stream ? " · stream" : ""),
      h("code", { class: "model", title: d.model }, d.model),
      d.stage === "override" ? "–" : d.score.toFixed(3),
      String(d.attempts),
      money(d.est_cost_usd),
      money(d.cost_usd),
      money(d.baseline_cost_usd),
      saved == null ? "–" : h("span", { class: saved > 0 ? "saved" : "" }, money(saved)),
    ];
    return h("tr", null, ...cells.map((c, i) => h("td", numeric.has(head[i] ?? "") ? { class: "num" } : null, c)));
  });
  return h(
    "table",
    null,
    h("thead", null, h("tr", null, ...head.map((c) => h("th", numeric.has(c) ? { class: "num" } : null, c)))),
    h("tbody", null, ...rows),
  );
}
