// Neighbouring-tier candidates. Escalation: the same selection one tier above the tier that was
// served, for dispatch to use when the served answer fails a cheap check (empty at the top tier,
// when the caller pinned a concrete model, or when the request's limits exclude every stronger
// model). And one tier below, for a downward shadow comparison.
import { TIERS, tierRank, type Tier } from "../schema/canonical.ts";
import { selectModels } from "./select-model.ts";
import type { Candidate, Selection, SelectionInput } from "./selection.ts";

export interface TierSelection {
  tier: Tier;
  candidates: Candidate[];
}

export function nextTierSelection(input: SelectionInput, served: Selection): TierSelection | undefined {
  if (input.requestedModel) return undefined;
  const next = TIERS[tierRank(served.servedTier) + 1];
  if (!next) return undefined;
  try {
    // objective "quality" already raised the served tier; escalate from there, not twice.
    const objective = input.objective === "quality" ? "balanced" : input.objective;
    const selection = selectModels({ ...input, objective, options: { ...input.options, min_tier: next } });
    const candidates = selection.candidates.filter((c) => tierRank(c.model.maxTier) > tierRank(served.servedTier));
    return candidates.length > 0 ? { tier: selection.servedTier, candidates } : undefined;
  } catch {
    return undefined; // no stronger model fits the request's limits: nothing to escalate to
  }
}

/**
 * The same selection one tier below the tier that was served, for a downward shadow comparison
 * (would a cheaper model have done?): only models that cannot serve the served tier, so the
 * comparison is with a genuinely cheaper answer. Undefined at the bottom tier, for a pinned model,
 * or when no such model fits the request's limits.
 */
export function tierBelowSelection(input: SelectionInput, served: Selection): TierSelection | undefined {
  if (input.requestedModel) return undefined;
  const below = TIERS[tierRank(served.servedTier) - 1];
  if (!below) return undefined;
  try {
    const selection = selectModels({ ...input, tier: below, uncertain: false });
    if (selection.servedTier !== below) return undefined; // a floor (min_tier, sticky) holds it up
    const candidates = selection.candidates.filter((c) => tierRank(c.model.maxTier) < tierRank(served.servedTier));
    return candidates.length > 0 ? { tier: below, candidates } : undefined;
  } catch {
    return undefined;
  }
}
