// The router's default tier boundaries and uncertainty band, fitted on the scorer's
// scores of real chat prompts (the train split of recipe.ts's CHAT_SETS): the traffic a
// deployment serves decides where "complex" starts, not a benchmark's marginals. Stored in
// wasm/scorer-weights.json; ROUTER_TIER_BOUNDARIES / ROUTER_UNCERTAINTY_BAND override them.
//   upper boundary: CHAT_COMPLEX_SHARE of chat prompts score at or above it;
//   lower boundary: CHAT_SIMPLE_SHARE of chat prompts score below it;
//   band:           the widest band (0.0005 steps) that puts at most `classifierShare` of the
//                   chat prompts, and of every outcome set's train prompts, near a boundary.
import { weightedQuantile } from "./fit-scorer.ts";

export interface TierDefaults {
  tier_boundaries: [number, number];
  uncertainty_band: number;
  evidence: {
    chat_prompts: number;
    complex_share_target: number;
    simple_share_target: number;
    classifier_share_target: number;
    /** The largest share of any group's prompts inside the band. */
    classifier_share_train: number;
  };
}

/** Share of scores closer than `band` to a boundary. */
export function uncertainShare(scores: readonly number[], bounds: readonly number[], band: number): number {
  let hit = 0;
  for (const s of scores) if (Math.min(...bounds.map((b) => Math.abs(s - b))) < band) hit++;
  return hit / Math.max(scores.length, 1);
}

export function fitTierDefaults(
  chat: readonly number[],
  sets: ReadonlyMap<string, readonly number[]>,
  shares: { complex: number; simple: number; classifier: number },
): TierDefaults {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const ones = chat.map(() => 1);
  const low = round(weightedQuantile(chat, ones, shares.simple));
  const high = round(weightedQuantile(chat, ones, 1 - shares.complex));
  if (!(low < high)) throw new Error(`tier defaults: boundaries ${low}, ${high} do not ascend`);
  const groups = [chat, ...sets.values()];
  const worstShare = (b: number) => Math.max(...groups.map((g) => uncertainShare(g, [low, high], b)));
  let band = 0;
  for (let b = 0.0005; b < (high - low) / 2; b += 0.0005) {
    if (worstShare(b) > shares.classifier) break;
    band = round(b);
  }
  return {
    tier_boundaries: [low, high],
    uncertainty_band: band,
    evidence: {
      chat_prompts: chat.length,
      complex_share_target: shares.complex,
      simple_share_target: shares.simple,
      classifier_share_target: shares.classifier,
      classifier_share_train: round(worstShare(band)),
    },
  };
}
