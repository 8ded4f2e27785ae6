// Sticky conversation state: an isolate-local LRU in front of the ConversationState Durable
// Object. Reads happen only for conversations with history (one DO round trip on an LRU miss);
// writes go through ctx.waitUntil after the response.
import type { Env } from "../env";
import { tierRank } from "../schema/canonical";
import type { StickyState } from "../select/select-model";

const LRU_SIZE = 2_000;
const lru = new Map<string, StickyState>();

function remember(key: string, state: StickyState): void {
  lru.delete(key);
  lru.set(key, state);
  if (lru.size > LRU_SIZE) lru.delete(lru.keys().next().value!);
}

const stub = (env: Env, key: string) => {
  const namespace = env.CONVERSATIONS;
  return namespace ? namespace.get(namespace.idFromName(key)) : undefined;
};

export async function readSticky(env: Env, key: string): Promise<StickyState | undefined> {
  const cached = lru.get(key);
  if (cached) return cached;
  try {
    const state = await stub(env, key)?.read();
    if (state) remember(key, state);
    return state ?? undefined;
  } catch (error) {
    // Stickiness is an optimisation: a failed read routes as a fresh conversation.
    console.error(JSON.stringify({ level: "error", event: "sticky_read_failed", error: String(error) }));
    return undefined;
  }
}

export function writeSticky(env: Env, key: string, turn: StickyState, waitUntil: (p: Promise<unknown>) => void) {
  const previous = lru.get(key);
  const tier = previous && tierRank(previous.tier) > tierRank(turn.tier) ? previous.tier : turn.tier;
  remember(key, { ...turn, tier });
  const target = stub(env, key);
  if (!target) return;
  waitUntil(
    target.update(turn).then(
      (stored) => remember(key, stored),
      (error) => console.error(JSON.stringify({ level: "error", event: "sticky_write_failed", error: String(error) })),
    ),
  );
}
