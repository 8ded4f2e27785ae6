// Which canonical request fields a provider leaves out (x-router-dropped-params), for adapters
// that are not OpenAI-compatible: each lists the optional fields it carries, the rest are named.
import type { CanonicalRequest } from "../schema/canonical.ts";

const OPTIONAL_FIELDS: [string, (r: CanonicalRequest) => unknown][] = [
  ["seed", (r) => r.seed],
  ["user", (r) => r.user],
  ["parallel_tool_calls", (r) => r.parallelToolCalls],
  ["top_k", (r) => r.topK],
  ["prompt_cache_key", (r) => r.promptCacheKey],
  ["prompt_cache_retention", (r) => r.promptCacheRetention],
  ["safety_identifier", (r) => r.safetyIdentifier],
  ["verbosity", (r) => r.verbosity],
  ["prediction", (r) => r.prediction],
  ["logit_bias", (r) => r.logitBias],
];

export function droppedFields(request: CanonicalRequest, carried: readonly string[]): string[] {
  return OPTIONAL_FIELDS.filter(([name, read]) => read(request) !== undefined && !carried.includes(name)).map(
    ([name]) => name,
  );
}
