// ConversationState: one Durable Object per conversation, holding the sticky routing state
// (highest tier served, last model and provider). Deleted by an alarm about a day after its last write
// (23 to 24 hours: the alarm is moved only when it would move by more than an hour).
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import { tierRank, type Tier } from "../schema/canonical.ts";
import type { StickyState } from "../select/selection.ts";

export const CONVERSATION_TTL_MS = 24 * 60 * 60 * 1000;
/** The alarm is moved only when it would move by more than this (an alarm write per turn costs). */
const ALARM_SLACK_MS = 60 * 60 * 1000;

export class ConversationState extends DurableObject<Env> {
  /** When this instance last set the alarm for (undefined after a restart: set it again). */
  #alarmAt: number | undefined;

  async read(): Promise<StickyState | null> {
    return (await this.ctx.storage.get<StickyState>("state")) ?? null;
  }

  /** Records a served turn; the tier only ever goes up unless `replace`. Returns the stored state. */
  async update(turn: StickyState, replace = false): Promise<StickyState> {
    const previous = replace ? null : await this.read();
    const tier: Tier = previous && tierRank(previous.tier) > tierRank(turn.tier) ? previous.tier : turn.tier;
    const state = { tier, model: turn.model, provider: turn.provider };
    await this.ctx.storage.put("state", state);
    const expiry = Date.now() + CONVERSATION_TTL_MS;
    if (this.#alarmAt === undefined || expiry - this.#alarmAt > ALARM_SLACK_MS) {
      await this.ctx.storage.setAlarm(expiry);
      this.#alarmAt = expiry;
    }
    return state;
  }

  override async alarm(): Promise<void> {
    this.#alarmAt = undefined;
    await this.ctx.storage.deleteAll();
  }
}
