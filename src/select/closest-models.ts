// "Did you mean": the catalog ids closest to an unknown model name, by edit distance to the id or
// to the provider's own name for it (a client sending "gpt-4o" finds "openai/gpt-4.1").
import { distance } from "fastest-levenshtein";
import type { CatalogModel } from "../pricing/catalog-schema.ts";

/** Longest name compared (error paths must stay cheap on hostile input). */
const MAX_NAME = 128;

export function closestModelIds(models: readonly CatalogModel[], wanted: string, count = 3): string[] {
  const name = wanted.slice(0, MAX_NAME).toLowerCase();
  return models
    .map((model) => ({
      id: model.id,
      score: Math.min(distance(name, model.id.toLowerCase()), distance(name, model.upstreamModel.toLowerCase())),
    }))
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, count)
    .map((entry) => entry.id);
}
