// The strong-share monitor (strong-share-monitor.ts) around one routing decision, over a
// state store keyed by whoever is monitored. The request flow calls before() ahead of the
// selector (its cap goes into SelectionInput.strongShareCap) and after() once the selection
// is known. Keys: the client key id where there is one (the key policy may tune or switch the
// monitor off: KeyPolicy.strong_share); without one, the policy name. The store is the key's
// Durable Object in the Worker (usage/strong-share-store.ts), so the state survives isolates.
import type { Tier } from "../schema/canonical.ts";
import type { KeyPolicy } from "../schema/policy.ts";
import type { Selection } from "./selection.ts";
import {
  assess,
  DEFAULT_STRONG_SHARE,
  DEPLOYMENT_STRONG_SHARE,
  initialState,
  isTop,
  monitorCap,
  observe,
  strongShareHeader,
  type StrongShareConfig,
  type StrongShareState,
} from "./strong-share-monitor.ts";

/** One routed request, as the monitor counts it. */
export interface StrongShareObservation {
  /** The router wanted the top tier (before the monitor's cap). */
  top: boolean;
  /** It served the top tier. */
  served: boolean;
}

/** Where monitor states live: a Durable Object per key (the Worker), or one isolate's memory. */
export interface StrongShareStore {
  get(key: string, config: StrongShareConfig): StrongShareState | undefined | Promise<StrongShareState | undefined>;
  observe(key: string, config: StrongShareConfig, observation: StrongShareObservation): void;
}

/** A bounded in-isolate store (the least recently written keys are forgotten first). */
export class IsolateStrongShareStore implements StrongShareStore {
  private readonly states = new Map<string, StrongShareState>();
  private readonly capacity: number;
  constructor(capacity = 10_000) {
    this.capacity = capacity;
  }
  get(key: string): StrongShareState | undefined {
    return this.states.get(key);
  }
  set(key: string, state: StrongShareState): void {
    this.states.delete(key);
    this.states.set(key, state);
    if (this.states.size > this.capacity) this.states.delete(this.states.keys().next().value!);
  }
  observe(key: string, config: StrongShareConfig, observation: StrongShareObservation): void {
    const state = this.states.get(key) ?? initialState(config);
    this.set(key, observe(state, observation.top, observation.served, config));
  }
}

export interface StrongShareCheck {
  key: string;
  config: StrongShareConfig;
  state: StrongShareState;
  /** The cap for the selector (undefined: none). */
  cap: Tier | undefined;
  /** x-router-strong-share. */
  header: string;
}

/** The monitor's configuration under a policy; undefined when the policy switches it off. */
export function monitorConfig(policy: KeyPolicy, kind: "key" | "deployment" = "key"): StrongShareConfig | undefined {
  const tuning = policy.strong_share;
  if (tuning?.monitor === false) return undefined;
  return {
    ...(kind === "key" ? DEFAULT_STRONG_SHARE : DEPLOYMENT_STRONG_SHARE),
    ...(tuning?.baseline !== undefined ? { prior: tuning.baseline } : {}),
    ...(tuning?.allowance !== undefined ? { allowance: tuning.allowance } : {}),
    ...(tuning?.ceiling !== undefined ? { ceiling: tuning.ceiling } : {}),
  };
}

/** Who is monitored: the deployment (its policy), and for a client key, the key too. */
export interface MonitoredParty {
  /** The deployment's monitor key and policy (ROUTER_POLICY): every request's traffic feeds it. */
  deployment: { key: string; policy: KeyPolicy };
  /** A client key's monitor key and effective policy; without one, the deployment is judged itself. */
  client?: { key: string; policy: KeyPolicy } | undefined;
}

export interface StrongShareChecks {
  /** The party whose verdict caps this request (the key, else the deployment). */
  judged: StrongShareCheck;
  /** The deployment, fed by a key's request too (its baseline is where fresh keys start). */
  deployment: StrongShareCheck | undefined;
}

async function check(store: StrongShareStore, key: string, config: StrongShareConfig): Promise<StrongShareCheck> {
  const state = (await store.get(key, config)) ?? initialState(config);
  const verdict = assess(state, config);
  return { key, config, state, cap: monitorCap(verdict), header: strongShareHeader(state, verdict) };
}

export async function strongShareBefore(
  store: StrongShareStore,
  party: MonitoredParty,
): Promise<StrongShareChecks | undefined> {
  const deploymentConfig = monitorConfig(party.deployment.policy, "deployment");
  const deployment = deploymentConfig ? await check(store, party.deployment.key, deploymentConfig) : undefined;
  if (!party.client) return deployment && { judged: deployment, deployment: undefined };
  const keyConfig = monitorConfig(party.client.policy, "key");
  if (!keyConfig) return undefined;
  // A fresh key starts from its policy's stated baseline, else the deployment's current one.
  const prior = party.client.policy.strong_share?.baseline ?? deployment?.state.baseline ?? keyConfig.prior;
  const judged = await check(store, party.client.key, { ...keyConfig, prior });
  return { judged, deployment };
}

/**
 * Records the request: whether the router wanted the top tier for it (what it would have served
 * without the monitor: decision, uncertainty and objective bumps, min_tier) and whether it served it.
 */
export function strongShareAfter(store: StrongShareStore, checks: StrongShareChecks, selection: Selection): void {
  const cap = selection.tierCap;
  const wanted = cap?.by === "monitor" ? cap.wanted : selection.servedTier;
  const observation = { top: isTop(wanted), served: isTop(selection.servedTier) };
  store.observe(checks.judged.key, checks.judged.config, observation);
  if (checks.deployment) store.observe(checks.deployment.key, checks.deployment.config, observation);
}
