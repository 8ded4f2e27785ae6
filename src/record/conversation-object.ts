// ConversationState: one Durable Object per conversation, holding the sticky routing state
// (highest tier served, last model and provider). Deleted by an alarm after a day without turns.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import { tierRank, type Tier } from "../schema/canonical.ts";
import type { StickyState } from "../select/selection.ts";

export const CONVERSATION_TTL_MS = 24 * 60 * 60 * 1000;

export class ConversationState extends DurableObject<Env> {
  async read(): Promise<StickyState | null> {
    return (await this.ctx.storage.get<StickyState>("state")) ?? null;
  }

  /** Records a served turn; the tier only ever goes up unless `replace`. Returns the stored state. */
  async update(turn: StickyState, replace = false): Promise<StickyState> {
    const previous = replace ? null : await this.read();
    const tier: Tier = previous && tierRank(previous.tier) > tierRank(turn.tier) ? previous.tier : turn.tier;
    const state = { tier, model: turn.model, provider: turn.provider };
    await this.ctx.storage.put("state", state);
    await this.ctx.storage.setAlarm(Date.now() + CONVERSATION_TTL_MS);
    return state;
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
