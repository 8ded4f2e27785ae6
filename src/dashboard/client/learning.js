// @ts-check
// The per-tenant Learning table: calibration, target, traffic, exploration, feedback, shadow, last fit.
import { empty, h, pill } from "./dom.js";
import { count, dayTime, money, percent } from "./format.js";

/** @param {any} target a calibration target, or null */
function targetText(target) {
  if (!target) return "none";
  if (target.kind === "strong_share") return `top-tier share ${percent(target.value)}`;
  if (target.kind === "max_under_routing") return `≤ ${percent(target.value)} routed too low`;
  return String(target.kind);
}

/** A value with a muted note after it. @param {string} value @param {string} note @param {string} [title] */
const noted = (value, note, title) =>
  h("span", title ? { title } : null, value, h("span", { class: "muted small" }, ` ${note}`));

/** @param {any} cal the calibration block of a tenant's learning summary */
function calibrationCell(cal) {
  const cell = h(
    "span",
    { class: "badges" },
    cal.active_version > 0 ? pill(`v${cal.active_version}`, "version") : h("span", { class: "muted" }, "defaults"),
  );
  if (cal.auto) cell.append(h("span", { class: "pill auto", title: "refits by itself on new evidence" }, "auto"));
  if (cal.paused) {
    const title = "a rollback paused automatic fits until the settings are written again";
    cell.append(h("span", { class: "pill paused", title }, "paused"));
  }
  if (cal.versions.length) cell.append(h("span", { class: "muted small" }, `${cal.versions.length} stored`));
  return cell;
}

/** @param {any} cal */
function lastFitCell(cal) {
  const fit = cal.last_fit;
  const pending = `new since: ${count(cal.new_decisions)} decisions, ${count(cal.new_outcomes)} outcomes`;
  if (!fit) return h("span", { class: "muted", title: pending }, "never");
  return h(
    "span",
    { class: "badges", title: pending },
    dayTime(fit.at),
    fit.ok ? pill("ok", "ready") : h("span", { class: "reason muted small", title: fit.reason }, fit.reason),
  );
}

/** @param {any} s the shadow block */
function shadowCell(s) {
  if (!s.enabled) return h("span", { class: "muted" }, "off");
  return h(
    "span",
    { title: "shares of answers compared with the tier above ↑ and below ↓" },
    `${percent(s.share)} ↑ / ${percent(s.down_share)} ↓`,
  );
}

const LEARNING_HEAD = [
  "Tenant",
  "Calibration",
  "Target",
  "Routed",
  "Top tier",
  "Explored",
  "Feedback",
  "Shadow",
  "Shadow calls",
  "Shadow spend",
  "Budget skips",
  "Last fit",
];
const LEARNING_NUMERIC = new Set([
  "Routed",
  "Top tier",
  "Explored",
  "Feedback",
  "Shadow calls",
  "Shadow spend",
  "Budget skips",
]);

/** @param {any} t one tenant's learning summary */
function learningRow(t) {
  const d = t.decisions;
  const f = t.feedback;
  const s = t.shadow;
  const cells = [
    h("code", { class: "model", title: t.tenant ?? "" }, t.tenant ?? "–"),
    calibrationCell(t.calibration),
    targetText(t.calibration.target),
    count(d.routed),
    percent(d.top_tier_share),
    noted(count(d.explored), `· ${percent(t.exploration.share)} set`, "explored decisions · exploration.share"),
    noted(
      `${count(f.labels)} / ${count(f.total)}`,
      `↑${count(f.up)} ↓${count(f.down)}`,
      "feedback that labelled a cheaper answer / all feedback · thumbs up, down",
    ),
    shadowCell(s),
    noted(count(s.requests), `· ${count(s.labelled)} labelled`),
    noted(money(s.cost_usd), `· ${money(s.budget_usd_daily)}/day`, "shadow spend · daily budget"),
    count(s.skipped_budget),
    lastFitCell(t.calibration),
  ];
  return h(
    "tr",
    null,
    ...cells.map((c, i) => h("td", LEARNING_NUMERIC.has(LEARNING_HEAD[i] ?? "") ? { class: "num" } : null, c)),
  );
}

/** @param {any} data the summary: `learning` (null: not configured) and `learning_error` */
export function learningView(data) {
  if (data.learning_error) return h("div", { class: "empty error-text" }, `Unavailable: ${data.learning_error}.`);
  const learning = data.learning;
  if (!learning) {
    return empty("Learning is not configured: bind the TenantLearning Durable Object as TENANT_LEARNING.");
  }
  if (!learning.tenants.length) return empty("No tenant has learning state yet.");
  const table = h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      null,
      h(
        "thead",
        null,
        h("tr", null, ...LEARNING_HEAD.map((c) => h("th", LEARNING_NUMERIC.has(c) ? { class: "num" } : null, c))),
      ),
      h("tbody", null, ...learning.tenants.map(learningRow)),
    ),
  );
  const wrap = h("div", null, table);
  if (learning.truncated) {
    wrap.append(
      h(
        "p",
        { class: "muted small note" },
        `More tenants than the ${learning.tenants.length} listed here: GET /admin/learning/{tenant} shows any one.`,
      ),
    );
  }
  return wrap;
}

/** The panel title's note: shadow calls and spend over all tenants. @param {any} data the summary */
export const learningLabel = (data) =>
  data.learning
    ? `· shadow: ${count(data.learning.shadow_requests)} calls, ${money(data.learning.shadow_cost_usd)}`
    : "";
