// Model outputs -> tier, score and confidence, by the rule its metadata names.
// Pure: the same code serves the Worker, the benchmark and (later) the batch scorer
// (hence `.ts` imports: Node runs this file with type stripping).
import { TIER_LABELS, type TierLabel } from "./tier-labels.ts";
import type { ClassifierOutputs, ClassifierVerdict } from "./classifier.ts";
import type { ClassifierDecisionRule } from "./classifier-meta.ts";

export function decideFromOutputs(
  outputs: ClassifierOutputs,
  rule: ClassifierDecisionRule,
  tierBoundaries?: readonly [number, number],
): ClassifierVerdict {
  if (rule.output === "p_strong") {
    const p = outputs.pStrong;
    if (p === undefined || !Number.isFinite(p)) throw new Error("classifier returned no usable p_strong");
    const boundaries = rule.boundaries === "tiers" ? tierBoundaries : rule.boundaries;
    if (!boundaries) throw new Error('classifier decides on the router\'s tier boundaries ("tiers") but got none');
    const [low, high] = boundaries;
    const tier: TierLabel = p < low ? "simple" : p < high ? "moderate" : "complex";
    return { tier, score: p, confidence: Math.min(Math.abs(p - low), Math.abs(p - high)), outputs };
  }

  const probs = outputs.tierProbs;
  if (!probs || TIER_LABELS.some((t) => !Number.isFinite(probs[t]))) {
    throw new Error("classifier returned no usable tier_probs");
  }
  // P(the cheapest sufficient tier is above simple), P(… above moderate).
  const aboveSimple = probs.moderate + probs.complex;
  const aboveModerate = probs.complex;
  const risk = rule.max_underroute_risk;
  const tier: TierLabel = aboveSimple <= risk ? "simple" : aboveModerate <= risk ? "moderate" : "complex";
  return {
    tier,
    // Expected tier rank scaled to [0, 1]: a single "how strong" number for headers and logs.
    score: (probs.moderate + 2 * probs.complex) / 2,
    confidence: Math.min(Math.abs(aboveSimple - risk), Math.abs(aboveModerate - risk)),
    outputs,
  };
}
