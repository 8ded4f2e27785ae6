// Admin API for client keys (behind the admin token):
//   POST   /admin/keys          {"name", "policy"?}  → the key, shown once (201)
//   GET    /admin/keys          keys without secrets or hashes, 100 a page (?limit=1-100, ?cursor=<next_cursor>)
//   GET    /admin/keys/:id      one key
//   PATCH  /admin/keys/:id      {"name"?, "policy"?} (a policy replaces the old one)
//   DELETE /admin/keys/:id      revoke (the record stays, for audit and stats)
// Changes go through the key's one writer, its Durable Object (auth/key-authority.ts): a PATCH and a
// DELETE racing each other both apply, in some order, and only DELETE touches revoked_at. They apply
// at once in this isolate and within ROUTER_KEY_TTL_SECONDS everywhere else (auth/key-cache.ts).
import { Hono } from "hono";
import * as z from "zod";
import { changeKey, keyAuthority } from "../auth/key-authority.ts";
import type { KeyChange } from "../auth/key-change.ts";
import { primeKey } from "../auth/key-cache.ts";
import { generateKey, hashKey, KEY_ID_PATTERN } from "../auth/key-format.ts";
import { KEY_NAME, listKeyPage, publicRecord, readKeyRecord, type KeyRecord } from "../auth/key-record.ts";
import type { AppEnv, Env } from "../env.ts";
import { invalidRequest, notFound, RouterError } from "../errors.ts";
import { readAdminJson } from "../limits/read-request.ts";
import { validate } from "../schema/parse-request.ts";
import { keyPolicySchema } from "../schema/policy.ts";
import { adminAuth } from "./admin-auth.ts";

// A key's policy may omit its name: it defaults to the key's name.
const policyInput = keyPolicySchema.extend({ name: keyPolicySchema.shape.name.optional() });
const createSchema = z.strictObject({
  name: z.string().regex(KEY_NAME, "letters, digits, . _ : - only (1-64)"),
  policy: policyInput.optional(),
});
const updateSchema = z.strictObject({ name: createSchema.shape.name.optional(), policy: policyInput.optional() });

const NO_STORE = { "cache-control": "no-store" };
const MAX_PAGE = 100;

function keysKv(env: Env): KVNamespace {
  if (!env.KEYS) {
    throw new RouterError("Client keys are not configured: bind a KV namespace as KEYS (see README).", {
      status: 501,
      type: "api_error",
      code: "keys_unavailable",
    });
  }
  return env.KEYS;
}

/** The key's record from its authority (the KV replica finds it; 404 when there is none). */
async function existing(env: Env, kv: KVNamespace, id: string): Promise<KeyRecord> {
  const replica = KEY_ID_PATTERN.test(id) ? await readKeyRecord(kv, id) : undefined;
  const record = replica && ((await keyAuthority(env)?.read(id, replica)) ?? replica);
  if (!record) throw notFound(`No key with id '${id.slice(0, 64)}'.`, "key_not_found");
  return record;
}

/** Applies a change through the key's one writer, replicates it to KV and this isolate's cache. */
async function apply(env: Env, kv: KVNamespace, id: string, change: KeyChange, replica?: KeyRecord) {
  const result = await changeKey(env, kv, id, change, replica);
  if (!result.ok) {
    if (result.error === "exists") return undefined;
    throw notFound(`No key with id '${id.slice(0, 64)}'.`, "key_not_found");
  }
  primeKey(kv, result.record, Date.now());
  return result.record;
}

export const adminKeys = new Hono<AppEnv>()
  .use("/admin/keys", adminAuth())
  .use("/admin/keys/*", adminAuth())
  .post("/admin/keys", async (c) => {
    const kv = keysKv(c.env);
    const input = validate(createSchema, await readAdminJson(c.req.raw));
    const now = new Date().toISOString();
    for (;;) {
      const generated = generateKey();
      if (await kv.get(`key:${generated.id}`)) continue; // 36^12 ids: practically never
      const record: KeyRecord = {
        id: generated.id,
        name: input.name,
        hash: await hashKey(generated.key),
        policy: { ...input.policy, name: input.policy?.name ?? input.name },
        created_at: now,
        updated_at: now,
        revoked_at: null,
      };
      const created = await apply(c.env, kv, record.id, { kind: "create", record });
      if (created) return c.json({ ...publicRecord(created), key: generated.key }, 201, NO_STORE);
    }
  })
  .get("/admin/keys", async (c) => {
    const kv = keysKv(c.env);
    // Pages keep one request within the platform's per-request KV operation limits.
    const limit = Number(c.req.query("limit") ?? MAX_PAGE);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
      throw invalidRequest(`'limit' must be an integer from 1 to ${MAX_PAGE}.`, "limit", "invalid_value");
    }
    const page = await listKeyPage(kv, limit, c.req.query("cursor"));
    const records = await Promise.all(page.ids.map((id) => readKeyRecord(kv, id)));
    return c.json(
      { object: "list", data: records.filter((r) => r !== undefined).map(publicRecord), next_cursor: page.cursor },
      200,
      NO_STORE,
    );
  })
  .get("/admin/keys/:id", async (c) => {
    return c.json(publicRecord(await existing(c.env, keysKv(c.env), c.req.param("id"))), 200, NO_STORE);
  })
  .patch("/admin/keys/:id", async (c) => {
    const kv = keysKv(c.env);
    const id = c.req.param("id");
    const replica = await existing(c.env, kv, id);
    const input = validate(updateSchema, await readAdminJson(c.req.raw));
    if (input.name === undefined && input.policy === undefined) {
      throw invalidRequest("Nothing to update: send 'name' and/or 'policy'.", null, "invalid_value");
    }
    const change: KeyChange = { kind: "update", name: input.name, policy: input.policy, at: new Date().toISOString() };
    return c.json(publicRecord((await apply(c.env, kv, id, change, replica))!), 200, NO_STORE);
  })
  .delete("/admin/keys/:id", async (c) => {
    const kv = keysKv(c.env);
    const id = c.req.param("id");
    const replica = await existing(c.env, kv, id);
    const change: KeyChange = { kind: "revoke", at: new Date().toISOString() };
    return c.json(publicRecord((await apply(c.env, kv, id, change, replica))!), 200, NO_STORE);
  });
