// Routes the sanity prompts through the Worker's decision path (tools/lib/router/node-router.ts: wasm
// scorer, cascade gate, ONNX classifier, fitted tier defaults) and summarises per expected tier.
import type { TierLabel } from "../../../src/classify/tier-labels.ts";
import { median } from "../../lib/stats.ts";
import type { NodeRouter } from "../../lib/router/node-router.ts";
import type { SanityPrompt, SanityTier } from "./suite.ts";

export interface SanityResult extends SanityPrompt {
  score: number;
  decided: TierLabel;
  stage: string;
}

export interface SanitySummary {
  tier: SanityTier;
  prompts: number;
  /** Decided tiers: counts. */
  simple: number;
  moderate: number;
  complex: number;
  /** Share decided as expected. */
  asExpected: number;
  medianScore: number;
}

export async function routeSanity(router: NodeRouter, prompts: readonly SanityPrompt[]): Promise<SanityResult[]> {
  const out: SanityResult[] = [];
  for (const p of prompts) {
    const d = await router.decide({ prompt: p.prompt });
    out.push({ ...p, score: d.score, decided: d.tier, stage: d.stage });
  }
  return out;
}

export function summarise(results: readonly SanityResult[]): SanitySummary[] {
  return (["simple", "moderate", "complex"] as const).map((tier) => {
    const mine = results.filter((r) => r.tier === tier);
    const count = (t: TierLabel) => mine.filter((r) => r.decided === t).length;
    return {
      tier,
      prompts: mine.length,
      simple: count("simple"),
      moderate: count("moderate"),
      complex: count("complex"),
      asExpected: mine.length ? count(tier) / mine.length : Number.NaN,
      medianScore: mine.length ? median(mine.map((r) => r.score)) : Number.NaN,
    };
  });
}
