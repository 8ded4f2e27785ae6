// Where tenants' learning state is published: the LEARNING KV namespace, else the PRICING one.
import type { Env } from "../env";

export { calibrationKey, settingsKey } from "./learning-keys";

export const learningKv = (env: Env): KVNamespace => env.LEARNING ?? env.PRICING;
