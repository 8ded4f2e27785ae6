// A key's budgets against what it spent: what is left in the tightest window, when that window
// resets, and the 429 when nothing is left. Pure.
import { RouterError } from "../errors.ts";
import { secondsToNextDay, secondsToNextMonth } from "./usage-types.ts";

export interface BudgetCheck {
  /** What is left in the tightest window (never negative); undefined without budgets. */
  remaining: number | undefined;
  resetSeconds: number | undefined;
  exhausted: RouterError | undefined;
}

export function checkBudget(
  limits: { daily?: number | undefined; monthly?: number | undefined },
  at: number,
  spent: { day: number; month: number },
): BudgetCheck {
  const windows: { remaining: number; resetSeconds: number; label: "daily" | "monthly"; limit: number }[] = [];
  if (limits.daily !== undefined) {
    windows.push({
      remaining: limits.daily - spent.day,
      resetSeconds: secondsToNextDay(at),
      label: "daily",
      limit: limits.daily,
    });
  }
  if (limits.monthly !== undefined) {
    windows.push({
      remaining: limits.monthly - spent.month,
      resetSeconds: secondsToNextMonth(at),
      label: "monthly",
      limit: limits.monthly,
    });
  }
  if (windows.length === 0) return { remaining: undefined, resetSeconds: undefined, exhausted: undefined };
  const tightest = windows.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  const exhausted =
    tightest.remaining <= 0
      ? new RouterError(
          `This key's ${tightest.label} budget of $${tightest.limit} is spent; it resets in ${tightest.resetSeconds} s (UTC ${tightest.label === "daily" ? "midnight" : "month start"}).`,
          {
            status: 429,
            type: "rate_limit_error",
            code: "budget_exceeded",
            param: `policy.budget_usd.${tightest.label}`,
            headers: { "retry-after": String(tightest.resetSeconds), "x-router-budget-remaining-usd": "0" },
          },
        )
      : undefined;
  return { remaining: Math.max(0, tightest.remaining), resetSeconds: tightest.resetSeconds, exhausted };
}
