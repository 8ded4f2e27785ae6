// The attempt loop over one ranked candidate list: breakers decide who is skipped, the
// retry budget decides whether a failure may be retried at all, retry-after decides whether
// to wait (only when nothing else is left) and hedging may race a second candidate.
//
// The retry budget exists to stop retry storms against a failing provider; it never denies a
// fallback to a different provider whose model is healthy (breaker closed, no failure since its
// last success), and when it does deny one the outcome says so (x-router-fallback-skipped: budget).
// Only provider-side failures (5xx, 429, timeouts, broken streams, the operator's credentials)
// reach the breakers: a request the provider refuses as invalid is that caller's problem alone.
import { RouterError } from "../errors.ts";
import { getProvider } from "../providers/registry.ts";
import { isUnsupportedParameter } from "../providers/unsupported.ts";
import { isClientFault, retryAfterMs, upstreamStatus, upstreamUnreachable } from "../providers/upstream-error.ts";
import type { CanonicalRequest } from "../schema/canonical.ts";
import type { Candidate } from "../select/selection.ts";
import { runAttempt, type AttemptResult } from "./attempt.ts";
import { estimated, partChars } from "./attempt-charge.ts";
import { sleep } from "./clock.ts";
import type { AttemptCharge, AttemptRecord } from "../schema/facts.ts";
import type { DispatchDeps, DispatchInput, SkipReason } from "./types.ts";

/** Sets an answer aside: closes its connection, and charges what it produced. */
export function dropAnswer(served: Served, reason: NonNullable<AttemptRecord["dropped"]>): void {
  served.result.abort();
  served.record.outcome = "dropped";
  served.record.dropped = reason;
  if (served.result.kind === "stream") {
    served.record.charge ??= estimated(partChars(served.result.held));
    void served.result.reader.cancel();
  }
}

export interface Served {
  candidate: Candidate;
  result: AttemptResult;
  record: AttemptRecord;
}

const noCandidate = () =>
  new RouterError("No provider could be tried for this request.", {
    status: 502,
    type: "upstream_error",
    code: "upstream_unreachable",
  });

export class AttemptLoop {
  readonly records: AttemptRecord[];
  /** Set when the retry budget denied a fallback. */
  fallbackSkipped: SkipReason | undefined;
  /** Clock time by which the answer must be committed (ROUTER_REQUEST_TIMEOUT_MS). */
  readonly deadline: number;

  private readonly input: DispatchInput;
  private readonly deps: DispatchDeps;
  /** Providers that failed in this request: a fallback to them is a retry, and pays from the budget. */
  private readonly failedProviders = new Set<string>();

  /** `records`: the request's attempts so far (a continuation shares them, and the attempt cap). */
  constructor(input: DispatchInput, deps: DispatchDeps, records: AttemptRecord[] = []) {
    this.input = input;
    this.deps = deps;
    this.records = records;
    this.deadline = deps.clock.now() + deps.config.requestTimeoutMs;
  }

  /** A fallback that cannot feed a retry storm: another provider, and a model without recent failures. */
  private freeFallback(candidate: Candidate): boolean {
    return !this.failedProviders.has(candidate.model.provider) && this.deps.state.breakers.healthy(candidate.model.id);
  }

  get upstreamAttempts(): number {
    return this.records.length;
  }

  /** Tries the candidates in order; resolves with the first committed answer. */
  async tryCandidates(list: readonly Candidate[], lookahead: boolean): Promise<Served> {
    const { clock, config, state } = this.deps;
    const queue = list.filter((c) => getProvider(c.model.provider) && this.input.endpoints.has(c.model.provider));
    let lastError: RouterError | undefined;
    let unsupported: RouterError | undefined;
    const openBreakers: Candidate[] = [];
    let waitedFor: string | undefined;
    let unaffordable = false;

    for (let index = 0; index < queue.length; index++) {
      const candidate = queue[index]!;
      if (this.upstreamAttempts >= config.maxAttempts || clock.now() >= this.deadline) break;
      if (!state.breakers.allow(candidate.model.id, clock.now())) {
        openBreakers.push(candidate);
        continue;
      }
      const maxTokens = this.input.budget?.maxTokens(candidate, this.records, this.input.request);
      if (maxTokens === null) {
        this.fallbackSkipped ??= "key_budget"; // the key cannot afford this model now; a cheaper one may do
        unaffordable = true;
        continue;
      }
      if (this.upstreamAttempts > 0 && !this.freeFallback(candidate) && !state.retryBudget.tryWithdraw()) {
        this.fallbackSkipped = "budget"; // no retry storms; a later, healthy provider may still be tried
        continue;
      }
      try {
        const rest = queue.slice(index + 1);
        return await this.attemptMaybeHedged(candidate, rest, lookahead, maxTokens, (skip) => (index += skip));
      } catch (err) {
        if (isUnsupportedParameter(err)) {
          unsupported ??= err;
          continue;
        }
        const error = err instanceof RouterError ? err : upstreamUnreachable(candidate.model.provider);
        lastError = error;
        if (!error.retryable) break;
        // retry-after: wait only when no other candidate is left, the wait is short, and only once.
        const wait = error.status === 429 ? (this.retryAfter.get(error) ?? 0) : undefined;
        const last = index === queue.length - 1;
        const fits = wait !== undefined && wait <= config.retryAfterMaxWaitMs && clock.now() + wait < this.deadline;
        if (fits && last && waitedFor !== candidate.model.id) {
          waitedFor = candidate.model.id;
          await sleep(clock, wait);
          index -= 1;
        }
      }
    }
    // Every candidate's breaker was open and nothing was tried: probe the first anyway rather
    // than fail a request the provider might serve (one attempt, so no amplification).
    const probe = openBreakers[0];
    const probeCap = probe && this.input.budget?.maxTokens(probe, this.records, this.input.request);
    if (this.upstreamAttempts === 0 && probe && probeCap !== null && !lastError) {
      try {
        return await this.attemptOne(probe, lookahead, probeCap);
      } catch (err) {
        lastError = err instanceof RouterError ? err : upstreamUnreachable(probe.model.provider);
      }
    }
    if (!lastError && unaffordable && this.input.budget) throw this.input.budget.refusal();
    throw lastError ?? unsupported ?? noCandidate();
  }

  /** retry-after of the last 429, remembered by error object. */
  private readonly retryAfter = new WeakMap<RouterError, number>();

  private async attemptOne(
    candidate: Candidate,
    lookahead: boolean,
    maxTokens: number | undefined,
    signal?: AbortSignal,
    hedge = false,
  ): Promise<Served> {
    const { clock, state } = this.deps;
    const provider = getProvider(candidate.model.provider)!;
    const endpoint = this.input.endpoints.get(candidate.model.provider)!;
    const key = candidate.model.id;
    let record: AttemptRecord | undefined;
    let charge: AttemptCharge | undefined;
    try {
      const result = await runAttempt({
        request: this.input.request,
        candidate,
        provider,
        endpoint,
        fetch: this.deps.fetch,
        clock,
        config: this.deps.config,
        lookahead,
        ...(signal ? { signal } : {}),
        deadline: this.deadline,
        maxTokens,
        onFetch: () => {
          record = { model: key, provider: candidate.model.provider, status: 0, ...(hedge ? { hedge } : {}) };
          if (maxTokens !== undefined) record.maxTokens = maxTokens;
          this.records.push(record);
        },
        onCharge: (c) => (charge = c),
      });
      record!.status = 200;
      record!.outcome = "served";
      if (charge) record!.charge = charge;
      state.breakers.success(key, clock.now());
      state.ttft.record(key, result.latencyMs);
      return { candidate, result, record: record! };
    } catch (err) {
      if (record) {
        const error = err instanceof RouterError ? err : upstreamUnreachable(candidate.model.provider);
        record.status = upstreamStatus(error);
        record.error = error.code ?? error.message;
        record.outcome = "failed";
        if (charge) record.charge = charge;
        if (signal?.aborted) {
          // A hedge that lost while still waiting: the provider has the request, so its input is billed.
          record.outcome = "dropped";
          record.dropped = "hedge";
          record.charge ??= estimated(0);
        }
        // A request the provider refused as invalid is the caller's: it says nothing about the provider.
        if (!signal?.aborted && !isClientFault(error)) {
          this.failedProviders.add(candidate.model.provider);
          const pause = error.status === 429 ? retryAfterMs(new Headers(error.headers)) : undefined;
          if (pause !== undefined) this.retryAfter.set(error, pause);
          state.breakers.failure(key, clock.now(), record.error, pause);
        }
      }
      throw err;
    }
  }

  private async attemptMaybeHedged(
    candidate: Candidate,
    rest: readonly Candidate[],
    lookahead: boolean,
    maxTokens: number | undefined,
    consumed: (count: number) => void,
  ): Promise<Served> {
    const { config, state, clock } = this.deps;
    const backup = rest[0];
    // Checked before hedgeDelay: its p95 sorts recent samples, work wasted when hedging is off. A
    // key's budget hold is never hedged: two answers at once could spend it twice.
    const hedgeable =
      config.hedge &&
      this.input.latencySensitive &&
      !this.input.budget &&
      backup &&
      this.upstreamAttempts + 2 <= config.maxAttempts;
    const delay = hedgeable ? this.hedgeDelay(candidate) : undefined;
    if (!backup || delay === undefined) return this.attemptOne(candidate, lookahead, maxTokens);
    const primaryAbort = new AbortController();
    const primary = this.attemptOne(candidate, lookahead, maxTokens, primaryAbort.signal);
    const timer = new Promise<"hedge">((resolve) => clock.setTimeout(() => resolve("hedge"), delay));
    const first = await Promise.race([
      primary.then(
        () => "done" as const,
        () => "done" as const,
      ),
      timer,
    ]);
    if (first === "done" || !state.breakers.allow(backup.model.id, clock.now()) || !state.hedgeBudget.tryWithdraw()) {
      return primary;
    }
    consumed(1);
    const backupAbort = new AbortController();
    const second = this.attemptOne(backup, lookahead, undefined, backupAbort.signal, true);
    const winner = await firstSuccess([
      { promise: primary, abort: primaryAbort },
      { promise: second, abort: backupAbort },
    ]);
    // The loser, if still waiting, was aborted: the provider has its request, so its input is billed.
    for (const record of this.records) {
      if (record.outcome !== undefined) continue;
      record.outcome = "dropped";
      record.dropped = "hedge";
      record.charge ??= estimated(0);
    }
    return winner;
  }

  /** Hedge after this model's recent p95 latency (or twice its catalog TTFT while there are few samples). */
  private hedgeDelay(candidate: Candidate): number | undefined {
    const p95 = this.deps.state.ttft.p95(candidate.model.id);
    const estimate = p95 ?? (candidate.model.latency ? candidate.model.latency.ttftMs * 2 : undefined);
    return estimate === undefined ? undefined : Math.max(this.deps.config.hedgeMinDelayMs, estimate);
  }
}

/** The first attempt to commit wins; the loser is aborted (its connection closed). */
function firstSuccess(racers: { promise: Promise<Served>; abort: AbortController }[]): Promise<Served> {
  return new Promise((resolve, reject) => {
    let failures = 0;
    let firstError: unknown;
    let won = false;
    racers.forEach(({ promise }, index) => {
      promise.then(
        (served) => {
          if (won) {
            dropAnswer(served, "hedge");
            return;
          }
          won = true;
          racers.forEach((other, j) => j !== index && other.abort.abort());
          resolve(served);
        },
        (err) => {
          firstError ??= err;
          if (++failures === racers.length) reject(firstError);
        },
      );
    });
  });
}
