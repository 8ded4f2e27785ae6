// The strong-share monitor's state (select/strong-share-monitor.ts) in the key's own Durable Object
// (KeyUsage), so it survives isolates: a key cannot escape its flag by landing on a fresh isolate.
// No request waits on the object after a key's first one in an isolate: each isolate decides from
// the state its last sync returned plus the requests it routed since (replayed locally), and sends
// those observations after the response, a moment later so that a busy isolate sends one call for
// many requests (one call in flight per key and isolate; the object applies every isolate's
// observations in arrival order and returns the state). A key's first request in an
// isolate waits for one sync, bounded by COLD_TIMEOUT_MS; while the object is unreachable the
// isolate monitors alone (logged). Without the KEY_USAGE binding: this isolate's memory.
import type { Env } from "../env.ts";
import { flushDelayMs } from "../stats/flush-delay.ts";
import {
  IsolateStrongShareStore,
  type StrongShareObservation,
  type StrongShareStore,
} from "../select/strong-share-guard.ts";
import {
  initialState,
  observe,
  type StrongShareConfig,
  type StrongShareState,
} from "../select/strong-share-monitor.ts";
import { withTimeout } from "../util/with-timeout.ts";

export type StrongShareRemote = (
  key: string,
  observations: StrongShareObservation[],
  config: StrongShareConfig,
) => Promise<StrongShareState>;

interface View {
  synced: StrongShareState | undefined;
  syncedAt: number;
  /** Observations not yet acknowledged by the object (in flight first, then pending). */
  unsent: StrongShareObservation[];
  inflight: number;
  syncing: Promise<void> | undefined;
  failedAt: number | undefined;
  /**
   * The synced state with `count` unsent observations replayed on it, kept so each request replays
   * only what came since (replaying every unsent one per request grew with the batch: O(n²)).
   */
  replayed?: { synced: StrongShareState | undefined; config: string; count: number; state: StrongShareState };
}

/** A config's identity for the replay cache (configs are rebuilt per request). */
const configId = (c: StrongShareConfig) =>
  `${c.fastWindow}|${c.slowWindow}|${c.prior}|${c.priorWeight}|${c.allowance}|${c.z}|${c.minObservations}|${c.ownBaseline}|${c.ceiling}`;

const COLD_TIMEOUT_MS = 1_000;
/** A sync that takes longer counts as failed (and its observations are sent again). */
const SYNC_TIMEOUT_MS = 5_000;
const SOFT_STALE_MS = 1_000;
const RETRY_AFTER_FAILURE_MS = 10_000;
const MAX_VIEWS = 10_000;
const MAX_UNSENT = 5_000;

type WaitUntil = (promise: Promise<unknown>) => void;

export class DurableStrongShareStore implements StrongShareStore {
  private readonly views = new Map<string, View>();
  private readonly remote: StrongShareRemote;
  private readonly now: () => number;
  private waitUntil: WaitUntil = () => undefined;

  private readonly batchMs: number;

  /** `batchMs`: how long observations wait to be sent together (the stats flush delay). */
  constructor(remote: StrongShareRemote, now: () => number = Date.now, batchMs = 0) {
    this.remote = remote;
    this.now = now;
    this.batchMs = batchMs;
  }

  /** The request's waitUntil, for the background syncs it starts. */
  bind(waitUntil: WaitUntil): this {
    this.waitUntil = waitUntil;
    return this;
  }

  async get(key: string, config: StrongShareConfig): Promise<StrongShareState> {
    const view = this.view(key);
    const now = this.now();
    const recentlyFailed = view.failedAt !== undefined && now - view.failedAt < RETRY_AFTER_FAILURE_MS;
    if (!view.synced && !recentlyFailed) await this.syncWithin(key, view, config, COLD_TIMEOUT_MS);
    else if (now - view.syncedAt > SOFT_STALE_MS) this.schedule(key, view, config);
    const id = configId(config);
    let replayed = view.replayed;
    if (!replayed || replayed.synced !== view.synced || replayed.config !== id || replayed.count > view.unsent.length) {
      replayed = { synced: view.synced, config: id, count: 0, state: view.synced ?? initialState(config) };
      view.replayed = replayed;
    }
    for (; replayed.count < view.unsent.length; replayed.count++) {
      const o = view.unsent[replayed.count]!;
      replayed.state = observe(replayed.state, o.top, o.served, config);
    }
    return replayed.state;
  }

  observe(key: string, config: StrongShareConfig, observation: StrongShareObservation): void {
    const view = this.view(key);
    view.unsent.push(observation);
    if (view.unsent.length > MAX_UNSENT) {
      view.unsent.splice(view.inflight, 1); // bound memory in an outage
      view.replayed = undefined;
    }
    this.schedule(key, view, config, this.batchMs);
  }

  /** Resolves when nothing is in flight for `key` (tests). */
  async drain(key: string): Promise<void> {
    const view = this.views.get(key);
    while (view?.syncing) await view.syncing;
  }

  private view(key: string): View {
    let view = this.views.get(key);
    if (view) return view;
    view = { synced: undefined, syncedAt: 0, unsent: [], inflight: 0, syncing: undefined, failedAt: undefined };
    this.views.set(key, view);
    if (this.views.size > MAX_VIEWS) {
      for (const [oldKey, old] of this.views) {
        if (!old.syncing && old.unsent.length === 0) {
          this.views.delete(oldKey);
          break;
        }
      }
    }
    return view;
  }

  private schedule(key: string, view: View, config: StrongShareConfig, delayMs = 0): Promise<void> {
    if (!view.syncing) {
      view.syncing = this.loop(key, view, config, delayMs);
      this.waitUntil(view.syncing);
    }
    return view.syncing;
  }

  private async syncWithin(key: string, view: View, config: StrongShareConfig, ms: number) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    await Promise.race([this.schedule(key, view, config), timeout]);
    if (timer !== undefined) clearTimeout(timer);
  }

  private async loop(key: string, view: View, config: StrongShareConfig, delayMs: number): Promise<void> {
    try {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      do {
        view.inflight = view.unsent.length;
        view.synced = await withTimeout(
          this.remote(key, view.unsent.slice(0, view.inflight), config),
          SYNC_TIMEOUT_MS,
          "strong-share sync",
        );
        view.syncedAt = this.now();
        view.unsent.splice(0, view.inflight);
        view.inflight = 0;
        view.failedAt = undefined;
      } while (view.unsent.length > 0);
    } catch (error) {
      view.inflight = 0; // kept for the next sync (a call that did land counts twice: the safe side)
      view.failedAt = this.now();
      console.error(JSON.stringify({ level: "error", event: "strong_share_sync_failed", key, error: String(error) }));
    } finally {
      view.syncing = undefined;
    }
  }
}

const stores = new WeakMap<object, DurableStrongShareStore>();
const isolateStore = new IsolateStrongShareStore();

/** The store for this isolate: the keys' Durable Objects, or (without the binding) its own memory. */
export function strongShareStoreFor(env: Env, waitUntil: WaitUntil): StrongShareStore {
  const namespace = env.KEY_USAGE;
  if (!namespace) return isolateStore;
  let store = stores.get(namespace);
  if (!store) {
    store = new DurableStrongShareStore(
      (key, observations, config) => namespace.get(namespace.idFromName(key)).strongShare(observations, config),
      Date.now,
      flushDelayMs(env),
    );
    stores.set(namespace, store);
  }
  return store.bind(waitUntil);
}
