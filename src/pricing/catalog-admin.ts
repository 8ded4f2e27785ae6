// Versioned catalog writes in KV. `catalog:current` is what routing reads; every version is also
// kept under `catalog:v:<n>` (the last KEEP_VERSIONS of them) for rollback. Versions only go up:
// a rollback writes the old content as a new version.
import { catalogSchema, type Catalog } from "./catalog-schema.ts";
export { nextCatalog, validateNext, type Validated } from "./catalog-version.ts";
import { CATALOG_KEY, parseCatalog, primeCatalog } from "./catalog-store.ts";
import { DEFAULT_CATALOG } from "./default-catalog.ts";

export const KEEP_VERSIONS = 20;
export const versionKey = (version: number) => `catalog:v:${version}`;

export type StoredCatalog =
  { state: "stored"; catalog: Catalog } | { state: "default"; catalog: Catalog } | { state: "invalid"; issue: string };

/** The catalog in KV now (read fresh, not from the isolate cache). */
export async function readStored(kv: KVNamespace): Promise<StoredCatalog> {
  const raw = await kv.get(CATALOG_KEY, "text");
  if (raw === null) return { state: "default", catalog: DEFAULT_CATALOG };
  const catalog = parseCatalog(raw);
  if (catalog) return { state: "stored", catalog };
  let issue = "not JSON";
  try {
    const result = catalogSchema.safeParse(JSON.parse(raw));
    const first = result.error?.issues[0];
    if (first) issue = `${first.path.join(".")}: ${first.message}`;
  } catch {
    // keep "not JSON"
  }
  return { state: "invalid", issue };
}

/** Writes a validated catalog as the current version (and into history), and applies it here at once. */
export async function writeCatalog(kv: KVNamespace, catalog: Catalog, now: number): Promise<void> {
  const raw = JSON.stringify(catalog);
  await kv.put(versionKey(catalog.version), raw);
  await kv.put(CATALOG_KEY, raw);
  primeCatalog(kv, catalog, raw, now);
  if (catalog.version > KEEP_VERSIONS) await kv.delete(versionKey(catalog.version - KEEP_VERSIONS));
}

export async function readVersion(kv: KVNamespace, version: number): Promise<Catalog | undefined> {
  const raw = await kv.get(versionKey(version), "text");
  return raw === null ? undefined : parseCatalog(raw);
}

export async function listVersions(kv: KVNamespace): Promise<number[]> {
  const listed = await kv.list({ prefix: "catalog:v:" });
  return listed.keys.map((key) => Number(key.name.slice("catalog:v:".length))).sort((a, b) => b - a);
}
