// @ts-check
// The dashboard's entry: fetches /dashboard/api/summary every few seconds and renders every panel.
// Data reaches the page only through textContent and SVG attributes (never innerHTML); the CSP
// allows no inline code, so everything here is a module served by the Worker.
import { dailyBars, minuteSlots, spendChart, tierChart, tierDonut } from "./charts.js";
import { recentTable } from "./decisions.js";
import { byId, put } from "./dom.js";
import { healthView } from "./health.js";
import { kpis } from "./kpis.js";
import { learningLabel, learningView } from "./learning.js";

const REFRESH_MS = 5000;
const MINUTES = 60;

/** @param {any} data */
function render(data) {
  byId("kpis").replaceChildren(...kpis(data));
  const slots = minuteSlots(data.minutes, data.window.since_minute, MINUTES);
  byId("minutes-label").textContent = `(last ${MINUTES} minutes, per minute)`;
  byId("mix-label").textContent = `(${data.window.days} days)`;
  put(byId("chart-spend"), spendChart(slots));
  put(byId("chart-tiers"), tierChart(slots));
  put(byId("chart-mix"), tierDonut(data.stats));
  put(byId("chart-days"), dailyBars(data.stats));
  put(byId("recent"), recentTable(data.recent));
  put(byId("learning"), learningView(data));
  byId("learning-label").textContent = learningLabel(data);
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
