// Admin API for client keys (behind the admin token):
//   POST   /admin/keys          {"name", "policy"?}  → the key, shown once (201)
//   GET    /admin/keys          keys without secrets or hashes, 100 a page (?limit=1-100, ?cursor=<next_cursor>)
//   GET    /admin/keys/:id      one key
//   PATCH  /admin/keys/:id      {"name"?, "policy"?} (a policy replaces the old one)
//   DELETE /admin/keys/:id      revoke (the record stays, for audit and stats)
// Changes apply at once in this isolate and within ROUTER_KEY_TTL_SECONDS (+ KV propagation) elsewhere.
import { Hono } from "hono";
import * as z from "zod";
import { primeKey } from "../auth/key-cache";
import { generateKey, hashKey, KEY_ID_PATTERN } from "../auth/key-format";
import { KEY_NAME, listKeyPage, publicRecord, readKeyRecord, writeKeyRecord, type KeyRecord } from "../auth/key-record";
import type { AppEnv, Env } from "../env";
import { invalidRequest, notFound, RouterError } from "../errors";
import { issueToError, readJsonBody } from "../schema/parse-request";
import { keyPolicySchema } from "../select/policy";
import { adminAuth } from "./admin-auth";

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

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw issueToError(result.error.issues[0]!);
  return result.data;
}

async function existing(kv: KVNamespace, id: string): Promise<KeyRecord> {
  const record = KEY_ID_PATTERN.test(id) ? await readKeyRecord(kv, id) : undefined;
  if (!record) throw notFound(`No key with id '${id.slice(0, 64)}'.`, "key_not_found");
  return record;
}

async function save(kv: KVNamespace, record: KeyRecord) {
  await writeKeyRecord(kv, record);
  primeKey(kv, record, Date.now());
}

export const adminKeys = new Hono<AppEnv>()
  .use("/admin/keys", adminAuth())
  .use("/admin/keys/*", adminAuth())
  .post("/admin/keys", async (c) => {
    const kv = keysKv(c.env);
    const input = parse(createSchema, await readJsonBody(c.req.raw));
    let generated = generateKey();
    while (await kv.get(`key:${generated.id}`)) generated = generateKey(); // 36^12 ids: practically never
    const now = new Date().toISOString();
    const record: KeyRecord = {
      id: generated.id,
      name: input.name,
      hash: await hashKey(generated.key),
      policy: { ...input.policy, name: input.policy?.name ?? input.name },
      created_at: now,
      updated_at: now,
      revoked_at: null,
    };
    await save(kv, record);
    return c.json({ ...publicRecord(record), key: generated.key }, 201, NO_STORE);
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
    return c.json(publicRecord(await existing(keysKv(c.env), c.req.param("id"))), 200, NO_STORE);
  })
  .patch("/admin/keys/:id", async (c) => {
    const kv = keysKv(c.env);
    const record = await existing(kv, c.req.param("id"));
    const input = parse(updateSchema, await readJsonBody(c.req.raw));
    if (input.name === undefined && input.policy === undefined) {
      throw invalidRequest("Nothing to update: send 'name' and/or 'policy'.", null, "invalid_value");
    }
    const name = input.name ?? record.name;
    const updated: KeyRecord = {
      ...record,
      name,
      policy: input.policy ? { ...input.policy, name: input.policy.name ?? name } : record.policy,
      updated_at: new Date().toISOString(),
    };
    await save(kv, updated);
    return c.json(publicRecord(updated), 200, NO_STORE);
  })
  .delete("/admin/keys/:id", async (c) => {
    const kv = keysKv(c.env);
    const record = await existing(kv, c.req.param("id"));
    const now = new Date().toISOString();
    const revoked: KeyRecord = { ...record, revoked_at: record.revoked_at ?? now, updated_at: now };
    await save(kv, revoked);
    return c.json(publicRecord(revoked), 200, NO_STORE);
  });
