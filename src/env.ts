// Worker bindings, per-request variables, and the one way settings are read from the environment.
// The bindings' types are generated from wrangler.toml (`npm run build:types`: `wrangler types`
// writes worker-configuration.d.ts, the global Cloudflare.Env), so a binding added there is typed
// here without this file importing its Durable Object class. Every binding but PRICING may be
// missing at run time: the router then degrades as the README says rather than failing.
import * as z from "zod";
import { RouterError } from "./errors.ts";
import type { Identity } from "./schema/identity.ts";

type Bindings = Cloudflare.Env;
type OptionalBinding = Exclude<keyof Bindings, "PRICING">;

export interface Env extends Pick<Bindings, "PRICING">, Partial<Pick<Bindings, OptionalBinding>> {
  /** "keys" (default): /v1 needs a client key. "open": local development only. */
  ROUTER_AUTH?: string;
  /** Secret guarding /admin/* and /v1/router/stats; those routes are disabled without it. */
  ADMIN_TOKEN?: string;
  /** Deployment-wide key policy (JSON, see src/schema/policy.ts); default: open. */
  ROUTER_POLICY?: string;
  /**
   * Local development only: base URL of the mock upstream. When set, providers
   * that have no API key are served by the mock instead of being skipped.
   */
  DEV_UPSTREAM_URL?: string;
  /** Provider secrets and overrides (`<PROVIDER>_API_KEY`, `<PROVIDER>_BASE_URL`) and ROUTER_* settings. */
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

/** The one rule for every setting and secret: a string that is empty (or only blanks) is unset. */
const isBlank = (value: unknown) => typeof value === "string" && value.trim() === "";

/** Reads a string binding (a secret, a URL) as it is; unset when blank. */
export function readString(env: Env, name: string): string | undefined {
  const value = env[name];
  return typeof value === "string" && !isBlank(value) ? value : undefined;
}

/** A reader of environment settings made by defineEnvConfig; `parse` reads a plain record (tests, tools). */
export interface EnvConfig<T> {
  (env: Env): T;
  parse(vars: Readonly<Record<string, unknown>>): T;
}

function misconfigured(issue: z.core.$ZodIssue | undefined): RouterError {
  const [name, ...path] = issue?.path ?? [];
  const where = [String(name ?? "config"), ...(path.length > 0 ? [path.join(".")] : [])].join(": ");
  return new RouterError(`Router misconfigured: ${where}: ${issue?.message ?? "invalid"}`, {
    status: 500,
    type: "api_error",
    code: "router_misconfigured",
  });
}

/**
 * A settings reader over `schema` (one zod field per environment variable), for every part of the
 * router that is configured from the environment. Parsed once per env object (an isolate's), with
 * one rule for every variable — blank is unset, so its default applies; other strings are trimmed —
 * and one error for a bad value: 500 `router_misconfigured` naming the variable (a bad setting
 * fails loudly, never silently falls back). `build` shapes the parsed variables for the caller.
 */
export function defineEnvConfig<S extends z.ZodObject, T = z.output<S>>(
  schema: S,
  build: (vars: z.output<S>) => T = (vars) => vars as T,
): EnvConfig<T> {
  const cache = new WeakMap<object, T>();
  const parse = (vars: Readonly<Record<string, unknown>>): T => {
    const given: Record<string, unknown> = {};
    for (const name of Object.keys(schema.shape)) {
      const value = vars[name];
      if (value !== undefined && !isBlank(value)) given[name] = typeof value === "string" ? value.trim() : value;
    }
    const parsed = schema.safeParse(given);
    if (!parsed.success) throw misconfigured(parsed.error.issues[0]);
    return build(parsed.data);
  };
  const read = (env: Env): T => {
    if (cache.has(env)) return cache.get(env)!;
    const value = parse(env);
    cache.set(env, value);
    return value;
  };
  return Object.assign(read, { parse });
}
