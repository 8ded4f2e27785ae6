// The judge: a model the tenant configured compares the two answers. The prompt asks for one
// line "VERDICT: A|B|TIE"; the answers are shown in an order drawn from the decision id (so
// neither side always comes first: judges favour a position), and the reply is parsed leniently.
import { unitHash } from "../../util/hash.ts";

/** Caps on what is sent to the judge (characters). */
export const JUDGE_LIMITS = { request: 6_000, answer: 4_000 };

export const JUDGE_SYSTEM =
  "You compare two assistant answers to the same user request. Judge which answer serves the user better: " +
  "correct, complete and following the request's instructions. Length and style do not matter unless the request asks for them. " +
  "Think briefly if you need to, then end with exactly one line: 'VERDICT: A' (A is better), 'VERDICT: B' (B is better) " +
  "or 'VERDICT: TIE' (equally good or equally bad).";

const clip = (text: string, limit: number) => (text.length > limit ? `${text.slice(0, limit)}\n[…truncated]` : text);

export interface JudgePrompt {
  system: string;
  user: string;
  /** Which letter holds the cheaper answer. */
  cheapIs: "A" | "B";
}

export function judgePrompt(decisionId: string, request: string, cheap: string, strong: string): JudgePrompt {
  const cheapIs = unitHash(`judge-order:${decisionId}`) < 0.5 ? "A" : "B";
  const [a, b] = cheapIs === "A" ? [cheap, strong] : [strong, cheap];
  const user =
    `[User request]\n${clip(request, JUDGE_LIMITS.request)}\n\n` +
    `[Answer A]\n${clip(a, JUDGE_LIMITS.answer)}\n\n[Answer B]\n${clip(b, JUDGE_LIMITS.answer)}`;
  return { system: JUDGE_SYSTEM, user, cheapIs };
}

export type JudgeVerdict = "A" | "B" | "TIE";

/**
 * The last "verdict: X" in the reply (markdown and brackets tolerated); else a reply that is only
 * "A", "B" or "tie"; else undefined (an unparsed reply gives no label).
 */
export function parseVerdict(reply: string): JudgeVerdict | undefined {
  const text = reply.replace(/[*_`"'[\]()]/g, " ");
  const matches = [...text.matchAll(/verdict\s*[:=\-]?\s*(answer\s+)?(a|b|tie|equal|same|both)\b/gi)];
  const last = matches.at(-1)?.[2];
  const word = last ?? /^\s*(answer\s+)?(a|b|tie)\s*\.?\s*$/i.exec(text)?.[2] ?? undefined;
  if (!word) return undefined;
  const upper = word.toUpperCase();
  return upper === "A" || upper === "B" ? upper : "TIE";
}
