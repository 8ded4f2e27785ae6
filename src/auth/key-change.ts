// A change to a client key record, applied by the key's one writer (its Durable Object, or the
// admin route itself without one). Pure. Only a revocation touches revoked_at: an update of the
// name or policy keeps whatever revocation the record has, so a PATCH racing a DELETE can never
// bring a revoked key back. Every change bumps the record's version (KV replicas and isolate
// caches keep the newest).
import type { KeyPolicy } from "../schema/policy.ts";
import type { KeyRecord } from "./key-record.ts";

/** A policy as the admin API takes it: its name defaults to the key's. */
export type PolicyInput = Omit<KeyPolicy, "name"> & { name?: string | undefined };

export type KeyChange =
  | { kind: "create"; record: KeyRecord }
  | { kind: "update"; name?: string | undefined; policy?: PolicyInput | undefined; at: string }
  | { kind: "revoke"; at: string };

export type KeyChangeResult = { ok: true; record: KeyRecord } | { ok: false; error: "not_found" | "exists" };

export const versionOf = (record: KeyRecord | undefined) => record?.version ?? 0;

export function applyKeyChange(current: KeyRecord | undefined, change: KeyChange): KeyChangeResult {
  if (change.kind === "create") {
    if (current) return { ok: false, error: "exists" };
    return { ok: true, record: { ...change.record, version: 1 } };
  }
  if (!current) return { ok: false, error: "not_found" };
  const version = versionOf(current) + 1;
  if (change.kind === "revoke") {
    return {
      ok: true,
      record: { ...current, revoked_at: current.revoked_at ?? change.at, updated_at: change.at, version },
    };
  }
  const name = change.name ?? current.name;
  const policy = change.policy ? { ...change.policy, name: change.policy.name ?? name } : current.policy;
  return { ok: true, record: { ...current, name, policy, updated_at: change.at, version } };
}
