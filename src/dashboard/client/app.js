// @ts-check
// Triage dashboard client. Served as /dashboard/app.js (built into src/dashboard/assets.generated.ts
// by `npm run build:dashboard`). No dependencies: fetches /dashboard/api/summary every few seconds
// and draws with DOM and inline SVG. Data only ever reaches the page through textContent and SVG
// attributes (never innerHTML), and the CSP allows no inline code.

const REFRESH_MS = 5000;
const MINUTES = 60;
const TIERS = ["simple", "moderate", "complex"];
const TIER_COLORS = { simple: "#10b981", moderate: "#f59e0b", complex: "#8b5cf6" };
const COST = "#2563eb";
const BASELINE = "#cbd5e1";
const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * @param {string} tag
 * @param {Record<string, string | number> | null} [attrs]
 * @param {(Node | string | null | undefined)[]} children
 */
function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) node.setAttribute(k, String(v));
  for (const child of children) if (child != null) node.append(child);
  return node;
}

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {(Node | string)[]} children
 */
function s(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const child of children) node.append(child);
  return node;
}

/** @param {number | null | undefined} usd */
function money(usd) {
  if (usd == null || !Number.isFinite(usd)) return "–";
  const abs = Math.abs(usd);
  if (abs === 0) return "$0";
  if (abs >= 100) return `$${usd.toFixed(0)}`;
  if (abs >= 1) return `$${usd.toFixed(2)}`;
  if (abs >= 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toPrecision(3)}`;
}

/** @param {number} n */
const count = (n) => n.toLocaleString("en");
/** @param {number} ms */
const clock = (ms) => new Date(ms).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

/** @param {HTMLElement} target @param {Node} content */
function put(target, content) {
  target.replaceChildren(content);
}

const empty = (/** @type {string} */ text) => h("div", { class: "empty" }, text);

/** @param {string} text @param {string} [kind] */
const pill = (text, kind = text) => h("span", { class: `pill ${kind}` }, text);

/** @param {string} color */
function swatch(color) {
  const node = h("span", { class: "swatch" });
  node.style.background = color; // CSSOM, not a style attribute: allowed by the CSP
  return node;
}

/** @param {{ label: string, color: string }[]} items */
function legend(items) {
  return h("div", { class: "legend" }, ...items.map((i) => h("span", null, swatch(i.color), i.label)));
}

/**
 * Per-minute slots over the window, oldest first.
 * @param {any[]} rows @param {number} sinceMinute
 */
function minuteSlots(rows, sinceMinute) {
  const slots = Array.from({ length: MINUTES }, (_, i) => ({
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

/** @param {any} stats */
function tierDonut(stats) {
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
function dailyBars(stats) {
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

/** @param {any} data */
function kpis(data) {
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

/** @param {any[]} recent */
function recentTable(recent) {
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

/** @param {any} health */
function healthView(health) {
  const chips = h(
    "div",
    { class: "chips" },
    h("span", { class: "muted" }, "Providers:"),
    ...(health.providers.length
      ? health.providers.map((/** @type {string} */ p) => pill(p, "closed"))
      : [h("span", null, "none configured")]),
    h("span", { class: "muted" }, " Classifier:"),
    pill(health.classifier.state + (health.classifier.model ? ` (${health.classifier.model})` : "")),
    h("span", { class: "muted" }, ` Retry budget: ${health.retry_budget ?? "–"}`),
  );
  const wrap = h("div", null, chips);
  if (!health.breakers.length) {
    wrap.append(empty("No upstream calls from this isolate yet."));
    return wrap;
  }
  const head = [
    "Model",
    "Breaker",
    "Failure rate",
    "Samples",
    "Consecutive failures",
    "Opened",
    "Retry in",
    "Last error",
  ];
  wrap.append(
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        null,
        h("thead", null, h("tr", null, ...head.map((c) => h("th", null, c)))),
        h(
          "tbody",
          null,
          ...health.breakers.map((/** @type {any} */ b) =>
            h(
              "tr",
              null,
              h("td", null, h("code", null, b.model)),
              h("td", null, pill(b.state.replace("_", "-"), b.state)),
              h("td", null, `${(b.failure_rate * 100).toFixed(0)} %`),
              h("td", null, String(b.samples)),
              h("td", null, String(b.consecutive_failures)),
              h("td", null, `${b.opens}×`),
              h("td", null, b.retry_in_ms ? `${(b.retry_in_ms / 1000).toFixed(1)} s` : "–"),
              h("td", null, b.last_error ?? "–"),
            ),
          ),
        ),
      ),
    ),
  );
  return wrap;
}

/** @param {number | null | undefined} share a fraction */
function percent(share) {
  if (share == null || !Number.isFinite(share)) return "–";
  return `${Number((share * 100).toFixed(1))} %`;
}

/** @param {number} ms */
const dayTime = (ms) =>
  new Date(ms).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

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
function learningView(data) {
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

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {any} data */
function render(data) {
  byId("kpis").replaceChildren(...kpis(data));
  const slots = minuteSlots(data.minutes, data.window.since_minute);
  byId("minutes-label").textContent = `(last ${MINUTES} minutes, per minute)`;
  byId("mix-label").textContent = `(${data.window.days} days)`;
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
  put(byId("chart-spend"), spend);
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
  put(byId("chart-tiers"), tiers);
  put(byId("chart-mix"), tierDonut(data.stats));
  put(byId("chart-days"), dailyBars(data.stats));
  put(byId("recent"), recentTable(data.recent));
  put(byId("learning"), learningView(data));
  byId("learning-label").textContent = data.learning
    ? `· shadow: ${count(data.learning.shadow_requests)} calls, ${money(data.learning.shadow_cost_usd)}`
    : "";
  put(byId("health"), healthView(data.health));
  const status = byId("status");
  status.className = "status";
  status.textContent = `updated ${new Date(data.generated_at).toLocaleTimeString("en-GB")} · refreshes every ${REFRESH_MS / 1000} s`;
  document.body.dataset.loaded = "true";
}

async function refresh() {
  try {
    const res = await fetch(`/dashboard/api/summary?minutes=${MINUTES}`, {
      credentials: "same-origin",
      cache: "no-store",
    });
    if (res.status === 401) {
      window.location.assign("/dashboard"); // session expired: back to sign-in
      return;
    }
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    render(await res.json());
  } catch (error) {
    const status = byId("status");
    status.className = "status offline";
    status.textContent = `offline (${error instanceof Error ? error.message : "error"}), retrying…`;
  }
}

let timer = 0;
function schedule() {
  window.clearTimeout(timer);
  if (!document.hidden) timer = window.setTimeout(() => void refresh().then(schedule), REFRESH_MS);
}
document.addEventListener("visibilitychange", () => {
  if (!document.hidden) void refresh().then(schedule);
});
void refresh().then(schedule);
