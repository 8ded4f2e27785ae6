// The KeyUsage arithmetic in isolate memory: used when the KEY_USAGE Durable Object is not bound,
// so limits still hold per isolate (and in unit tests of the gate, as the shared authority).
import { dayOf, monthOf, windowStart, type UsageDelta, type UsageSnapshot } from "./usage-types";

interface State {
  window: { start: number; period: number; requests: number } | undefined;
  spend: Map<string, number>;
}

export class LocalLedger {
  private readonly states = new Map<string, State>();

  sync(id: string, delta: UsageDelta): UsageSnapshot {
    let state = this.states.get(id);
    if (!state) this.states.set(id, (state = { window: undefined, spend: new Map() }));
    for (const { day, usd } of delta.spend) if (usd > 0) state.spend.set(day, (state.spend.get(day) ?? 0) + usd);
    const window = delta.window;
    if (window) {
      const current = windowStart(delta.now, window.periodMs);
      if (!state.window || state.window.period !== window.periodMs || state.window.start < current) {
        state.window = { start: current, period: window.periodMs, requests: 0 };
      }
      if (window.start === state.window.start) state.window.requests += window.requests;
    }
    const inWindow = state.window !== undefined && state.window.start === windowStart(delta.now, state.window.period);
    const day = dayOf(delta.now);
    const month = monthOf(delta.now);
    let monthSpend = 0;
    for (const [d, usd] of state.spend) if (d.startsWith(month)) monthSpend += usd;
    return {
      windowStart: state.window?.start ?? 0,
      windowRequests: inWindow ? state.window!.requests : 0,
      day,
      daySpendUsd: state.spend.get(day) ?? 0,
      month,
      monthSpendUsd: monthSpend,
    };
  }
}
