// Where a client key's record is decided: its Durable Object (the KeyUsage object named by the key
// id) is the one writer, so concurrent admin changes apply one after another and nothing but a
// DELETE touches revoked_at; KV is a replica that finds keys by id and lists them. After a change
// the replica is written, then re-checked against the object: if a later change overtook this one,
// the newer record is written again, so the replica always ends at the newest version.
// Without the KEY_USAGE binding the admin routes fall back to changing KV directly (not atomic).
import type { Env } from "../env.ts";
import { applyKeyChange, versionOf, type KeyChange, type KeyChangeResult } from "./key-change.ts";
import { writeKeyRecord, type KeyRecord } from "./key-record.ts";

export interface KeyAuthority {
  read(id: string, adopt?: KeyRecord): Promise<KeyRecord | undefined>;
  change(id: string, change: KeyChange, adopt?: KeyRecord): Promise<KeyChangeResult>;
}

export function keyAuthority(env: Env): KeyAuthority | undefined {
  const namespace = env.KEY_USAGE;
  if (!namespace) return undefined;
  const stub = (id: string) => namespace.get(namespace.idFromName(id));
  return {
    read: async (id, adopt) => (await stub(id).readKey(adopt)) ?? undefined,
    change: (id, change, adopt) => stub(id).changeKey(change, adopt),
  };
}

/** Without an authority: read-modify-write on the replica (a race may lose a change). */
const replicaOnly = (current: KeyRecord | undefined, change: KeyChange) => applyKeyChange(current, change);

/** Writes `record` to KV and makes sure the replica ends at the newest version; returns that version. */
async function replicate(kv: KVNamespace, authority: KeyAuthority, record: KeyRecord): Promise<KeyRecord> {
  let latest = record;
  for (let round = 0; round < 5; round++) {
    await writeKeyRecord(kv, latest);
    const now = await authority.read(latest.id);
    if (!now || versionOf(now) <= versionOf(latest)) return latest;
    latest = now;
  }
  return latest;
}

/** Applies an admin change through the key's authority (or, without one, to KV) and replicates it. */
export async function changeKey(
  env: Env,
  kv: KVNamespace,
  id: string,
  change: KeyChange,
  replica?: KeyRecord,
): Promise<KeyChangeResult> {
  const authority = keyAuthority(env);
  if (!authority) {
    const result = replicaOnly(replica, change);
    if (result.ok) await writeKeyRecord(kv, result.record);
    return result;
  }
  const result = await authority.change(id, change, replica);
  if (!result.ok) return result;
  return { ok: true, record: await replicate(kv, authority, result.record) };
}
