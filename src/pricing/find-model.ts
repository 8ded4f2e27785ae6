// A catalog model by its id (`openai/gpt-4.1-mini`) or, failing that, by its provider's name for it.
import type { CatalogModel } from "./catalog-schema.ts";

export function findModel(models: readonly CatalogModel[], id: string): CatalogModel | undefined {
  return models.find((model) => model.id === id) ?? models.find((model) => model.upstreamModel === id);
}
