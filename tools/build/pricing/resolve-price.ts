// genai-prices price entries -> the catalog's flat per-model pricing. Pure.
// - Conditional prices: the latest entry whose start_date is on or before `asOf` applies; later
//   start dates are reported in the note. Time-of-day windows (peak hours) are folded in as an
//   upper bound (element-wise max), so a cost ceiling is never under-estimated.
// - Tiered prices: the base price applies; the first tier becomes `longContext`.
import type { ModelPricing } from "../../../src/pricing/catalog-schema.ts";

type Tiered = { base: number; tiers: { start: number; price: number }[] };
type PriceValue = number | Tiered | undefined;
type PriceMap = Record<string, PriceValue>;
interface Conditional {
  constraint?:
    { type: "start_date"; start_date: string } | { type: "time_of_date"; start_time: string; end_time: string };
  prices: PriceMap;
}

const KEYS = {
  input: "input_mtok",
  output: "output_mtok",
  cachedInput: "cache_read_mtok",
  cacheWrite: "cache_write_mtok",
} as const;

const base = (value: PriceValue): number | undefined =>
  value === undefined ? undefined : typeof value === "number" ? value : value.base;

function maxMap(a: PriceMap, b: PriceMap): PriceMap {
  const out: PriceMap = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const left = base(out[key]);
    const right = base(value);
    if (right !== undefined && (left === undefined || right > left)) out[key] = value;
  }
  return out;
}

export interface ResolvedPrice {
  pricing: ModelPricing;
  notes: string[];
}

export function resolvePrice(prices: PriceMap | Conditional[], asOf: string): ResolvedPrice {
  const notes: string[] = [];
  let map: PriceMap;
  if (Array.isArray(prices)) {
    const dated = prices.filter((entry) => !entry.constraint || entry.constraint.type === "start_date");
    const current = dated.filter((e) => e.constraint?.type !== "start_date" || e.constraint.start_date <= asOf).at(-1);
    if (!current) throw new Error("no price applies at the as-of date");
    map = current.prices;
    for (const entry of dated) {
      if (entry.constraint?.type === "start_date" && entry.constraint.start_date > asOf) {
        notes.push(
          `changes on ${entry.constraint.start_date} to input ${base(entry.prices.input_mtok)} / output ${base(entry.prices.output_mtok)}`,
        );
      }
    }
    const windows: string[] = [];
    for (const entry of prices) {
      if (entry.constraint?.type === "time_of_date") {
        map = maxMap(map, entry.prices);
        windows.push(`${entry.constraint.start_time}-${entry.constraint.end_time}`);
      }
    }
    if (windows.length > 0) notes.push(`peak-hour price (${windows.join(", ")}); off-peak is cheaper`);
  } else {
    map = prices;
  }

  const input = base(map[KEYS.input]);
  const output = base(map[KEYS.output]);
  if (input === undefined || output === undefined) throw new Error("no input/output token price");
  const pricing: ModelPricing = { input, output };
  const cachedInput = base(map[KEYS.cachedInput]);
  if (cachedInput !== undefined) pricing.cachedInput = cachedInput;
  const cacheWrite = base(map[KEYS.cacheWrite]);
  if (cacheWrite !== undefined) pricing.cacheWrite = cacheWrite;

  const tier = (value: PriceValue) => (typeof value === "object" ? value.tiers[0] : undefined);
  const inputTier = tier(map[KEYS.input]);
  if (inputTier) {
    const outputTier = tier(map[KEYS.output]);
    const cachedTier = tier(map[KEYS.cachedInput]);
    pricing.longContext = {
      aboveInputTokens: inputTier.start,
      input: inputTier.price,
      output: outputTier?.price ?? output,
      ...(cachedTier ? { cachedInput: cachedTier.price } : {}),
    };
  }
  return { pricing, notes: [...new Set(notes)] };
}
