// ResponseStore: one Durable Object per stored Responses API response (previous_response_id).
// It keeps the response object, its owner (the client key's id, so no other key can read it)
// and the whole conversation up to and including the response's output, so a follow-up needs
// one call. Deleted RESPONSE_RETENTION_MS after it was stored (an alarm), or on DELETE.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import type { CanonicalMessage } from "../schema/canonical.ts";

/** Stored responses are kept 30 days, as OpenAI keeps them. */
export const RESPONSE_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** storage.put takes at most 128 keys at once. */
const BATCH = 128;

export interface StoredResponse {
  owner: string;
  response: Record<string, unknown>;
  /** The conversation without the request's instructions (they are not carried over). */
  messages: CanonicalMessage[];
}

export class ResponseStore extends DurableObject<Env> {
  /** Stores once: a response id is never overwritten (nor taken over by another owner). */
  async put(record: StoredResponse, retentionMs = RESPONSE_RETENTION_MS): Promise<boolean> {
    if ((await this.ctx.storage.get("owner")) !== undefined) return false;
    // One key per message keeps each value small (a message is bounded by the input limits).
    const entries: Record<string, unknown> = {
      owner: record.owner,
      response: record.response,
      count: record.messages.length,
    };
    record.messages.forEach((message, index) => (entries[`m:${index}`] = message));
    const keys = Object.keys(entries);
    for (let i = 0; i < keys.length; i += BATCH) {
      await this.ctx.storage.put(Object.fromEntries(keys.slice(i, i + BATCH).map((key) => [key, entries[key]])));
    }
    await this.ctx.storage.setAlarm(Date.now() + retentionMs);
    return true;
  }

  async get(owner: string, withMessages: boolean): Promise<StoredResponse | null> {
    const stored = await this.ctx.storage.get<string>("owner");
    if (stored === undefined || stored !== owner) return null;
    const response = (await this.ctx.storage.get<Record<string, unknown>>("response"))!;
    const messages: CanonicalMessage[] = [];
    if (withMessages) {
      const count = (await this.ctx.storage.get<number>("count")) ?? 0;
      for (let i = 0; i < count; i += BATCH) {
        const keys = Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => `m:${i + j}`);
        const batch = await this.ctx.storage.get<CanonicalMessage>(keys);
        for (const key of keys) messages.push(batch.get(key)!);
      }
    }
    return { owner: stored, response, messages };
  }

  async remove(owner: string): Promise<boolean> {
    if ((await this.ctx.storage.get("owner")) !== owner) return false;
    await this.ctx.storage.deleteAll();
    await this.ctx.storage.deleteAlarm();
    return true;
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
