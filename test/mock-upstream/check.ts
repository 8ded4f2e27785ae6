// Tiny helpers for the mock's wire-format validation: each returns a message or undefined.
export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function unknownKeys(body: Json, allowed: readonly string[]): string | undefined {
  return Object.keys(body).find((key) => !allowed.includes(key));
}

/** Runs checks in order and returns the first failure. */
export function firstError(...checks: (() => string | undefined)[]): string | undefined {
  for (const check of checks) {
    const error = check();
    if (error) return error;
  }
  return undefined;
}
