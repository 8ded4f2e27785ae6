// @ts-check
// DOM and SVG element builders, and the small widgets every panel shares (empty note, pill, legend).

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * @param {string} tag
 * @param {Record<string, string | number> | null} [attrs]
 * @param {(Node | string | null | undefined)[]} children
 */
export function h(tag, attrs, ...children) {
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
export function s(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const child of children) node.append(child);
  return node;
}

/** @param {HTMLElement} target @param {Node} content */
export function put(target, content) {
  target.replaceChildren(content);
}

/** @param {string} id */
export const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

export const empty = (/** @type {string} */ text) => h("div", { class: "empty" }, text);

/** @param {string} text @param {string} [kind] */
export const pill = (text, kind = text) => h("span", { class: `pill ${kind}` }, text);

/** @param {string} color */
function swatch(color) {
  const node = h("span", { class: "swatch" });
  node.style.background = color; // CSSOM, not a style attribute: allowed by the CSP
  return node;
}

/** @param {{ label: string, color: string }[]} items */
export function legend(items) {
  return h("div", { class: "legend" }, ...items.map((i) => h("span", null, swatch(i.color), i.label)));
}
