// A view of a real KV binding under a key prefix (one fresh "namespace" per test, on the real
// simulated KV), counting every operation that reaches KV. `hang`/`fail` simulate a KV outage.
import type { Catalog } from "../src/pricing/catalog-schema.ts";

export interface KvCounts {
  get: number;
  put: number;
  delete: number;
  list: number;
}

let counter = 0;
const newPrefix = () => `t${Date.now().toString(36)}${(counter++).toString(36)}:`;

/** `prefix`: another view of an existing one's data (a second isolate's KV binding, with its own cache). */
export function countingKv(real: KVNamespace, mode: "ok" | "hang" | "fail" = "ok", prefix = newPrefix()) {
  const counts: KvCounts = { get: 0, put: 0, delete: 0, list: 0 };
  const kv = {
    async get(key: string, options?: unknown) {
      counts.get += 1;
      if (mode === "hang") return new Promise(() => undefined);
      if (mode === "fail") throw new Error("KV unavailable (simulated)");
      return real.get(prefix + key, options as "text");
    },
    async put(key: string, value: string, options?: KVNamespacePutOptions) {
      counts.put += 1;
      return real.put(prefix + key, value, options);
    },
    async delete(key: string) {
      counts.delete += 1;
      return real.delete(prefix + key);
    },
    async list(options?: KVNamespaceListOptions) {
      counts.list += 1;
      const listed = await real.list({ ...options, prefix: prefix + (options?.prefix ?? "") });
      return { ...listed, keys: listed.keys.map((key) => ({ ...key, name: key.name.slice(prefix.length) })) };
    },
  };
  return {
    kv: kv as unknown as KVNamespace,
    prefix,
    counts,
    putRaw: (key: string, value: string) => real.put(prefix + key, value),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function storeCatalog(kv: KVNamespace, catalog: Catalog) {
  await kv.put("catalog:current", JSON.stringify(catalog));
}
