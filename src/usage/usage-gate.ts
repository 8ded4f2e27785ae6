// Per-key rate limits and budgets, decided in the isolate without a round trip on the hot path.
//
// Each isolate keeps, per key, the last totals its KeyUsage Durable Object returned ("synced")
// plus what it admitted or spent since (in flight to the object, or pending). A request is
// admitted when synced + in flight + pending stays under the limit; after the response one sync
// per key and isolate sends the deltas and brings back every isolate's totals (one call in flight
// at a time; deltas that arrive meanwhile ride on the next loop). The first request of a key in an
// isolate (or one after HARD_STALE_MS of silence) waits for a sync, bounded by COLD_TIMEOUT_MS.
//
// Consequences, stated in the README: within one isolate limits are exact; across isolates a key
// can overshoot by what other isolates admitted since their last sync (about one round trip of
// traffic). A stale view only ever under-counts, so it never refuses a request that should pass.
// If the Durable Object cannot be reached, isolates enforce with their local counts (logged).
import { RouterError } from "../errors.ts";
import { formatUsd } from "../pricing/cost.ts";
import { checkBudget, type BudgetCheck } from "./budget.ts";
import { dayOf, monthOf, windowStart, type UsageDelta, type UsageSnapshot } from "./usage-types.ts";
import { withTimeout } from "../util/with-timeout.ts";

export interface UsageLimits {
  rate?: { requests: number; periodMs: number } | undefined;
  daily?: number | undefined;
  monthly?: number | undefined;
}

export const hasLimits = (limits: UsageLimits) =>
  limits.rate !== undefined || limits.daily !== undefined || limits.monthly !== undefined;

export type Admission =
  | {
      ok: true;
      budgetRemainingUsd: number | undefined;
      budgetResetSeconds: number | undefined;
      headers: Record<string, string>;
    }
  | { ok: false; kind: "rate" | "budget"; error: RouterError };

interface Bucket {
  windowStart: number | undefined;
  periodMs: number | undefined;
  requests: number;
  spend: Map<string, number>;
}

interface View {
  synced: UsageSnapshot | undefined;
  syncedAt: number;
  pending: Bucket;
  inflight: Bucket | undefined;
  syncing: Promise<void> | undefined;
  failedAt: number | undefined;
}

export interface GateOptions {
  now?: () => number;
  /** Wait for a sync before deciding when the view is older than this (or missing). */
  hardStaleMs?: number;
  /** Refresh in the background when the view is older than this. */
  softStaleMs?: number;
  /** The longest a request waits for a cold sync. */
  coldTimeoutMs?: number;
  /** After a failed sync, decide locally for this long before waiting again. */
  retryAfterFailureMs?: number;
  /** A sync call that takes longer than this counts as failed. */
  syncTimeoutMs?: number;
}

const MAX_VIEWS = 10_000;
const emptyBucket = (): Bucket => ({ windowStart: undefined, periodMs: undefined, requests: 0, spend: new Map() });
const hasContent = (b: Bucket) => b.requests > 0 || b.spend.size > 0;

export type RemoteSync = (id: string, delta: UsageDelta) => Promise<UsageSnapshot>;
type WaitUntil = (promise: Promise<unknown>) => void;

export class UsageGate {
  private readonly views = new Map<string, View>();
  private readonly now: () => number;
  private readonly hardStaleMs: number;
  private readonly softStaleMs: number;
  private readonly coldTimeoutMs: number;
  private readonly retryAfterFailureMs: number;
  private readonly syncTimeoutMs: number;

  private readonly remote: RemoteSync;

  constructor(remote: RemoteSync, options: GateOptions = {}) {
    this.remote = remote;
    this.now = options.now ?? Date.now;
    this.hardStaleMs = options.hardStaleMs ?? 60_000;
    this.softStaleMs = options.softStaleMs ?? 1_000;
    this.coldTimeoutMs = options.coldTimeoutMs ?? 1_000;
    this.retryAfterFailureMs = options.retryAfterFailureMs ?? 10_000;
    this.syncTimeoutMs = options.syncTimeoutMs ?? 5_000;
  }

  async admit(id: string, limits: UsageLimits, waitUntil: WaitUntil): Promise<Admission> {
    const view = this.view(id);
    const now = this.now();
    const stale = !view.synced || now - view.syncedAt > this.hardStaleMs;
    const recentlyFailed = view.failedAt !== undefined && now - view.failedAt < this.retryAfterFailureMs;
    if (stale && !recentlyFailed) await this.syncWithin(id, view, waitUntil, this.coldTimeoutMs);
    else if (now - view.syncedAt > this.softStaleMs) this.schedule(id, view, waitUntil);

    const at = this.now();
    const budget = this.budget(view, limits, at);
    if (budget.exhausted) return { ok: false, kind: "budget", error: budget.exhausted };

    const headers: Record<string, string> = {};
    if (limits.rate) {
      const start = windowStart(at, limits.rate.periodMs);
      const used = this.windowCount(view, start);
      const resetSeconds = Math.max(1, Math.ceil((start + limits.rate.periodMs - at) / 1000));
      headers["x-ratelimit-limit-requests"] = String(limits.rate.requests);
      headers["x-ratelimit-reset-requests"] = `${resetSeconds}s`;
      if (used >= limits.rate.requests) {
        headers["x-ratelimit-remaining-requests"] = "0";
        headers["retry-after"] = String(resetSeconds);
        const error = new RouterError(
          `Rate limit reached for this key: ${limits.rate.requests} requests per ${limits.rate.periodMs / 1000} s. Retry after ${resetSeconds} s.`,
          { status: 429, type: "rate_limit_error", code: "rate_limit_exceeded", headers },
        );
        return { ok: false, kind: "rate", error };
      }
      headers["x-ratelimit-remaining-requests"] = String(limits.rate.requests - used - 1);
      const pending = view.pending;
      if (pending.windowStart !== start || pending.periodMs !== limits.rate.periodMs) {
        // Requests admitted in an earlier window no longer count against anything.
        pending.windowStart = start;
        pending.periodMs = limits.rate.periodMs;
        pending.requests = 0;
      }
      pending.requests += 1;
      this.schedule(id, view, waitUntil);
    }
    if (budget.remaining !== undefined) headers["x-router-budget-remaining-usd"] = formatUsd(budget.remaining);
    return { ok: true, budgetRemainingUsd: budget.remaining, budgetResetSeconds: budget.resetSeconds, headers };
  }

  /** Adds actual spend (after a response); synced in the background. */
  recordSpend(id: string, usd: number, waitUntil: WaitUntil): void {
    if (!(usd > 0) || !Number.isFinite(usd)) return;
    const view = this.view(id);
    const day = dayOf(this.now());
    view.pending.spend.set(day, (view.pending.spend.get(day) ?? 0) + usd);
    this.schedule(id, view, waitUntil);
  }

  /** Resolves when nothing is pending or in flight for `id` (tests, stats). */
  async drain(id: string): Promise<void> {
    const view = this.views.get(id);
    while (view?.syncing) await view.syncing;
  }

  private windowCount(view: View, start: number): number {
    const synced = view.synced?.windowStart === start ? view.synced.windowRequests : 0;
    const inflight = view.inflight?.windowStart === start ? view.inflight.requests : 0;
    const pending = view.pending.windowStart === start ? view.pending.requests : 0;
    return synced + inflight + pending;
  }

  private localSpend(view: View, match: (day: string) => boolean): number {
    let usd = 0;
    for (const bucket of [view.inflight, view.pending]) {
      for (const [day, amount] of bucket?.spend ?? []) if (match(day)) usd += amount;
    }
    return usd;
  }

  private budget(view: View, limits: UsageLimits, at: number): BudgetCheck {
    const day = dayOf(at);
    const month = monthOf(at);
    return checkBudget(limits, at, {
      day: (view.synced?.day === day ? view.synced.daySpendUsd : 0) + this.localSpend(view, (d) => d === day),
      month:
        (view.synced?.month === month ? view.synced.monthSpendUsd : 0) +
        this.localSpend(view, (d) => d.startsWith(month)),
    });
  }

  private view(id: string): View {
    let view = this.views.get(id);
    if (view) {
      this.views.delete(id);
      this.views.set(id, view);
      return view;
    }
    view = {
      synced: undefined,
      syncedAt: 0,
      pending: emptyBucket(),
      inflight: undefined,
      syncing: undefined,
      failedAt: undefined,
    };
    this.views.set(id, view);
    if (this.views.size > MAX_VIEWS) {
      for (const [oldId, old] of this.views) {
        if (!old.syncing && !hasContent(old.pending)) {
          this.views.delete(oldId);
          break;
        }
      }
    }
    return view;
  }

  private schedule(id: string, view: View, waitUntil: WaitUntil): Promise<void> {
    if (!view.syncing) {
      view.syncing = this.loop(id, view);
      waitUntil(view.syncing);
    }
    return view.syncing;
  }

  private async syncWithin(id: string, view: View, waitUntil: WaitUntil, ms: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    await Promise.race([this.schedule(id, view, waitUntil), timeout]);
    if (timer !== undefined) clearTimeout(timer);
  }

  private async loop(id: string, view: View): Promise<void> {
    try {
      do {
        const bucket = view.pending;
        view.pending = { ...emptyBucket(), windowStart: bucket.windowStart, periodMs: bucket.periodMs };
        view.inflight = bucket;
        const delta: UsageDelta = {
          now: this.now(),
          spend: [...bucket.spend].map(([day, usd]) => ({ day, usd })),
          ...(bucket.windowStart !== undefined && bucket.periodMs !== undefined
            ? { window: { start: bucket.windowStart, periodMs: bucket.periodMs, requests: bucket.requests } }
            : {}),
        };
        view.synced = await withTimeout(this.remote(id, delta), this.syncTimeoutMs, "usage sync");
        view.syncedAt = this.now();
        view.inflight = undefined;
        view.failedAt = undefined;
      } while (hasContent(view.pending));
    } catch (error) {
      const lost = view.inflight;
      view.inflight = undefined;
      if (lost) {
        // Keep the deltas for the next sync (a timed-out call that did land counts twice: the safe side).
        if (lost.windowStart === view.pending.windowStart) view.pending.requests += lost.requests;
        for (const [day, usd] of lost.spend) view.pending.spend.set(day, (view.pending.spend.get(day) ?? 0) + usd);
      }
      view.failedAt = this.now();
      console.error(JSON.stringify({ level: "error", event: "usage_sync_failed", key_id: id, error: String(error) }));
    } finally {
      view.syncing = undefined;
    }
  }
}
