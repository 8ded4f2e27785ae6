// The classifier's line in /healthz: off, idle, loading, ready (with the model
// version), failed, not-bundled, or misconfigured (a bad ROUTER_CLASSIFIER).
import type { Env } from "../env.ts";
import { classifierEnabled } from "./classifier-config.ts";
import { isolateClassifier, type SlotStatus } from "./classifier-slot.ts";

export type ClassifierHealth = SlotStatus | { state: "off" | "misconfigured" };

export function classifierHealth(env: Env): ClassifierHealth {
  try {
    return classifierEnabled(env) ? isolateClassifier.status() : { state: "off" };
  } catch {
    return { state: "misconfigured" };
  }
}
