// ROUTER_CLASSIFIER: "on" (default) or "off". Off routes heuristic-only and never
// loads onnxruntime-web; a build without it (see README) behaves the same.
import * as z from "zod";
import type { Env } from "../env.ts";
import { RouterError } from "../errors.ts";

const schema = z.object({ ROUTER_CLASSIFIER: z.enum(["on", "off"]).default("on") });

const cache = new WeakMap<object, boolean>();

export function classifierEnabled(env: Env): boolean {
  const cached = cache.get(env);
  if (cached !== undefined) return cached;
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new RouterError(`Router misconfigured: ROUTER_CLASSIFIER must be "on" or "off"`, {
      status: 500,
      type: "api_error",
      code: "router_misconfigured",
    });
  }
  const enabled = parsed.data.ROUTER_CLASSIFIER === "on";
  cache.set(env, enabled);
  return enabled;
}
