// Client key records in the KEYS KV namespace, one per key under `key:<id>`. The record holds the
// SHA-256 of the key (never the key), its policy and its lifecycle. The KV list metadata carries
// what /v1/router/stats needs per key (name, budgets, revoked), so stats read one list, not N keys.
// KV is the replica that finds a key (and lists them); the key's Durable Object is the authority on
// its policy and revocation (auth/key-authority.ts).
import * as z from "zod";
import { keyPolicySchema } from "../schema/policy.ts";

export const KEY_PREFIX = "key:";
export const KEY_NAME = /^[\w.:-]{1,64}$/;

export const keyRecordSchema = z.object({
  id: z.string().regex(/^[a-z0-9]{12}$/),
  name: z.string().regex(KEY_NAME),
  /** SHA-256 of the whole key, lowercase hex. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  policy: keyPolicySchema,
  created_at: z.string(),
  updated_at: z.string(),
  revoked_at: z.string().nullable(),
  /** Bumped by every change (auth/key-change.ts): the newest record wins in caches and KV. */
  version: z.number().int().nonnegative().optional(),
});

export type KeyRecord = z.infer<typeof keyRecordSchema>;

export interface KeyListMetadata {
  name: string;
  revoked: boolean;
  daily?: number | undefined;
  monthly?: number | undefined;
}

/** A record as the admin API shows it: everything but the hash. */
export function publicRecord(record: KeyRecord) {
  const { hash: _hash, ...rest } = record;
  return { object: "router.key", ...rest };
}

export async function readKeyRecord(kv: KVNamespace, id: string): Promise<KeyRecord | undefined> {
  const raw = await kv.get(KEY_PREFIX + id, "text");
  if (raw === null) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = keyRecordSchema.safeParse(json);
  if (!parsed.success) {
    // A corrupt record authenticates no one; say so once per read for the operator.
    console.error(JSON.stringify({ level: "error", event: "key_record_invalid", key_id: id }));
    return undefined;
  }
  return parsed.data;
}

export async function writeKeyRecord(kv: KVNamespace, record: KeyRecord): Promise<void> {
  const metadata: KeyListMetadata = {
    name: record.name,
    revoked: record.revoked_at !== null,
    daily: record.policy.budget_usd?.daily,
    monthly: record.policy.budget_usd?.monthly,
  };
  await kv.put(KEY_PREFIX + record.id, JSON.stringify(record), { metadata });
}

/** One page of key ids (KV list order), for the admin list. */
export async function listKeyPage(kv: KVNamespace, limit: number, cursor?: string) {
  const page = await kv.list<KeyListMetadata>({ prefix: KEY_PREFIX, limit, ...(cursor ? { cursor } : {}) });
  return {
    ids: page.keys.map((key) => key.name.slice(KEY_PREFIX.length)),
    cursor: page.list_complete ? null : page.cursor,
  };
}

/** Every key id with its list metadata (paged through KV list). */
export async function listKeys(kv: KVNamespace, max = 10_000): Promise<{ id: string; meta: KeyListMetadata }[]> {
  const out: { id: string; meta: KeyListMetadata }[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list<KeyListMetadata>({ prefix: KEY_PREFIX, ...(cursor ? { cursor } : {}) });
    for (const key of page.keys) {
      out.push({ id: key.name.slice(KEY_PREFIX.length), meta: key.metadata ?? { name: "?", revoked: false } });
    }
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor && out.length < max);
  return out;
}
