// The strong-share monitor (strong-share-monitor.ts) around one routing decision, over a
// state store keyed by whoever is monitored. The request flow calls before() ahead of the
// selector (its cap goes into SelectionInput.strongShareCap) and after() once the selection
// is known. Keys: the client key id where there is one (the key policy may tune or switch the
// monitor off: KeyPolicy.strong_share); until then, the policy name.
import type { Tier } from "../schema/canonical";
import type { KeyPolicy } from "./policy";
import type { Selection } from "./select-model";
import {
  assess,
  DEFAULT_STRONG_SHARE,
  initialState,
  isTop,
  monitorCap,
  observe,
  strongShareHeader,
  type StrongShareConfig,
  type StrongShareState,
} from "./strong-share-monitor";

/** Where monitor states live: per isolate (below) or a Durable Object keyed by the key id. */
export interface StrongShareStore {
  get(key: string): StrongShareState | undefined;
  set(key: string, state: StrongShareState): void;
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
}

export const isolateStrongShare = new IsolateStrongShareStore();

export interface StrongShareCheck {
  key: string;
  config: StrongShareConfig;
  state: StrongShareState;
  /** The cap for the selector (undefined: none). */
  cap: Tier | undefined;
  /** x-router-strong-share. */
  header: string;
}

/** The monitor's configuration under a key policy; undefined when the policy switches it off. */
export function monitorConfig(policy: KeyPolicy): StrongShareConfig | undefined {
  const tuning = policy.strong_share;
  if (tuning?.monitor === false) return undefined;
  return {
    ...DEFAULT_STRONG_SHARE,
    ...(tuning?.allowance !== undefined ? { allowance: tuning.allowance } : {}),
    ...(tuning?.ceiling !== undefined ? { ceiling: tuning.ceiling } : {}),
  };
}

export function strongShareBefore(
  store: StrongShareStore,
  key: string,
  policy: KeyPolicy,
): StrongShareCheck | undefined {
  const config = monitorConfig(policy);
  if (!config) return undefined;
  const state = store.get(key) ?? initialState(config);
  const verdict = assess(state, config);
  return { key, config, state, cap: monitorCap(verdict), header: strongShareHeader(state, verdict) };
}

/**
 * Records the request: whether the router wanted the top tier for it (what it would have served
 * without the monitor: decision, uncertainty and objective bumps, min_tier) and whether it served it.
 */
export function strongShareAfter(store: StrongShareStore, check: StrongShareCheck, selection: Selection): void {
  const cap = selection.tierCap;
  const wanted = cap?.by === "monitor" ? cap.wanted : selection.servedTier;
  store.set(check.key, observe(check.state, isTop(wanted), isTop(selection.servedTier), check.config));
}
