// Builds the bundled default catalog from the selection and @pydantic/genai-prices. Pure given
// the provider data, so the staleness test can rebuild it and compare.
import type { Catalog, CatalogModel } from "../../../src/pricing/catalog-schema.ts";
import { resolvePrice } from "./resolve-price.ts";
import { BASELINE_MODEL, type SelectedModel } from "./selection.ts";

export interface GpModel {
  id: string;
  deprecated?: boolean;
  context_window?: number;
  match: unknown;
  prices: unknown;
}
export interface GpProvider {
  id: string;
  pricing_urls?: string[];
  models: GpModel[];
}

/** genai-prices MatchLogic, evaluated against an API model id. */
export function matches(logic: any, id: string): boolean {
  if ("equals" in logic) return id === logic.equals;
  if ("starts_with" in logic) return id.startsWith(logic.starts_with);
  if ("ends_with" in logic) return id.endsWith(logic.ends_with);
  if ("contains" in logic) return id.includes(logic.contains);
  if ("regex" in logic) return new RegExp(logic.regex).test(id);
  if ("or" in logic) return logic.or.some((inner: unknown) => matches(inner, id));
  if ("and" in logic) return logic.and.every((inner: unknown) => matches(inner, id));
  throw new Error(`unknown match logic ${JSON.stringify(logic)}`);
}

export function buildCatalog(
  selection: readonly SelectedModel[],
  findProvider: (id: string) => GpProvider | undefined,
  source: { packageName: string; asOf: string },
): Catalog {
  const models = selection.map((pick): CatalogModel => {
    const where = `${pick.provider}/${pick.upstreamModel}`;
    const provider = findProvider(pick.priceFrom.provider);
    const info = provider?.models.find((model) => model.id === pick.priceFrom.model);
    if (!provider || !info)
      throw new Error(`${where}: ${pick.priceFrom.provider}/${pick.priceFrom.model} not in ${source.packageName}`);
    if (info.deprecated) throw new Error(`${where}: marked deprecated in ${source.packageName}`);
    // The API id must be one the price entry covers, or the price belongs to another model.
    if (!matches(info.match, pick.upstreamModel)) {
      throw new Error(`${where}: '${pick.upstreamModel}' does not match the price entry's model pattern`);
    }
    const { pricing, notes } = resolvePrice(info.prices as never, source.asOf);
    const contextWindow = info.context_window ?? pick.contextWindow;
    if (!contextWindow) throw new Error(`${where}: no context window in the data or the selection`);
    return {
      id: where,
      provider: pick.provider,
      upstreamModel: pick.upstreamModel,
      pricing,
      contextWindow,
      maxOutputTokens: Math.min(pick.maxOutputTokens, contextWindow),
      capabilities: pick.capabilities,
      maxTier: pick.maxTier,
      latency: pick.latency,
      source: {
        name: `${source.packageName} (${pick.priceFrom.provider}/${pick.priceFrom.model})`,
        url: provider.pricing_urls?.[0] ?? "https://github.com/pydantic/genai-prices",
        checked: source.asOf,
        ...(notes.length > 0 ? { note: notes.join("; ") } : {}),
      },
    };
  });
  return {
    version: 1,
    updatedAt: `${source.asOf}T00:00:00Z`,
    baseline: BASELINE_MODEL,
    source: `${source.packageName} via npm run pricing:sync; tiers, capabilities and latency priors from tools/build/pricing/selection.ts`,
    models,
  };
}
