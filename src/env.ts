// Worker bindings and per-request variables.
import type { Identity } from "./auth/identity.ts";
import type { ConversationState } from "./record/conversation-object.ts";
import type { RouterStats } from "./record/stats-object.ts";
import type { KeyUsage } from "./usage/key-usage-object.ts";
import type { TenantLearning } from "./learning/learning-object.ts";
import type { AdminGuard } from "./security/admin-guard-object.ts";
import type { ResponseStore } from "./responses/response-store.ts";

export interface Env {
  /** Pricing catalog (and, later, calibration) in Workers KV. */
  PRICING: KVNamespace;
  /** Client key records (hashed), one per key: see src/auth/. */
  KEYS?: KVNamespace;
  /** Per-key rate-limit windows and spend, one instance per key (src/usage/). */
  KEY_USAGE?: DurableObjectNamespace<KeyUsage>;
  /** "keys" (default): /v1 needs a client key. "open": local development only. */
  ROUTER_AUTH?: string;
  /** Per-tenant learning settings and calibrations (routing reads them); unbound: PRICING. */
  LEARNING?: KVNamespace;
  /** Usage aggregates behind GET /v1/router/stats (one "global" instance). */
  ROUTER_STATS?: DurableObjectNamespace<RouterStats>;
  /** Sticky routing state, one instance per conversation. */
  CONVERSATIONS?: DurableObjectNamespace<ConversationState>;
  /** Stored Responses API responses (previous_response_id), one instance per response. */
  RESPONSES?: DurableObjectNamespace<ResponseStore>;
  /** Decisions, outcomes, shadow spend and calibration history, one instance per tenant. */
  TENANT_LEARNING?: DurableObjectNamespace<TenantLearning>;
  /** Admin-token throttling per client address and dashboard sessions (src/security/). */
  ADMIN_GUARD?: DurableObjectNamespace<AdminGuard>;
  /** Secret guarding /admin/* and /v1/router/stats; those routes are disabled without it. */
  ADMIN_TOKEN?: string;
  /** Deployment-wide key policy (JSON, see src/select/policy.ts); default: open. */
  ROUTER_POLICY?: string;
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
  /** Set by the client auth middleware on /v1 routes. */
  identity: Identity;
  /** What the key may still spend (usage gate), for the selector; undefined = no budget. */
  budgetRemainingUsd: number | undefined;
  /** Seconds until the tightest budget window resets (for a 429's retry-after). */
  budgetResetSeconds: number | undefined;
  /** Whose learning state applies (a client key's id, set by client auth); unset: "default". */
  tenant?: string;
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
