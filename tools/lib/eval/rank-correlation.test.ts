import { expect, it } from "vitest";
import { ranks, spearman } from "./rank-correlation.ts";

it("ranks with ties averaged, and Spearman's rho on hand-computed cases", () => {
  expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
  expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
  // d = ranks differ by (0, 1, -1, 0): rho = 1 - 6*2/(4*15) = 0.8
  expect(spearman([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
  expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
});
