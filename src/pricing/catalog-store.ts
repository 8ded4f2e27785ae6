// Catalog loader: an in-isolate cache in front of KV.
// - Hot path: after the isolate's first load, requests never wait for KV. A catalog older than the
//   TTL is still served while one background refresh (ctx.waitUntil) fetches the new one.
// - First load: concurrent requests share one KV read, bounded by FIRST_LOAD_TIMEOUT_MS; on a
//   timeout or error the bundled defaults serve until the read (or a later refresh) succeeds.
// - A value that fails validation never replaces the last good catalog; it is reported once
//   (per distinct value), and routing carries on.
// - An empty namespace is seeded with the bundled defaults, in the background.
import { hash64 } from "../util/hash.ts";
import { catalogSchema, type Catalog } from "./catalog-schema.ts";
import { DEFAULT_CATALOG } from "./default-catalog.ts";

export const CATALOG_KEY = "catalog:current";
export const FIRST_LOAD_TIMEOUT_MS = 2_000;

export interface CatalogSource {
  kv: KVNamespace;
  ttlMs: number;
  now: () => number;
  waitUntil: (promise: Promise<unknown>) => void;
}

interface CacheEntry {
  catalog: Catalog;
  /** The KV text the catalog was parsed from (skip re-parsing an unchanged value). */
  raw: string | undefined;
  loadedAt: number;
  refreshing: boolean;
}

type ReadResult = { kind: "ok"; catalog: Catalog; raw: string } | { kind: "empty" } | { kind: "invalid" };

// Keyed by KV binding so isolates serving several namespaces (tests) stay separate.
const caches = new WeakMap<KVNamespace, CacheEntry>();
const firstLoads = new WeakMap<KVNamespace, Promise<CacheEntry>>();
const reported = new Set<string>();

function reportOnce(event: string, detail: Record<string, unknown>, fingerprint: string): void {
  if (reported.has(fingerprint)) return;
  reported.add(fingerprint);
  console.error(JSON.stringify({ level: "error", event, key: CATALOG_KEY, ...detail }));
}

/** Parses and validates a stored catalog value (reports an invalid one once). */
export function parseCatalog(raw: string): Catalog | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    reportOnce("catalog_invalid", { issue: "not JSON" }, `invalid:${hash64(raw)}`);
    return undefined;
  }
  const parsed = catalogSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  reportOnce("catalog_invalid", { issue: `${issue?.path.join(".")}: ${issue?.message}` }, `invalid:${hash64(raw)}`);
  return undefined;
}

async function readFromKv(kv: KVNamespace, previousRaw?: string, previous?: Catalog): Promise<ReadResult> {
  const raw = await kv.get(CATALOG_KEY, "text");
  if (raw === null) return { kind: "empty" };
  if (raw === previousRaw && previous) return { kind: "ok", catalog: previous, raw };
  const catalog = parseCatalog(raw);
  return catalog ? { kind: "ok", catalog, raw } : { kind: "invalid" };
}

const timeout = (ms: number) =>
  new Promise<"timeout">((resolve) => {
    setTimeout(() => resolve("timeout"), ms);
  });

async function firstLoad(source: CatalogSource): Promise<CacheEntry> {
  const entry: CacheEntry = { catalog: DEFAULT_CATALOG, raw: undefined, loadedAt: source.now(), refreshing: false };
  const read = readFromKv(source.kv).then(
    (result) => {
      if (result.kind === "ok") Object.assign(entry, { catalog: result.catalog, raw: result.raw });
      if (result.kind === "empty") source.waitUntil(seed(source.kv));
      return result;
    },
    (error: unknown) => {
      reportOnce("catalog_read_failed", { error: String(error) }, "read-failed");
      return undefined;
    },
  );
  const first = await Promise.race([read, timeout(FIRST_LOAD_TIMEOUT_MS)]);
  if (first === "timeout") {
    // Serve the defaults now; the read keeps going and fills the entry when it lands.
    reportOnce("catalog_read_slow", { timeout_ms: FIRST_LOAD_TIMEOUT_MS }, "read-slow");
    source.waitUntil(read);
  }
  return entry;
}

/** The seeded catalog is stored as version 1 too, so the first edit can be rolled back. */
export const SEEDED_VERSION_KEY = `catalog:v:${DEFAULT_CATALOG.version}`;

async function seed(kv: KVNamespace): Promise<void> {
  try {
    const raw = JSON.stringify(DEFAULT_CATALOG);
    await kv.put(SEEDED_VERSION_KEY, raw);
    await kv.put(CATALOG_KEY, raw);
  } catch (error) {
    reportOnce("catalog_seed_failed", { error: String(error) }, "seed-failed");
  }
}

function refresh(entry: CacheEntry, source: CatalogSource): Promise<void> {
  return readFromKv(source.kv, entry.raw, entry.catalog)
    .then((result) => {
      if (result.kind === "ok") Object.assign(entry, { catalog: result.catalog, raw: result.raw });
    })
    .catch((error: unknown) => reportOnce("catalog_read_failed", { error: String(error) }, "read-failed"))
    .finally(() => {
      entry.loadedAt = source.now();
      entry.refreshing = false;
    });
}

export async function loadCatalog(source: CatalogSource): Promise<Catalog> {
  let entry = caches.get(source.kv);
  if (!entry) {
    let pending = firstLoads.get(source.kv);
    if (!pending) {
      pending = firstLoad(source).then((loaded) => {
        caches.set(source.kv, loaded);
        firstLoads.delete(source.kv);
        return loaded;
      });
      firstLoads.set(source.kv, pending);
    }
    return (await pending).catalog;
  }
  if (source.now() - entry.loadedAt > source.ttlMs && !entry.refreshing) {
    entry.refreshing = true;
    source.waitUntil(refresh(entry, source));
  }
  return entry.catalog;
}

/** Installs a catalog this isolate just wrote (admin API), so it applies here at once. */
export function primeCatalog(kv: KVNamespace, catalog: Catalog, raw: string, now: number): void {
  caches.set(kv, { catalog, raw, loadedAt: now, refreshing: false });
}
