// Was the cheaper answer adequate? The same cheap checks escalation uses (empty, refusal, cut by
// length, invalid JSON, bad tool arguments) on both answers, then agreement with the stronger
// answer: normalised exact match, the final number, token overlap, identical tool calls. The
// stronger answer is the reference: a different final number counts against the cheaper one.
// What agreement cannot settle is left to the judge, when the tenant configured one, else unlabelled.
import type { CheckFailure } from "../../dispatch/answer-check.ts";
import { finalNumber, normaliseAnswer, tokenF1 } from "./agreement.ts";
import type { JudgeVerdict } from "./judge.ts";
import type { ShadowVerdict } from "../store/records.ts";

/** Token-overlap F1 at or above which two answers count as agreeing. */
export const AGREE_OVERLAP = 0.6;

export interface ComparedAnswer {
  text: string;
  /** Tool calls as "name(arguments-json)" strings, sorted. */
  tools: string[];
  failedCheck: CheckFailure | undefined;
}

export interface Comparison {
  verdict: ShadowVerdict;
  /** A stronger model's win rate over the cheaper answer: 1 better, 0.5 tie, 0 worse; null unknown. */
  label: number | null;
  overlap: number | null;
  /** Agreement could not decide: a judge may. */
  needsJudge: boolean;
}

export const LABELS: Partial<Record<ShadowVerdict, number>> = {
  cheap_failed_check: 1,
  strong_failed_check: 0,
  agree_exact: 0.5,
  agree_number: 0.5,
  agree_overlap: 0.5,
  agree_tools: 0.5,
  disagree_number: 1,
  judge_strong_better: 1,
  judge_tie: 0.5,
  judge_cheap_better: 0,
};

const result = (verdict: ShadowVerdict, overlap: number | null, needsJudge = false): Comparison => ({
  verdict,
  label: LABELS[verdict] ?? null,
  overlap,
  needsJudge,
});

export function compareAnswers(cheap: ComparedAnswer, strong: ComparedAnswer): Comparison {
  if (cheap.failedCheck && strong.failedCheck) return result("both_failed_check", null);
  if (cheap.failedCheck) return result("cheap_failed_check", null);
  if (strong.failedCheck) return result("strong_failed_check", null);
  if (cheap.tools.length > 0 || strong.tools.length > 0) {
    return cheap.tools.join("\n") === strong.tools.join("\n")
      ? result("agree_tools", 1)
      : result("undetermined", 0, true);
  }
  const overlap = Number(tokenF1(cheap.text, strong.text).toFixed(4));
  if (normaliseAnswer(cheap.text) === normaliseAnswer(strong.text)) return result("agree_exact", overlap);
  const a = finalNumber(cheap.text);
  const b = finalNumber(strong.text);
  if (a !== undefined && b !== undefined) {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))
      ? result("agree_number", overlap)
      : result("disagree_number", overlap, true);
  }
  if (overlap >= AGREE_OVERLAP) return result("agree_overlap", overlap);
  return result("undetermined", overlap, true);
}

/** The judge's verdict (A/B/TIE with the cheaper answer at `cheapIs`) as a comparison. */
export function judged(verdict: JudgeVerdict, cheapIs: "A" | "B", overlap: number | null): Comparison {
  if (verdict === "TIE") return result("judge_tie", overlap);
  return result(verdict === cheapIs ? "judge_cheap_better" : "judge_strong_better", overlap);
}
