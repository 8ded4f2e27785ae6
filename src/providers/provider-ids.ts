// Provider ids the router knows, in one list: each provider's definition (registry.ts) takes its id
// from here, and catalog models (pricing/catalog-schema.ts) name one of these. A new provider adds
// its id here first; a definition with any other id does not compile.
export const PROVIDER_IDS = [
  "openai",
  "anthropic",
  "google",
  "groq",
  "together",
  "fireworks",
  "mistral",
  "deepseek",
  "openrouter",
  "workers-ai",
  "custom",
] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];
