// Where tenants' learning state is published: the LEARNING KV namespace, else the PRICING one.
import type { Env } from "../../env.ts";

export { calibrationKey, settingsKey } from "./learning-keys.ts";

export const learningKv = (env: Env): KVNamespace => env.LEARNING ?? env.PRICING;
