// Prompt-only training groups: sets with prompts but no outcomes (arena-hard, MATH-500, HumanEval).
// Their rows teach the gate which group a prompt belongs to (weak supervision from dataset
// membership); each group's expert is a constant fixed from a stated prior on the score's scale,
//   y = (1 + q_strong - q_weak) / 2      (the win rate of the strong model, ties half; 0.5 = no gain),
// with q the published quality of a GPT-4-class strong model (gpt-4-1106-preview or its sibling
// gpt-4-0125-preview) and a Mixtral-8x7B-class weak model — the same pair as the RouteLLM outcomes.
// Sources and caveats: docs/router-model.md ("Priors of the prompt-only groups").
import type { DataRow } from "../eval/data.ts";

export interface PriorGroup {
  /** Gate group name. */
  group: string;
  /**
   * Expert constant on the score's scale: a number (cited), or the mean win-rate target of the
   * training rows of an outcome set (derived from this repository's data when nothing is citable).
   */
  prior: number | { meanOf: string };
  q: { strong: number; weak: number } | null;
  /** How the number was obtained. */
  basis: string;
}

const fromGap = (strong: number, weak: number) => Math.round(((1 + strong - weak) / 2) * 1e4) / 1e4;
/** The win rate an Elo difference implies (base 10, scale 400, as Chatbot Arena reports). */
const eloWinRate = (diff: number) => Math.round((1 / (1 + 10 ** (-diff / 400))) * 1e4) / 1e4;

export const PRIOR_GROUPS: readonly PriorGroup[] = [
  {
    group: "arena-hard",
    // Arena-Hard-Auto v0.1 (Li et al., LMSYS blog 2024-04-19; arXiv:2406.11939): score = win rate
    // against gpt-4-0314 (judge gpt-4-1106-preview): gpt-4-0125-preview 78.0, Mixtral-8x7B-Instruct 23.4.
    prior: fromGap(0.78, 0.234),
    q: { strong: 0.78, weak: 0.234 },
    basis: "cited: Arena-Hard-Auto v0.1 leaderboard, win rates against gpt-4-0314",
  },
  {
    group: "humaneval",
    // pass@1: gpt-4-1106-preview 83.7 (openai/simple-evals README); Mixtral 8x7B 40.2
    // (Jiang et al. 2024, "Mixtral of Experts", arXiv:2401.04088, Table 2).
    prior: fromGap(0.837, 0.402),
    q: { strong: 0.837, weak: 0.402 },
    basis: "cited: HumanEval pass@1, simple-evals (GPT-4) and the Mixtral paper",
  },
  {
    group: "math-l3-5",
    // MATH accuracy: gpt-4-1106-preview 64.3 (simple-evals, zero-shot CoT); Mixtral 8x7B 28.4
    // (Mixtral paper, maj@4). The whole-benchmark gap, used for levels 3-5 only (conservative: the
    // gap on the harder levels is at least the average one).
    prior: fromGap(0.643, 0.284),
    q: { strong: 0.643, weak: 0.284 },
    basis: "cited: MATH accuracy, simple-evals (GPT-4) and the Mixtral paper; whole-benchmark gap for levels 3-5",
  },
  {
    group: "math-l1-2",
    // No cited per-level figures: the easiest MATH levels are set to GSM8K's measured gain.
    prior: { meanOf: "routellm-gsm8k" },
    q: null,
    basis: "derived: GSM8K's mean train-split target (this repository's RouteLLM outcomes)",
  },
  {
    group: "creative-writing",
    // No creative-writing figure exists for this pair; creative requests are judged by preference, so
    // the general Chatbot Arena human-preference ratings (Gemma 2 report, arXiv:2408.00118, Table 14:
    // gpt-4-1106-preview 1250, gpt-4-0314 1186, Mixtral-8x7B-Instruct 1114 Elo), converted like
    // Arena-Hard: q = the Elo-implied win rate against gpt-4-0314.
    prior: fromGap(eloWinRate(1250 - 1186), eloWinRate(1114 - 1186)),
    q: { strong: eloWinRate(1250 - 1186), weak: eloWinRate(1114 - 1186) },
    basis: "cited: Chatbot Arena Elo (Gemma 2 report, Table 14), win rates against gpt-4-0314",
  },
];

export const PROMPT_ONLY_SETS = ["arena-hard-v0.1", "arena-hard-v2.0", "math500", "humaneval"] as const;

/** The prior group of a prompt-only row. */
export function priorGroupOf(set: string, row: Pick<DataRow, "category" | "meta">): string {
  switch (set) {
    case "arena-hard-v0.1":
      return "arena-hard";
    case "arena-hard-v2.0":
      return row.category === "creative_writing" ? "creative-writing" : "arena-hard";
    case "math500":
      return Number(row.meta?.level) >= 3 ? "math-l3-5" : "math-l1-2";
    case "humaneval":
      return "humaneval";
    default:
      throw new Error(`${set} is not a prompt-only training set`);
  }
}

/**
 * The priors of the prior groups among `groups`, as numbers: derived ones from the outcome rows
 * given (their unweighted mean target; derived and augmented copies excluded).
 */
export function resolvePriors(
  rows: readonly { set: string; y: number | undefined; derivedFrom?: string }[],
  groups: readonly string[],
): Record<string, number> {
  const mean = (set: string) => {
    let sum = 0;
    let n = 0;
    for (const r of rows)
      if (r.set === set && r.y !== undefined && !r.derivedFrom) {
        sum += r.y;
        n++;
      }
    if (n === 0) throw new Error(`prior: no outcome rows of ${set}`);
    return sum / n;
  };
  return Object.fromEntries(
    PRIOR_GROUPS.filter((g) => groups.includes(g.group)).map((g) => [
      g.group,
      typeof g.prior === "number" ? g.prior : mean(g.prior.meanOf),
    ]),
  );
}
