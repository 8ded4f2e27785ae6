// The deployment-wide key policy: ROUTER_POLICY (JSON, the shape of src/schema/policy.ts), or the
// open policy. Every request is served under it, narrowed by the client key's own
// (effective-policy.ts); keys without budgets or a rate limit take its defaults.
import * as z from "zod";
import { defineEnvConfig } from "../env.ts";
import { keyPolicySchema, OPEN_POLICY, type KeyPolicy } from "../schema/policy.ts";

const json = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", message: "not JSON" });
    return z.NEVER;
  }
});

const schema = z.object({ ROUTER_POLICY: json.pipe(keyPolicySchema).optional() });

export const deploymentPolicy = defineEnvConfig(schema, (vars): KeyPolicy => vars.ROUTER_POLICY ?? OPEN_POLICY);
