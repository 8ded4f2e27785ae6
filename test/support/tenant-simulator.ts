// A seeded simulated tenant, for the convergence tests: its prompts' scores follow its own
// distribution (so the deployment defaults serve it too much or too little from the top tier),
// and whether a stronger model would have done better on a prompt follows its own curve
// P(better | score) = sigmoid(steepness · (score − midpoint)). Feedback on a served answer is a
// thumbs down exactly when the answer came from below the top tier and the stronger model would
// have done better. Everything is a function of the seed.
import { sigmoid } from "../../src/learning/fit/logistic.ts";
import { seededRandom } from "../../src/util/seeded-random.ts";

export interface TenantProfile {
  name: string;
  /** Scores ~ Normal(mean, sd), clipped to [0.45, 0.8] (the scorer's range on real prompts). */
  scoreMean: number;
  scoreSd: number;
  midpoint: number;
  steepness: number;
  /** Share of answers the client rates. */
  feedbackShare: number;
}

export interface SimPrompt {
  id: string;
  score: number;
  /** The stronger model would have done better on this prompt (hidden from the router). */
  strongBetter: boolean;
  gain: number;
}

/** Seeded PRNG (mulberry32). */
export const rng = seededRandom;

export function tenantStream(profile: TenantProfile, seed: number) {
  const random = rng(seed);
  const normal = () => {
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  let n = 0;
  return {
    next(): SimPrompt {
      const score = Math.min(0.8, Math.max(0.45, profile.scoreMean + profile.scoreSd * normal()));
      const gain = sigmoid(profile.steepness * (score - profile.midpoint));
      return { id: `${profile.name}-${seed}-${n++}`, score, gain, strongBetter: random() < gain };
    },
    rates: () => random() < profile.feedbackShare,
  };
}
