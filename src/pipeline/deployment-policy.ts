// The key policy for this request. API keys (and their policies) arrive in a later stage; until
// then one deployment-wide policy applies: ROUTER_POLICY (JSON), or the open policy.
import type { Env } from "../env.ts";
import { RouterError } from "../errors.ts";
import { keyPolicySchema, OPEN_POLICY, type KeyPolicy } from "../select/policy.ts";

const cache = new WeakMap<object, KeyPolicy>();

export function deploymentPolicy(env: Env): KeyPolicy {
  const cached = cache.get(env);
  if (cached) return cached;
  let policy = OPEN_POLICY;
  const raw = env.ROUTER_POLICY;
  if (typeof raw === "string" && raw.trim() !== "") {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const parsed = keyPolicySchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RouterError(
        `Router misconfigured: ROUTER_POLICY: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "not JSON"}`,
        { status: 500, type: "api_error", code: "router_misconfigured" },
      );
    }
    policy = parsed.data;
  }
  cache.set(env, policy);
  return policy;
}
