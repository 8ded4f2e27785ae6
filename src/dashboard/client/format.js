// @ts-check
// Number and time formatting: money, counts, percentages, clock times.

/** @param {number | null | undefined} usd */
export function money(usd) {
  if (usd == null || !Number.isFinite(usd)) return "–";
  const abs = Math.abs(usd);
  if (abs === 0) return "$0";
  if (abs >= 100) return `$${usd.toFixed(0)}`;
  if (abs >= 1) return `$${usd.toFixed(2)}`;
  if (abs >= 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toPrecision(3)}`;
}

/** @param {number} n */
export const count = (n) => n.toLocaleString("en");

/** @param {number | null | undefined} share a fraction */
export function percent(share) {
  if (share == null || !Number.isFinite(share)) return "–";
  return `${Number((share * 100).toFixed(1))} %`;
}

/** @param {number} ms */
export const clock = (ms) => new Date(ms).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

/** @param {number} ms */
export const dayTime = (ms) =>
  new Date(ms).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
