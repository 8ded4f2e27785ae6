// Outcomes -> the label calibration fits: a stronger model's win rate over the answer served
// (1 = the stronger model would have done better, 0.5 = no difference, 0 = the served one was
// better), the same meaning as the router's score.
//
// Client feedback sees only the served answer, so it assumes the stronger model would have
// succeeded: quality q of the served answer -> 1 - q / 2 (thumbs up 0.5, thumbs down 1;
// "escalate was needed" 1). This overstates the gain where every model fails, so quality floors
// fitted on feedback alone err towards the stronger model. Shadow comparisons (both answers)
// give the unbiased label, and only they fit the score adjustment. Feedback on an answer from
// the top tier says nothing about a cheaper one: it is kept, but it is not a label.
import * as z from "zod";

export const feedbackOutcomeSchema = z.union([
  z.strictObject({ thumbs: z.enum(["up", "down"]) }),
  z.strictObject({ score: z.number().min(0).max(1) }),
  z.strictObject({ escalate_needed: z.literal(true) }),
]);
export type FeedbackOutcome = z.infer<typeof feedbackOutcomeSchema>;

export function feedbackKind(outcome: FeedbackOutcome): "thumbs" | "score" | "escalate_needed" {
  return "thumbs" in outcome ? "thumbs" : "score" in outcome ? "score" : "escalate_needed";
}

/** Quality of the served answer, as the client judged it. */
export function feedbackQuality(outcome: FeedbackOutcome): number {
  if ("thumbs" in outcome) return outcome.thumbs === "up" ? 1 : 0;
  if ("score" in outcome) return outcome.score;
  return 0;
}

export function feedbackLabel(outcome: FeedbackOutcome): number {
  return "escalate_needed" in outcome ? 1 : 1 - feedbackQuality(outcome) / 2;
}
