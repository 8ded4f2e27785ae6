// The tenant a request belongs to: whose decisions, feedback, shadow budget and calibration it
// uses. The client-auth stage sets the `tenant` request variable (a client key's id); without
// keys (open mode) every request belongs to DEFAULT_TENANT.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { TENANT_ID } from "./calibration-schema";

export const DEFAULT_TENANT = "default";

export function tenantOf(c: Context<AppEnv>): string {
  const tenant = c.get("tenant");
  return typeof tenant === "string" && TENANT_ID.test(tenant) ? tenant : DEFAULT_TENANT;
}
