// The cascade gate in the request flow: score with the wasm scorer, then let
// cascade.ts decide whether the isolate's classifier is asked (see there).
import type { Env } from "../env.ts";
import type { CanonicalRequest } from "../schema/canonical.ts";
import { getScorer } from "../score/default-scorer.ts";
import { promptView } from "../score/prompt-view.ts";
import type { TierConfig } from "../score/tiering.ts";
import { cascade } from "./cascade.ts";
import { classifierEnabled } from "./classifier-config.ts";
import { isolateClassifier } from "./classifier-slot.ts";
import type { RoutingDecision } from "./decision.ts";

export interface GateContext {
  env: Env;
  waitUntil: (promise: Promise<unknown>) => void;
}

/** A tenant's score adjustment over the scorer's features (learning/online/adjustment.ts). */
export type ScoreAdjust = (score: number, features: ArrayLike<number>) => number;

export async function decideTier(
  request: CanonicalRequest,
  tiers: TierConfig,
  ctx: GateContext,
  adjust?: ScoreAdjust,
): Promise<RoutingDecision> {
  const enabled = classifierEnabled(ctx.env); // read first: a bad value fails every request, not some
  const prompt = promptView(request);
  const { score, features, ngrams } = getScorer().score(prompt);
  const owned = features.slice(); // the view is wasm memory; the record stage keeps a copy
  const decision = await cascade({ score, features, ngrams, prompt }, tiers, {
    classifier: () => (enabled ? isolateClassifier.acquire(ctx.waitUntil) : { state: "off" }),
    onRunError: (error) => isolateClassifier.reportRunError(error),
    ...(adjust ? { adjust: (s: number) => adjust(s, owned) } : {}),
  });
  decision.features = owned;
  return decision;
}
