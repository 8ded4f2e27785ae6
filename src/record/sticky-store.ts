// Sticky conversation state in the ConversationState Durable Object (one per conversation).
// Reads happen only for conversations with history, and always ask the Durable Object, so a
// conversation whose turns land on different isolates still never drops a tier. An isolate-local
// copy is kept only as the fallback when the Durable Object cannot be reached. Writes go through
// ctx.waitUntil after the response, and are skipped when this isolate knows the Durable Object
// already holds exactly the state the write would leave (a retried request, an id-keyed
// conversation whose tier and model did not change), unless that is older than REFRESH_MS: the
// refresh keeps the object's day-long expiry alarm ahead of a conversation that is still going.
import type { Env } from "../env.ts";
import { tierRank } from "../schema/canonical.ts";
import type { StickyState } from "../select/selection.ts";

const FALLBACK_SIZE = 2_000;
const fallback = new Map<string, StickyState>();
/** An unchanged state is written again after this long (the object expires a day after its last write). */
export const REFRESH_MS = 60 * 60 * 1000;
/** What the Durable Object answered to this isolate's last write of a key, and when. */
const confirmed = new Map<string, { state: StickyState; at: number }>();

const sameState = (a: StickyState, b: StickyState) =>
  a.tier === b.tier && a.model === b.model && a.provider === b.provider;

/** The state an update of `stored` with `turn` leaves (ConversationState.update: the tier only rises). */
const merged = (stored: StickyState, turn: StickyState): StickyState => ({
  ...turn,
  tier: tierRank(stored.tier) > tierRank(turn.tier) ? stored.tier : turn.tier,
});

function confirm(key: string, state: StickyState, at: number): void {
  confirmed.delete(key);
  confirmed.set(key, { state, at });
  if (confirmed.size > FALLBACK_SIZE) confirmed.delete(confirmed.keys().next().value!);
}

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
    // Another isolate changed it (e.g. a reset): the next write here must not be skipped.
    const known = confirmed.get(key);
    if (known && !(state && sameState(state, known.state))) confirmed.delete(key);
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
  now = Date.now(),
) {
  if (replace) fallback.delete(key);
  remember(key, turn);
  const known = confirmed.get(key);
  // Another isolate may have raised the stored tier since: a skipped (tier-raising) write loses nothing.
  if (!replace && known && now - known.at < REFRESH_MS && sameState(merged(known.state, turn), known.state)) return;
  const target = stub(env, key);
  if (!target) return;
  waitUntil(
    target.update(turn, replace).then(
      (stored) => {
        remember(key, stored);
        confirm(key, stored, now);
      },
      (error) => console.error(JSON.stringify({ level: "error", event: "sticky_write_failed", error: String(error) })),
    ),
  );
}
