// ROUTER_CLASSIFIER: "on" (default) or "off". Off routes heuristic-only and never
// loads onnxruntime-web; a build without it (see README) behaves the same.
import * as z from "zod";
import { defineEnvConfig } from "../env.ts";

const schema = z.object({ ROUTER_CLASSIFIER: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on") });

export const classifierEnabled = defineEnvConfig(schema, (vars) => vars.ROUTER_CLASSIFIER === "on");
