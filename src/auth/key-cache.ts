// Key records cached in the isolate, so the hot path does not wait on storage for a key used in the
// last ROUTER_KEY_TTL_SECONDS. A cached record older than that is re-read before it is used again —
// from the key's Durable Object, the strongly consistent authority (auth/key-authority.ts) — so a
// revocation or policy change reaches every isolate within the TTL (README, "Authentication").
// A key not cached yet is looked up in KV by id (KV finds keys; an unknown id costs one KV read, and
// is cached too, bounded by MAX_ENTRIES) and then confirmed with its object. If the object cannot be
// reached, a cached record is used for up to HARD_TTL_FACTOR × TTL (logged), then the KV replica.
import { RouterError } from "../errors.ts";
import type { KeyAuthority } from "./key-authority.ts";
import { versionOf } from "./key-change.ts";
import { readKeyRecord, type KeyRecord } from "./key-record.ts";
import { withTimeout } from "../util/with-timeout.ts";

const MAX_ENTRIES = 10_000;
const HARD_TTL_FACTOR = 10;
export const KEY_READ_TIMEOUT_MS = 2_000;

interface Entry {
  record: KeyRecord | undefined;
  loadedAt: number;
}

export interface KeyCacheOptions {
  ttlMs: number;
  now: () => number;
  /** The key's Durable Object; undefined without the KEY_USAGE binding (KV alone decides). */
  authority?: KeyAuthority | undefined;
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

/** The record as the authority has it; `known` is the copy we hold (adopted by an object that has none). */
async function fromAuthority(authority: KeyAuthority, id: string, known: KeyRecord): Promise<KeyRecord> {
  return (await withTimeout(authority.read(id, known), KEY_READ_TIMEOUT_MS, "key object read")) ?? known;
}

/** One read per id at a time: concurrent requests for the same key share it. */
function singleFlight(kv: KVNamespace, id: string, load: () => Promise<KeyRecord | undefined>, now: () => number) {
  let pending = reads.get(kv);
  if (!pending) reads.set(kv, (pending = new Map()));
  const inflight = pending.get(id);
  if (inflight) return inflight;
  const promise = load()
    .then((record) => store(kv, id, { record, loadedAt: now() }))
    .finally(() => pending.delete(id));
  pending.set(id, promise);
  return promise;
}

const logFailure = (event: string, error: unknown) =>
  console.error(JSON.stringify({ level: "error", event, error: String(error) }));

/** The record for `id` (undefined: no such key), from the isolate cache, the key's object or KV. */
export async function lookupKey(kv: KVNamespace, id: string, options: KeyCacheOptions): Promise<KeyRecord | undefined> {
  const entry = cacheFor(kv).get(id);
  const age = entry ? options.now() - entry.loadedAt : Infinity;
  if (entry && age < options.ttlMs) return entry.record;
  const { authority } = options;
  const known = entry?.record;
  if (known && authority) {
    // A key we know: its object alone says whether it still works, and with which policy.
    try {
      return (await singleFlight(kv, id, () => fromAuthority(authority, id, known), options.now)).record;
    } catch (error) {
      logFailure("key_refresh_failed", error);
      if (age < options.ttlMs * HARD_TTL_FACTOR) return known; // a short outage must not lock everyone out
    }
  }
  try {
    const load = async () => {
      const replica = await withTimeout(readKeyRecord(kv, id), KEY_READ_TIMEOUT_MS, "KEYS read");
      if (!replica || !authority) return replica;
      try {
        return await fromAuthority(authority, id, replica);
      } catch (error) {
        logFailure("key_object_unavailable", error);
        return replica;
      }
    };
    return (await singleFlight(kv, id, load, options.now)).record;
  } catch (error) {
    logFailure("key_read_failed", error);
    if (entry) return entry.record; // a very stale record beats refusing a valid caller
    throw authUnavailable();
  }
}

/** Puts a record written by this isolate (admin API) into its cache at once, unless a newer one is there. */
export function primeKey(kv: KVNamespace, record: KeyRecord, now: number): void {
  const cached = cacheFor(kv).get(record.id)?.record;
  if (cached && versionOf(cached) > versionOf(record)) return;
  store(kv, record.id, { record, loadedAt: now });
}
