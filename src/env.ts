// Worker bindings and per-request variables.

export interface Env {
  /** Pricing catalog (and, later, keys and calibration) in Workers KV. */
  PRICING: KVNamespace;
  /**
   * Local development only: base URL of the mock upstream. When set, providers
   * that have no API key are served by the mock instead of being skipped.
   */
  DEV_UPSTREAM_URL?: string;
  /** Provider secrets and overrides: `<PROVIDER>_API_KEY`, `<PROVIDER>_BASE_URL`. */
  [binding: string]: unknown;
}

export interface RequestVars {
  requestId: string;
  /** performance.now() when the request entered the router. */
  startedAt: number;
}

export interface AppEnv {
  Bindings: Env;
  Variables: RequestVars;
}

/** Reads a string binding, treating empty strings as absent. */
export function readString(env: Env, name: string): string | undefined {
  const value = env[name];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
