// applyConstraints checks every constraint in one pass; these properties hold it to what applying
// the constraints one after another (each on what the one before kept) would do: the same items,
// in the same order, or the same refusal (constraint, message, status) for an empty pool or a
// dropped requested item.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RouterError } from "../errors.ts";
import { OPEN_POLICY } from "../schema/policy.ts";
import { applyConstraints, failure, type Constraint } from "./constraints.ts";
import type { SelectionInput } from "./selection.ts";

const input = { policy: OPEN_POLICY, options: {} } as unknown as SelectionInput;

/** The reference: the constraints applied one after another, as the selector used to. */
function sequential<T>(
  items: readonly T[],
  constraints: readonly Constraint<T>[],
  requested: { item: T; id: string } | undefined,
): T[] {
  let pool = [...items];
  for (const c of constraints) {
    const next = pool.filter((item) => !c.applies(input) || c.keep(item, input));
    const message = c.message(input, "simple");
    if (requested && pool.includes(requested.item) && !next.includes(requested.item)) {
      throw failure(c.param, `'${requested.id}' cannot be used: ${message}`, c.status, c.code, c.headers?.(input));
    }
    if (next.length === 0)
      throw failure(c.param, `No eligible model: ${message}`, c.status, c.code, c.headers?.(input));
    pool = next;
  }
  return pool;
}

function outcome(run: () => readonly number[]) {
  try {
    return { kept: [...run()] };
  } catch (error) {
    if (!(error instanceof RouterError)) throw error;
    return { param: error.param, message: error.message, status: error.status, code: error.code };
  }
}

// Items 0..n-1; constraint i keeps item x when keeps[i][x]; the first always applies (as in the selector).
const caseArb = fc.integer({ min: 0, max: 10 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    rules: fc.array(
      fc.record({
        applies: fc.boolean(),
        keeps: fc.array(fc.constantFrom(true, true, true, true, false), { minLength: n, maxLength: n }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    requested: fc.option(fc.nat(Math.max(0, n - 1)), { nil: undefined }),
  }),
);

describe("applyConstraints", () => {
  it("keeps and refuses exactly as the constraints applied one after another", () => {
    fc.assert(
      fc.property(caseArb, ({ n, rules, requested }) => {
        const items = Array.from({ length: n }, (_, i) => i);
        const constraints: Constraint<number>[] = rules.map((rule, i) => ({
          param: `c${i}`,
          status: 400 + i,
          applies: () => i === 0 || rule.applies,
          keep: (x) => rule.keeps[x]!,
          message: (_, served) => `rule ${i} (${served})`,
        }));
        const req = requested !== undefined && n > 0 ? { item: requested, id: `m${requested}` } : undefined;
        expect(outcome(() => applyConstraints(items, constraints, input, "simple", req))).toEqual(
          outcome(() => sequential(items, constraints, req)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("returns the items themselves when nothing is dropped (no copy), and a copy otherwise", () => {
    const items = [1, 2, 3];
    const keepAll: Constraint<number> = { param: "p", applies: () => true, keep: () => true, message: () => "" };
    const dropTwo: Constraint<number> = { param: "q", applies: () => true, keep: (x) => x !== 2, message: () => "" };
    expect(applyConstraints(items, [keepAll], input, "simple", undefined)).toBe(items);
    expect(applyConstraints(items, [keepAll, dropTwo], input, "simple", undefined)).toEqual([1, 3]);
    expect(items).toEqual([1, 2, 3]);
  });

  it("passes the served tier and the headers to the refusal", () => {
    const budget: Constraint<number> = {
      param: "policy.budget_usd",
      status: 429,
      code: "budget_exceeded",
      applies: () => true,
      keep: () => false,
      message: (_, served) => `nothing at '${served}'`,
      headers: () => ({ "retry-after": "60" }),
    };
    expect(() => applyConstraints([1], [budget], input, "complex", undefined)).toThrow(
      expect.objectContaining({
        message: "No eligible model: nothing at 'complex'",
        status: 429,
        code: "budget_exceeded",
        headers: { "retry-after": "60" },
      }),
    );
  });
});
