// x-router-* request headers -> router options (the body's `router` object wins per field).
import { invalidRequest } from "../errors.ts";
import { issueToError } from "./parse-request.ts";
import { routerOptionsSchema, type RouterOptions } from "./router-options.ts";

const list = (value: string) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

const HEADERS: Partial<Record<string, [keyof RouterOptions, (value: string) => unknown]>> = {
  "x-router-objective": ["objective", (v) => v],
  "x-router-max-cost-usd": ["max_cost_usd", Number],
  "x-router-max-latency-ms": ["max_latency_ms", Number],
  "x-router-min-tier": ["min_tier", (v) => v],
  "x-router-allow-providers": ["allow_providers", list],
  "x-router-deny-providers": ["deny_providers", list],
  "x-router-allow-models": ["allow_models", list],
  "x-router-deny-models": ["deny_models", list],
  "x-router-require": ["require", list],
  "x-router-conversation-id": ["conversation_id", (v) => v],
  "x-router-on-stream-cut": ["on_stream_cut", (v) => v],
  "x-router-sticky": ["sticky", (v) => (v === "off" ? false : v === "on" ? true : v)],
};

export function routerOptionsFromHeaders(headers: Headers): RouterOptions {
  const raw: Record<string, unknown> = {};
  let found = false;
  // One pass over the request's few headers: a lookup per x-router-* name (a dozen) cost more.
  // Names come lower-cased, and a repeated header comes once, its values joined with ", ".
  for (const [name, value] of headers) {
    if (!name.startsWith("x-router-")) continue;
    const known = HEADERS[name];
    if (!known) continue;
    raw[known[0]] = known[1](value);
    found = true;
  }
  if (!found) return {};
  const parsed = routerOptionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw invalidRequest("Invalid x-router-* header.");
  const field = String(issue.path[0] ?? "");
  const header = Object.entries(HEADERS).find(([, entry]) => entry?.[0] === field)?.[0] ?? "x-router-*";
  const error = issueToError(issue);
  throw invalidRequest(`Invalid header '${header}': ${issue.message}`, header, error.code);
}
