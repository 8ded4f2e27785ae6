// The tier boundaries and uncertainty band fitted with the scorer's weights
// (tools/build/train/main.ts, docs/evaluation.md): the router's defaults, which the
// env variables ROUTER_TIER_BOUNDARIES / ROUTER_UNCERTAINTY_BAND override.
import weights from "../../wasm/scorer-weights.json";

export const FITTED_TIER_DEFAULTS = weights.defaults as {
  tier_boundaries: [number, number];
  uncertainty_band: number;
};
