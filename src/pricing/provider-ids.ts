// Provider ids the router knows. Catalog models name one of these; adapters use the same ids.
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
