// @ts-check
// Provider health: configured providers, the classifier, the retry budget and the circuit breakers.
import { empty, h, pill } from "./dom.js";

/** @param {any} health */
export function healthView(health) {
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
