// Catalog loader: an in-isolate cache in front of KV. The hot path reads KV only
// when the isolate has no catalog yet; after that a stale catalog is served while
// a background refresh (ctx.waitUntil) fetches the new one. A bad KV value never
// replaces the last good catalog.
import { catalogSchema, type Catalog } from "./catalog-schema";
import { DEFAULT_CATALOG } from "./default-catalog";

export const CATALOG_KEY = "catalog:current";

interface CacheEntry {
  catalog: Catalog;
  loadedAt: number;
  refreshing: boolean;
}

export interface CatalogSource {
  kv: KVNamespace;
  ttlMs: number;
  now: () => number;
  waitUntil: (promise: Promise<unknown>) => void;
}

// Keyed by KV binding so isolates serving several namespaces (tests) stay separate.
const caches = new WeakMap<KVNamespace, CacheEntry>();
let reportedInvalid = false;

async function readFromKv(kv: KVNamespace): Promise<Catalog | undefined> {
  const raw = await kv.get(CATALOG_KEY, "text");
  if (raw === null) {
    // First read of an empty namespace: seed it with the bundled defaults.
    await kv.put(CATALOG_KEY, JSON.stringify(DEFAULT_CATALOG));
    return DEFAULT_CATALOG;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = catalogSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  if (!reportedInvalid) {
    reportedInvalid = true;
    console.error(
      JSON.stringify({
        level: "error",
        event: "catalog_invalid",
        key: CATALOG_KEY,
        issue: parsed.error.issues[0]?.message,
      }),
    );
  }
  return undefined;
}

export async function loadCatalog(source: CatalogSource): Promise<Catalog> {
  const entry = caches.get(source.kv);
  const now = source.now();
  if (!entry) {
    const catalog = (await readFromKv(source.kv)) ?? DEFAULT_CATALOG;
    caches.set(source.kv, { catalog, loadedAt: now, refreshing: false });
    return catalog;
  }
  if (now - entry.loadedAt > source.ttlMs && !entry.refreshing) {
    entry.refreshing = true;
    source.waitUntil(
      readFromKv(source.kv)
        .then((catalog) => {
          if (catalog) entry.catalog = catalog;
        })
        .catch(() => undefined)
        .finally(() => {
          entry.loadedAt = source.now();
          entry.refreshing = false;
        }),
    );
  }
  return entry.catalog;
}

/** Drops the isolate cache for a namespace (admin writes call this so changes apply at once). */
export function invalidateCatalog(kv: KVNamespace): void {
  caches.delete(kv);
}
