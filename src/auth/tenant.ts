// The tenant a request belongs to: whose decisions, feedback, shadow budget and calibration it
// uses: the client key's id (set by the client-auth stage as `identity`); without keys (open
// mode) every request belongs to DEFAULT_TENANT. An explicit `tenant` variable wins (tests, tools).
import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import { DEFAULT_TENANT, TENANT_ID } from "../schema/identity.ts";

export function tenantOf(c: Context<AppEnv>): string {
  const identity = c.get("identity") as AppEnv["Variables"]["identity"] | undefined;
  const tenant = c.get("tenant") ?? (identity?.kind === "key" ? identity.id : undefined);
  return typeof tenant === "string" && TENANT_ID.test(tenant) ? tenant : DEFAULT_TENANT;
}
