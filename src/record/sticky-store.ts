// Sticky conversation state in the ConversationState Durable Object (one per conversation).
// Reads happen only for conversations with history, and always ask the Durable Object, so a
// conversation whose turns land on different isolates still never drops a tier. An isolate-local
// copy is kept only as the fallback when the Durable Object cannot be reached. Writes go through
// ctx.waitUntil after the response.
import type { Env } from "../env.ts";
import { tierRank } from "../schema/canonical.ts";
import type { StickyState } from "../select/selection.ts";

const FALLBACK_SIZE = 2_000;
const fallback = new Map<string, StickyState>();

function remember(key: string, state: StickyState): void {
  const previous = fallback.get(key);
  const tier = previous && tierRank(previous.tier) > tierRank(state.tier) ? previous.tier : state.tier;
  fallback.delete(key);
  fallback.set(key, { ...state, tier });
  if (fallback.size > FALLBACK_SIZE) fallback.delete(fallback.keys().next().value!);
}

const stub = (env: Env, key: string) => {
  const namespace = env.CONVERSATIONS;
  return namespace ? namespace.get(namespace.idFromName(key)) : undefined;
};

export async function readSticky(env: Env, key: string): Promise<StickyState | undefined> {
  const target = stub(env, key);
  if (!target) return fallback.get(key);
  try {
    const state = await target.read();
    if (state) remember(key, state);
    return state ?? fallback.get(key);
  } catch (error) {
    // Stickiness must not break routing: use what this isolate saw last, if anything.
    console.error(JSON.stringify({ level: "error", event: "sticky_read_failed", error: String(error) }));
    return fallback.get(key);
  }
}

export function writeSticky(
  env: Env,
  key: string,
  turn: StickyState,
  waitUntil: (p: Promise<unknown>) => void,
  replace = false,
) {
  if (replace) fallback.delete(key);
  remember(key, turn);
  const target = stub(env, key);
  if (!target) return;
  waitUntil(
    target.update(turn, replace).then(
      (stored) => remember(key, stored),
      (error) => console.error(JSON.stringify({ level: "error", event: "sticky_write_failed", error: String(error) })),
    ),
  );
}
