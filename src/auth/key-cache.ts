// Key records cached in the isolate, so the hot path does not wait on KV after a key's first
// request: a record younger than the TTL is used as is; an older one is still used while one
// background refresh (ctx.waitUntil) reads KV; one older than HARD_TTL_FACTOR × TTL is read again
// before answering. Unknown ids are cached too (a flood of random ids costs one read per id and
// TTL, bounded by MAX_ENTRIES). Revocations and policy changes apply at once in the isolate that
// made them and within the TTL (+ KV propagation) elsewhere.
import { RouterError } from "../errors";
import { readKeyRecord, type KeyRecord } from "./key-record";

const MAX_ENTRIES = 10_000;
const HARD_TTL_FACTOR = 10;
export const KEY_READ_TIMEOUT_MS = 2_000;

interface Entry {
  record: KeyRecord | undefined;
  loadedAt: number;
  refreshing: boolean;
}

export interface KeyCacheOptions {
  ttlMs: number;
  now: () => number;
  waitUntil: (promise: Promise<unknown>) => void;
}

const caches = new WeakMap<KVNamespace, Map<string, Entry>>();
const reads = new WeakMap<KVNamespace, Map<string, Promise<Entry>>>();

function cacheFor(kv: KVNamespace): Map<string, Entry> {
  let cache = caches.get(kv);
  if (!cache) caches.set(kv, (cache = new Map()));
  return cache;
}

function store(kv: KVNamespace, id: string, entry: Entry): Entry {
  const cache = cacheFor(kv);
  cache.delete(id);
  cache.set(id, entry);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return entry;
}

export const authUnavailable = () =>
  new RouterError("Authentication is temporarily unavailable; retry shortly.", {
    status: 503,
    type: "api_error",
    code: "auth_unavailable",
    headers: { "retry-after": "1" },
  });

function read(kv: KVNamespace, id: string, now: () => number): Promise<Entry> {
  let pending = reads.get(kv);
  if (!pending) reads.set(kv, (pending = new Map()));
  const inflight = pending.get(id);
  if (inflight) return inflight;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("KEYS read timed out")), KEY_READ_TIMEOUT_MS);
  });
  const promise = Promise.race([readKeyRecord(kv, id), timeout])
    .then((record) => store(kv, id, { record, loadedAt: now(), refreshing: false }))
    .finally(() => {
      if (timer !== undefined) clearTimeout(timer);
      pending.delete(id);
    });
  pending.set(id, promise);
  return promise;
}

/** The record for `id` (undefined: no such key), from the isolate cache or KV. */
export async function lookupKey(kv: KVNamespace, id: string, options: KeyCacheOptions): Promise<KeyRecord | undefined> {
  const entry = cacheFor(kv).get(id);
  const age = entry ? options.now() - entry.loadedAt : Infinity;
  if (entry && age < options.ttlMs * HARD_TTL_FACTOR) {
    if (age >= options.ttlMs && !entry.refreshing) {
      entry.refreshing = true;
      options.waitUntil(
        read(kv, id, options.now).catch((error) => {
          entry.refreshing = false;
          console.error(JSON.stringify({ level: "error", event: "key_refresh_failed", error: String(error) }));
        }),
      );
    }
    return entry.record;
  }
  try {
    return (await read(kv, id, options.now)).record;
  } catch (error) {
    console.error(JSON.stringify({ level: "error", event: "key_read_failed", error: String(error) }));
    if (entry) return entry.record; // a very stale record beats refusing a valid caller
    throw authUnavailable();
  }
}

/** Puts a record written by this isolate (admin API) into its cache at once. */
export function primeKey(kv: KVNamespace, record: KeyRecord, now: number): void {
  store(kv, record.id, { record, loadedAt: now, refreshing: false });
}
