// Every upstream attempt of a request, priced: the answer the client got and every other attempt the
// provider may bill — failed ones that got as far as generating, hedges that lost, answers escalated
// from, streams cut and continued elsewhere (dispatch's attempt records), and shadow comparisons
// (learning). Provider usage where it was reported; otherwise an estimate (the request's estimated
// input, and the output the attempt produced at ~4 characters a token, or its predicted output when
// the provider may have generated some the router never read), and the stats say which. Pure.
import type { CatalogModel } from "./catalog-schema.ts";
import type { Usage } from "../schema/canonical.ts";
import type { AttemptCharge, AttemptRecord } from "../schema/facts.ts";
import { findModel } from "./find-model.ts";
import { actualCostUsd } from "./cost.ts";

export type ChargeKind = "served" | "failed" | "hedge" | "escalated" | "continued" | "shadow";

export interface PricedCharge {
  model: CatalogModel;
  kind: ChargeKind;
  basis: "usage" | "estimate";
  usage: Usage;
  costUsd: number;
}

export interface EstimateBase {
  /** The request's estimated input tokens. */
  inputTokens: number;
  /** Its predicted output tokens (for output the router never saw). */
  outputTokens: number;
}

export function usageOf(charge: AttemptCharge, base: EstimateBase): Usage {
  if (charge.basis === "usage") return charge.usage;
  const seen = Math.ceil(charge.outputChars / 4);
  return {
    inputTokens: base.inputTokens,
    outputTokens: charge.outputUnseen ? Math.max(seen, base.outputTokens) : seen,
  };
}

export function priceCharge(model: CatalogModel, kind: ChargeKind, charge: AttemptCharge, base: EstimateBase) {
  const usage = usageOf(charge, base);
  return { model, kind, basis: charge.basis, usage, costUsd: actualCostUsd(model, usage) } satisfies PricedCharge;
}

const kindOf = (record: AttemptRecord): ChargeKind =>
  record.outcome === "served" ? "served" : record.outcome === "dropped" ? (record.dropped ?? "hedge") : "failed";

/** Prices the attempts that have a charge (an attempt refused with an HTTP error has none: providers do not bill those). */
export function priceAttempts(
  models: readonly CatalogModel[],
  attempts: readonly AttemptRecord[],
  base: EstimateBase,
): PricedCharge[] {
  const priced: PricedCharge[] = [];
  for (const record of attempts) {
    const model = record.charge && findModel(models, record.model);
    if (model) priced.push(priceCharge(model, kindOf(record), record.charge!, base));
  }
  return priced;
}

export const totalCost = (charges: readonly PricedCharge[]) => charges.reduce((sum, c) => sum + c.costUsd, 0);
