// Test helpers: call the real app inside workerd with its real bindings, and
// drive the mock upstream's scenarios over HTTP.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { FaultRule, RecordedRequest } from "./mock-upstream/faults.ts";
import { createApp } from "../src/index.ts";
import type { Env } from "../src/env.ts";

export const testEnv = env as unknown as Env & {
  MOCK_UPSTREAM_URL: string;
  SPARE_KV_A: KVNamespace;
  SPARE_KV_B: KVNamespace;
  SPARE_KV_C: KVNamespace;
};
export const mockUrl = () => testEnv.MOCK_UPSTREAM_URL;

let scenarioCounter = 0;

/** A fresh mock scenario with its own fault rules and request log. */
export async function scenario(rules: FaultRule[] = []) {
  const id = `t${Date.now().toString(36)}${(scenarioCounter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const res = await fetch(`${mockUrl()}/__mock/scenarios/${id}`, { method: "PUT", body: JSON.stringify({ rules }) });
  if (!res.ok) throw new Error(`mock scenario setup failed: ${res.status}`);
  return {
    id,
    /** OpenAI-compatible base URL routed through this scenario. */
    openaiBaseUrl: `${mockUrl()}/s/${id}/v1`,
    /** Anthropic base URL (host root, as Anthropic's SDK spells it). */
    anthropicBaseUrl: `${mockUrl()}/s/${id}`,
    /** Gemini base URL (with the API version). */
    geminiBaseUrl: `${mockUrl()}/s/${id}/v1beta`,
    requests: async () =>
      (await (await fetch(`${mockUrl()}/__mock/scenarios/${id}/requests`)).json()) as RecordedRequest[],
  };
}

/** Sends a request through the deployed entrypoint (SELF), with the test env. */
export function callWorker(path: string, init?: RequestInit): Promise<Response> {
  const worker = (exports as unknown as { default: Fetcher }).default;
  return worker.fetch(new Request(`http://router.test${path}`, init));
}

/** Runs the app against a modified env (e.g. a provider pointed at a fault scenario). */
export async function callApp(path: string, init: RequestInit | undefined, overrides: Partial<Env>): Promise<Response> {
  return appWithEnv(overrides)(path, init);
}

/** A call into the app, as `appWithEnv` and `tenantApp` return it. */
export type AppCall = (path: string, init?: RequestInit) => Response | Promise<Response>;

/**
 * One env object for several calls: per-isolate state (breakers, retry budget) lives per env,
 * so requests made through the same caller share it, as requests in one isolate do. The calls
 * share one real execution context: `settle()` waits for the background work (ctx.waitUntil) of
 * every call so far, and for work that work schedules meanwhile.
 */
export function appWithEnv(overrides: Partial<Env>) {
  const app = createApp();
  const env = { ...testEnv, ...overrides };
  const ctx = createExecutionContext();
  const call = (path: string, init?: RequestInit) =>
    app.fetch(new Request(`http://router.test${path}`, init), env, ctx);
  return Object.assign(call, { settle: () => waitOnExecutionContext(ctx) });
}

export const chatBody = (content: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model: "auto", messages: [{ role: "user", content }], ...extra });

export const jsonPost = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body,
});
