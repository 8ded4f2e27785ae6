// The Worker's side of the ResponseStore Durable Object: look up previous_response_id for its
// owner, and store a finished response (unless the request said store: false).
import type { Env } from "../env.ts";
import { notFound, RouterError } from "../errors.ts";
import type { StoredResponse } from "./response-store.ts";

const RESPONSE_ID = /^resp_[0-9a-f]{32}$/;

export const newResponseId = () => `resp_${crypto.randomUUID().replace(/-/g, "")}`;

function stub(env: Env, id: string) {
  const namespace = env.RESPONSES;
  if (!namespace) {
    throw new RouterError("Stored responses are not configured on this deployment (no RESPONSES binding).", {
      status: 400,
      type: "invalid_request_error",
      param: "previous_response_id",
      code: "unsupported_parameter",
    });
  }
  return namespace.get(namespace.idFromName(id));
}

const missing = (id: string) =>
  notFound(
    `No stored response with id '${id.slice(0, 64)}' (it expired, was not stored, or belongs to another key).`,
    "response_not_found",
  );

/** A stored response of this owner, or a 404 (unknown, expired, store: false or another key's). */
export async function loadResponse(
  env: Env,
  id: string,
  owner: string,
  withMessages: boolean,
): Promise<StoredResponse> {
  if (!RESPONSE_ID.test(id)) throw missing(id);
  const stored = await stub(env, id).get(owner, withMessages);
  if (!stored) throw missing(id);
  return stored;
}

export async function storeResponse(env: Env, id: string, record: StoredResponse): Promise<void> {
  try {
    await stub(env, id).put(record);
  } catch (error) {
    // A lost write costs the follow-up (a clear 404 then), never the answer already sent.
    console.error(JSON.stringify({ level: "error", event: "response_store_failed", error: String(error) }));
  }
}

export async function deleteResponse(env: Env, id: string, owner: string): Promise<void> {
  if (!RESPONSE_ID.test(id) || !(await stub(env, id).remove(owner))) throw missing(id);
}
